import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dateOf } from "../../src/modules/officers/officer.ts";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Application = {
  id: string;
  status: string;
  fields: string[];
  trainingHours: number;
  requiredHours: number;
  examScore: number | null;
  decision: { outcome: string; certificateId: string | null; note: string } | null;
};

describe(`certificate applications (申领, O2) over HTTP on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const year = () => Number(dateOf(t.ctx.now()).slice(0, 4));
  const officer = async (username: string) => {
    const list = await t.call({ as: s["dh.admin"], url: `/api/v1/officers?q=${username}` });
    return (list.json().items as { id: string; username: string; userId: string; agencyId: string }[]).find(
      (o) => o.username === username,
    )! as { id: string; username: string; userId: string; agencyId: string };
  };
  const apply = (as: string, officerId: string, fields = ["市容环境卫生"]) =>
    t.call({
      as: s[as],
      method: "POST",
      url: `/api/v1/officers/${officerId}/certificate-applications`,
      payload: { fields, note: "新证申领" },
    });
  const decide = (as: string, id: string, payload: Record<string, unknown>) =>
    t.call({ as: s[as], method: "POST", url: `/api/v1/certificate-applications/${id}/decision`, payload });
  const ledgerCount = async (type: string) =>
    (
      await t.ctx.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE event_type = '${type}'`,
      )
    )[0]!.n;

  before(async () => {
    t = await testApp();
    for (const u of ["dh.admin", "xs.admin", "dh.hb.01", "dh.hb.02", "dh.hb.xg"]) s[u] = await t.login(u);
  });
  after(async () => t?.close());

  test("O2: refused without the training hours and a passed exam, in a non-enforcement post, or with a live certificate; nothing written", async () => {
    const before = await businessRowCounts(t.ctx.database);
    const hb02 = await officer("dh.hb.02");
    const res = await apply("dh.hb.02", hb02.id);
    assertError(res, 422, "CERTIFICATE_NOT_ELIGIBLE");
    const msg = (res.json() as { error: { message: string } }).error.message;
    assert.match(msg, /培训学时 \d+，未达到规定的 60 学时（O2）/);
    assert.match(msg, /没有通过执法资格考试的成绩（O2）/);
    assert.match(
      (await apply("dh.admin", (await officer("dh.hb.xg")).id)).json().error.message,
      /不在执法岗位/,
    );
    assert.match(
      (await apply("dh.admin", (await officer("dh.hb.01")).id)).json().error.message,
      /已持有执法证/,
    );
    // Someone else's application needs officer.manage; another county cannot file one.
    assertError(await apply("dh.hb.01", hb02.id), 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);
    assertError(await apply("xs.admin", hb02.id), 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("O2: once trained and examined, the officer applies; refusal needs a reason and is final", async () => {
    const hb02 = await officer("dh.hb.02");
    // Top up 东湖's plan: 20 more hours and a passed exam for 刘洋 (dh.hb.02).
    const plans = (await t.call({ as: s["dh.admin"], url: `/api/v1/training/plans?year=${year()}` })).json();
    const planId = (plans.items as { id: string; agencyName: string }[])[0]!.id;
    const withSession = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/training/plans/${planId}/sessions`,
      payload: { title: "补训", kind: "on_post", online: true, heldOn: `${year()}-05-10`, hours: 20 },
    });
    assert.equal(withSession.statusCode, 201, withSession.body);
    const sessionId = (withSession.json().sessions as { id: string; title: string }[]).find(
      (x) => x.title === "补训",
    )!.id;
    const att = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/training/sessions/${sessionId}/attendance`,
      payload: { officerIds: [hb02.id] },
    });
    assert.equal(att.statusCode, 201, att.body);
    const withExam = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/training/plans/${planId}/exams`,
      payload: { title: "补考", heldOn: `${year()}-05-20` },
    });
    const examId = (withExam.json().exams as { id: string; title: string }[]).find(
      (x) => x.title === "补考",
    )!.id;
    const res = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/training/exams/${examId}/results`,
      payload: { results: [{ officerId: hb02.id, score: 75 }] },
    });
    assert.equal(res.statusCode, 201, res.body);

    const applied = await apply("dh.hb.02", hb02.id);
    assert.equal(applied.statusCode, 201, applied.body);
    const a = applied.json() as Application;
    assert.deepEqual([a.status, a.trainingHours, a.requiredHours, a.examScore], ["pending", 60, 60, 75]);
    assertError(await apply("dh.hb.02", hb02.id), 409, "CONFLICT");
    // Only the managing bureau decides; a refusal states its reason.
    assertError(await decide("dh.hb.02", a.id, { outcome: "rejected", note: "自批" }), 403, "FORBIDDEN");
    assertError(
      await decide("xs.admin", a.id, { outcome: "rejected", note: "越权" }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(await decide("dh.admin", a.id, { outcome: "rejected" }), 400, "VALIDATION_FAILED");
    const refused = await decide("dh.admin", a.id, {
      outcome: "rejected",
      note: "执法领域填写有误，请重新申领",
    });
    assert.equal(refused.statusCode, 201, refused.body);
    assert.deepEqual([refused.json().status, refused.json().decision.certificateId], ["rejected", null]);
    assertError(
      await decide("dh.admin", a.id, {
        outcome: "approved",
        certificate: { number: "3307009990001", issuingBody: "示范省人民政府", issuedOn: `${year()}-06-01` },
      }),
      409,
      "CONFLICT",
    );
    assert.equal(await ledgerCount("certificate.application_decided"), 1);
    // The record cannot be edited in the database (append-only).
    await assert.rejects(
      t.ctx.database.query("UPDATE certificate_application_decisions SET outcome = 'approved'"),
      /append-only/,
    );
    await assert.rejects(t.ctx.database.query("DELETE FROM certificate_applications"), /append-only/);
  });

  test("O2: approval issues the certificate through the issue use case; the officer may then enforce", async () => {
    const hb02 = await officer("dh.hb.02");
    const applied = await apply("dh.hb.02", hb02.id, ["市容环境卫生", "城乡规划"]);
    assert.equal(applied.statusCode, 201, applied.body);
    const id = (applied.json() as Application).id;
    const issuedBefore = await ledgerCount("certificate.issued");
    const issuedOn = dateOf(t.ctx.now());
    const ok = await decide("dh.admin", id, {
      outcome: "approved",
      note: "经审核符合条件",
      certificate: { number: "3307009990002", issuingBody: "示范省人民政府", issuedOn },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const a = ok.json() as Application;
    assert.equal(a.status, "approved");
    assert.equal(await ledgerCount("certificate.issued"), issuedBefore + 1);
    assert.equal(await ledgerCount("certificate.application_decided"), 2);
    assert.ok(a.decision?.certificateId);
    const detail = (await t.call({ as: s["dh.admin"], url: `/api/v1/officers/${hb02.id}` })).json() as {
      certificates: { id: string; number: string; status: string; fields: string[] }[];
    };
    const cert = detail.certificates.find((c) => c.id === a.decision!.certificateId)!;
    assert.deepEqual(
      [cert.number, cert.status, cert.fields],
      ["3307009990002", "valid", ["市容环境卫生", "城乡规划"]],
    );
    const may = await t.call({
      as: s["dh.admin"],
      url: `/api/v1/officers/may-enforce?userId=${hb02.userId}&agencyId=${hb02.agencyId}&field=${encodeURIComponent("城乡规划")}&date=${issuedOn}`,
    });
    assert.equal(may.statusCode, 200, may.body);
    assert.equal(may.json().ok, true);
    const list = (
      await t.call({ as: s["dh.admin"], url: `/api/v1/officers/${hb02.id}/certificate-applications` })
    ).json() as Application[];
    assert.deepEqual(list.map((x) => x.status).sort(), ["approved", "rejected"]);
  });
});
