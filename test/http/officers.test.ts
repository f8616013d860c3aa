import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { AppError } from "../../src/core/errors.ts";
import { assertMayEnforce, assertTwoCertifiedOfficers } from "../../src/modules/officers/may-enforce.ts";
import { addDays, dateOf } from "../../src/modules/officers/officer.ts";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Officer = {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  version: number;
  certificateStatus: string | null;
  certificateNumber: string | null;
  certificates: {
    id: string;
    number: string;
    status: string;
    events: { kind: string }[];
    reviews: unknown[];
  }[];
  rotations: { toPost: string }[];
  training: { year: number; hours: number; requiredHours: number }[];
};

describe(`officers and certificates over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const today = () => dateOf(t.ctx.now());
  const byUser = async (username: string, as = s["dh.admin"]!): Promise<Officer> => {
    const list = await t.call({ as, url: `/api/v1/officers?q=${encodeURIComponent(username)}` });
    assert.equal(list.statusCode, 200, list.body);
    const hit = (list.json().items as { id: string; username: string }[]).find(
      (o) => o.username === username,
    );
    assert.ok(hit, username);
    return (await t.call({ as, url: `/api/v1/officers/${hit.id}` })).json();
  };
  const mayEnforce = async (username: string, agency: "donghu" | "xishan", field: string, date = today()) =>
    (
      await t.call({
        as: s["city.leader"],
        url: `/api/v1/officers/may-enforce?userId=${t.user[username]}&agencyId=${t.agency[agency]}&field=${encodeURIComponent(field)}&date=${date}`,
      })
    ).json() as { ok: boolean; reason: string | null };

  before(async () => {
    t = await testApp();
    for (const u of ["dh.admin", "dh.leader", "xs.admin", "city.leader", "admin", "dh.hb.01"])
      s[u] = await t.login(u);
  });
  after(async () => t?.close());

  test("list with filters: agency subtree, status, expiring, legal qualification", async () => {
    const get = async (q: string) =>
      (await t.call({ as: s["city.leader"], url: `/api/v1/officers?${q}` })).json();
    assert.equal((await get("pageSize=100")).total, 16);
    assert.equal((await get(`agencyId=${t.agency.donghu}`)).total, 8);
    assert.equal((await get(`agencyId=${t.agency.donghu}&subtree=false`)).total, 1);
    assert.deepEqual(
      (await get("status=expired")).items.map((o: { displayName: string }) => o.displayName),
      ["李娜"],
    );
    assert.equal((await get("status=none")).total, 5);
    assert.equal((await get("expiringWithinDays=60")).total, 2);
    assert.equal((await get("legalQualified=true")).total, 4);
    const page = await get("pageSize=5&page=2");
    assert.equal(page.items.length, 5);
    // A county sees only its own officers.
    const dh = (await t.call({ as: s["dh.admin"], url: "/api/v1/officers?pageSize=100" })).json();
    assert.equal(dh.total, 8);
  });

  test("detail: certificate history (renewal kept), reviews, rotations, training hours", async () => {
    const lin = await byUser("xs.cg.lead", s["xs.admin"]);
    assert.deepEqual(
      lin.certificates.map((c) => c.status),
      ["replaced", "valid"],
    );
    const zhang = await byUser("dh.hb.01");
    assert.equal(zhang.certificates[0]!.reviews.length, 1);
    assert.deepEqual(
      zhang.rotations.map((r) => r.toPost),
      ["执法队员", "执法组长"],
    );
    const thisYear = Number(today().slice(0, 4));
    assert.deepEqual(
      zhang.training.find((x) => x.year === thisYear),
      { year: thisYear, hours: 64, requiredHours: 60 },
    );
  });

  test("O1: may-enforce refuses expired, suspended, missing certificates and uncovered fields", async () => {
    assert.deepEqual(await mayEnforce("dh.hb.01", "donghu", "市容环境卫生"), { ok: true, reason: null });
    assert.match((await mayEnforce("dh.hb.01", "donghu", "林业")).reason!, /不包括「林业」/);
    assert.match((await mayEnforce("dh.hb.02", "donghu", "市容环境卫生")).reason!, /到期/);
    assert.equal((await mayEnforce("dh.hb.02", "donghu", "市容环境卫生", addDays(today(), -11))).ok, true);
    assert.match((await mayEnforce("xs.cg.02", "xishan", "市容环境卫生")).reason!, /暂扣/);
    assert.match((await mayEnforce("dh.hb.xg", "donghu", "市容环境卫生")).reason!, /未持有/);
    assert.match((await mayEnforce("dh.hb.01", "xishan", "市容环境卫生")).reason!, /不是/);
  });

  test("C2: two distinct certified officers, else CERTIFICATE_INVALID naming who is refused", async () => {
    const act = { agencyId: t.agency.donghu, field: "市容环境卫生", date: today() };
    await assertTwoCertifiedOfficers(t.ctx.db, {
      ...act,
      userIds: [t.user["dh.hb.01"]!, t.user["dh.hb.lead"]!],
    });
    await assert.rejects(
      assertTwoCertifiedOfficers(t.ctx.db, { ...act, userIds: [t.user["dh.hb.01"]!, t.user["dh.hb.01"]!] }),
      (e: AppError) => e.code === "CERTIFICATE_INVALID" && /至少两名/.test(e.message),
    );
    await assert.rejects(
      assertTwoCertifiedOfficers(t.ctx.db, { ...act, userIds: [t.user["dh.hb.01"]!, t.user["dh.hb.02"]!] }),
      (e: AppError) => e.code === "CERTIFICATE_INVALID" && /李娜/.test(e.message),
    );
  });

  test("permissions: another county cannot change, the city reads but does not change, an officer cannot manage", async () => {
    const zhang = await byUser("dh.hb.01");
    const cert = zhang.certificates.at(-1)!;
    const before = await businessRowCounts(t.ctx.database);
    const suspend = { effectiveOn: today(), reason: "测试" };
    for (const who of ["xs.admin", "city.leader", "admin"]) {
      assertError(
        await t.call({
          as: s[who],
          method: "POST",
          url: `/api/v1/certificates/${cert.id}/suspension`,
          payload: suspend,
        }),
        403,
        ["FORBIDDEN_AGENCY", "FORBIDDEN"],
      );
    }
    assertError(
      await t.call({
        as: s["dh.hb.01"],
        method: "POST",
        url: `/api/v1/certificates/${cert.id}/suspension`,
        payload: suspend,
      }),
      403,
      "FORBIDDEN",
    );
    assertError(
      await t.call({ as: s["xs.admin"], url: `/api/v1/officers/${zhang.id}` }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assert.equal(
      (await t.call({ as: s["city.leader"], url: `/api/v1/officers/${zhang.id}` })).statusCode,
      200,
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("bad input is a 4xx with a code and writes nothing", async () => {
    const zhang = await byUser("dh.hb.01");
    const xg = await byUser("dh.hb.xg");
    const before = await businessRowCounts(t.ctx.database);
    const issue = (id: string, payload: object) =>
      t.call({ as: s["dh.admin"], method: "POST", url: `/api/v1/officers/${id}/certificates`, payload });
    const good = {
      number: "33079999001",
      issuingBody: "示范省人民政府",
      fields: ["市容环境卫生"],
      issuedOn: today(),
    };
    assertError(await issue(zhang.id, { ...good, issuedOn: "2026-02-30" }), 400, "VALIDATION_FAILED");
    assertError(await issue(zhang.id, { ...good, fields: [] }), 400, "VALIDATION_FAILED");
    assertError(await issue(zhang.id, { ...good, extra: 1 }), 400, "VALIDATION_FAILED");
    assertError(await issue(zhang.id, good), 400, "VALIDATION_FAILED"); // already holds a valid one
    assertError(await issue(xg.id, good), 400, "VALIDATION_FAILED"); // assistant: not an enforcement post
    assertError(await issue("00000000-0000-4000-8000-000000000000", good), 404, "NOT_FOUND");
    const lina = await byUser("dh.hb.02");
    assertError(await issue(lina.id, { ...good, number: zhang.certificateNumber }), 409, "DUPLICATE");
    assertError(
      await issue(lina.id, { ...good, expiresOn: addDays(today(), 365 * 6) }),
      400,
      "VALIDATION_FAILED",
    );
    const cert = zhang.certificates.at(-1)!;
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "POST",
        url: `/api/v1/certificates/${cert.id}/reinstatement`,
        payload: { effectiveOn: today(), reason: "未暂扣" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "POST",
        url: `/api/v1/certificates/${cert.id}/reviews`,
        payload: { year: 2026, reviewedOn: today(), outcome: "maybe" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "PATCH",
        url: `/api/v1/officers/${zhang.id}`,
        payload: { version: 999, staffNo: "X" },
      }),
      409,
      "CONFLICT",
    );
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "PATCH",
        url: `/api/v1/officers/${zhang.id}`,
        payload: { version: zhang.version, legalQualificationNo: "A1" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({ as: s["dh.admin"], url: "/api/v1/officers?status=bogus" }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({ as: s["dh.admin"], url: `/api/v1/agencies/${t.agency.donghu}/kpis?year=99` }),
      400,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("issue for a new officer, renew (old kept), annual review failed → suspended, reinstated", async () => {
    const lina = await byUser("dh.hb.02");
    const issued = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/officers/${lina.id}/certificates`,
      payload: {
        number: "33079999002",
        issuingBody: "示范省人民政府",
        fields: ["市容环境卫生"],
        issuedOn: today(),
      },
    });
    assert.equal(issued.statusCode, 201, issued.body);
    const after = issued.json() as Officer;
    assert.deepEqual(
      after.certificates.map((c) => c.status),
      ["expired", "valid"],
    );
    assert.equal((await mayEnforce("dh.hb.02", "donghu", "市容环境卫生")).ok, true);
    const newCert = after.certificates.at(-1)!;
    const failed = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/certificates/${newCert.id}/reviews`,
      payload: {
        year: Number(today().slice(0, 4)),
        reviewedOn: today(),
        outcome: "failed",
        note: "考核不合格",
      },
    });
    assert.equal(failed.statusCode, 201, failed.body);
    assert.equal((failed.json() as Officer).certificateStatus, "suspended");
    assert.match((await mayEnforce("dh.hb.02", "donghu", "市容环境卫生")).reason!, /暂扣/);
    const back = await t.call({
      as: s["dh.leader"],
      method: "POST",
      url: `/api/v1/certificates/${newCert.id}/reinstatement`,
      payload: { effectiveOn: today(), reason: "补考合格" },
    });
    assert.equal(back.statusCode, 201, back.body);
    assert.equal((await mayEnforce("dh.hb.02", "donghu", "市容环境卫生")).ok, true);
    const renewed = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/certificates/${newCert.id}/renewal`,
      payload: {
        number: "33079999003",
        issuingBody: "示范省人民政府",
        issuedOn: today(),
        fields: ["市容环境卫生", "城乡规划"],
      },
    });
    assert.equal(renewed.statusCode, 201, renewed.body);
    const r = renewed.json() as Officer;
    assert.deepEqual(
      r.certificates.map((c) => c.status),
      ["expired", "replaced", "valid"],
    );
    assert.equal(r.certificateNumber, "33079999003");
    // The expired first certificate cannot be renewed while a newer one is in force.
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "POST",
        url: `/api/v1/certificates/${r.certificates[0]!.id}/renewal`,
        payload: { number: "33079999004", issuingBody: "示范省人民政府", issuedOn: today() },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assert.equal((await mayEnforce("dh.hb.02", "donghu", "城乡规划")).ok, true);
  });

  test("O2: leaving an enforcement post revokes the certificate at once; assertMayEnforce throws 422's code", async () => {
    const zhang = await byUser("dh.hb.01");
    const act = {
      userId: t.user["dh.hb.01"]!,
      agencyId: t.agency.donghu,
      field: "市容环境卫生",
      date: today(),
    };
    await assertMayEnforce(t.ctx.db, act);
    const res = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/officers/${zhang.id}/rotations`,
      payload: {
        agencyId: t.agency.donghu,
        post: "综合内勤",
        enforcementPost: false,
        effectiveOn: today(),
        reason: "调任机关内勤",
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const after = res.json() as Officer;
    assert.equal(after.certificateStatus, "revoked");
    assert.equal(after.certificates.at(-1)!.events.at(-1)!.kind, "revoked");
    await assert.rejects(assertMayEnforce(t.ctx.db, act), (e: AppError) => {
      assert.equal(e.code, "CERTIFICATE_INVALID");
      assert.match(e.message, /已被收回/);
      return true;
    });
    // Acts dated before the revocation stay lawful.
    await assertMayEnforce(t.ctx.db, { ...act, date: addDays(today(), -1) });
    // The record is append-only: the database refuses to change a certificate in place.
    await assert.rejects(t.ctx.database.query("UPDATE certificates SET number = 'x'"));
    await assert.rejects(t.ctx.database.query("DELETE FROM certificate_events"));
  });

  test("create a profile, then a duplicate is refused; export the list as Excel", async () => {
    const res = await t.call({
      as: s.admin,
      method: "POST",
      url: "/api/v1/officers",
      payload: {
        userId: t.user["city.clerk"],
        agencyId: t.agency.city,
        post: "案件管理",
        enforcementPost: false,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    assertError(
      await t.call({
        as: s.admin,
        method: "POST",
        url: "/api/v1/officers",
        payload: {
          userId: t.user["city.clerk"],
          agencyId: t.agency.city,
          post: "案件管理",
          enforcementPost: false,
        },
      }),
      409,
      "DUPLICATE",
    );
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "POST",
        url: "/api/v1/officers",
        payload: {
          userId: t.user["xs.cg.01"],
          agencyId: t.agency["xishan-1"],
          post: "x",
          enforcementPost: true,
        },
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
    const file = await t.call({ as: s["dh.leader"], url: "/api/v1/officers/export?status=valid" });
    assert.equal(file.statusCode, 200);
    assert.match(String(file.headers["content-type"]), /spreadsheetml/);
    assert.equal(file.rawPayload.subarray(0, 2).toString(), "PK");
  });
});
