import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { loadCalendar } from "../../src/modules/calendar/load-calendar.ts";
import { addWorkingDays } from "../../src/modules/calendar/working-days.ts";
import { dateOf } from "../../src/modules/officers/officer.ts";
import {
  assertError,
  assertNoPersonalNumbers,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

// Service guides (服务指南, G1) and random-inspection results (抽查结果公示, C13): versions kept
// append-only, written by publicity.manage staff of the agency, read without login; an individual
// party's name, ID number and phone never leave the server in public responses (G6).

const guideKeys = [
  "itemId",
  "version",
  "agencyId",
  "agencyName",
  "title",
  "category",
  "categoryName",
  "scope",
  "basis",
  "materials",
  "steps",
  "timeLimit",
  "fee",
  "place",
  "phone",
  "hours",
  "recordedAt",
].sort();
const resultKeys = [
  "resultId",
  "version",
  "agencyId",
  "agencyName",
  "itemId",
  "itemName",
  "partyDisplay",
  "creditCode",
  "inspectedOn",
  "inspectors",
  "result",
  "resultName",
  "handling",
  "caseNumber",
  "publishDueOn",
  "publishedAt",
  "late",
  "withdrawn",
  "withdrawalReason",
  "recordedAt",
].sort();

type Guide = {
  itemId: string;
  version: number;
  title: string;
  steps: string[];
  materials: string[];
  fee: string;
};
type Result = {
  resultId: string;
  version: number;
  partyDisplay: string;
  handling: string;
  result: string;
  resultName: string;
  withdrawn: boolean;
  withdrawalReason: string | null;
  publishDueOn: string | null;
};
type Paged<T> = { items: T[]; total: number };

describe(`service guides and inspection results (C13) (${testEngine()})`, () => {
  let t: TestApp;
  let legal: Session;
  let ip = 1;
  const nextIp = () => `10.9.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;
  const get = (url: string) => t.call({ url, remoteAddress: nextIp() });
  const post = (url: string, as: Session | undefined, payload: object) =>
    t.call({ method: "POST", url, ...(as ? { as } : {}), payload });
  const count = async (table: string) =>
    (
      (await t.ctx.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;

  before(async () => {
    t = await testApp();
    legal = await t.login("dh.legal");
  });
  after(async () => t?.close());

  const guide = () => ({
    agencyId: t.agency.donghu,
    title: "城市道路占用许可办理指南（测试）",
    category: "licence",
    scope: "因特殊情况需要临时占用东湖区城市道路的单位和个人",
    basis: "《城市道路管理条例》第三十一条",
    materials: ["占用道路申请表", "占道位置平面图"],
    steps: ["提交申请", "审查", "作出许可决定"],
    timeLimit: "10 个工作日",
    place: "东湖区行政服务中心",
    phone: "0579-22345678",
    hours: "工作日 9:00—17:00",
  });

  test("G1: service guides are saved as versions by the agency's publicity.manage staff; others are refused", async () => {
    assertError(await post("/api/v1/service-guides", undefined, guide()), 401, "UNAUTHENTICATED");
    const officer = await t.login("dh.hb.01");
    assertError(await post("/api/v1/service-guides", officer, guide()), 403, [
      "FORBIDDEN",
      "FORBIDDEN_AGENCY",
    ]);
    // Another agency's manager (西山 legal reviewer) may not write 东湖's guides.
    const xsLegal = await t.login("xs.legal");
    assertError(await post("/api/v1/service-guides", xsLegal, guide()), 403, "FORBIDDEN_AGENCY");
    assertError(
      await post("/api/v1/service-guides", legal, { ...guide(), steps: [] }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await post("/api/v1/service-guides", legal, { ...guide(), category: "secret" }),
      400,
      "VALIDATION_FAILED",
    );
    const before = await count("service_guide_versions");
    const created = await post("/api/v1/service-guides", legal, guide());
    assert.equal(created.statusCode, 201, created.body);
    const { itemId, version } = created.json() as { itemId: string; version: number };
    assert.equal(version, 1);
    assert.equal(await count("service_guide_versions"), before + 1);

    const changed = await post("/api/v1/service-guides", legal, {
      ...guide(),
      itemId,
      steps: ["网上提交申请", "材料审查与现场踏勘", "作出许可决定", "领取许可证"],
    });
    assert.equal(changed.statusCode, 201, changed.body);
    assert.equal((changed.json() as { version: number }).version, 2);

    // Public: the newest version, searched and filtered by category, with the default fee.
    const detail = await get(`/api/v1/public/service-guides/${itemId}`);
    assert.equal(detail.statusCode, 200, detail.body);
    const d = detail.json() as Guide;
    assert.deepEqual(Object.keys(d).sort(), guideKeys);
    assert.equal(d.version, 2);
    assert.equal(d.steps.length, 4);
    assert.equal(d.fee, "不收费");
    const found = (
      await get(`/api/v1/public/service-guides?q=${encodeURIComponent("道路占用")}&category=licence`)
    ).json() as Paged<Guide>;
    assert.deepEqual(
      found.items.map((g) => g.itemId),
      [itemId],
    );
    const none = (
      await get(`/api/v1/public/service-guides?q=${encodeURIComponent("道路占用")}&category=remedy`)
    ).json() as Paged<Guide>;
    assert.equal(none.total, 0);
    assertError(await get("/api/v1/public/service-guides?category=x"), 400, "VALIDATION_FAILED");
    assertError(await get("/api/v1/public/service-guides?secret=1"), 400, "VALIDATION_FAILED");

    // A change by another agency's manager naming this guide is refused.
    assertError(
      await post("/api/v1/service-guides", xsLegal, { ...guide(), agencyId: t.agency.xishan, itemId }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(
      await post("/api/v1/service-guides", legal, {
        ...guide(),
        itemId: "00000000-0000-4000-8000-000000000000",
      }),
      404,
      "NOT_FOUND",
    );

    const removed = await post("/api/v1/service-guides", legal, { ...guide(), itemId, removed: true });
    assert.equal(removed.statusCode, 201, removed.body);
    assertError(await get(`/api/v1/public/service-guides/${itemId}`), 404, "NOT_FOUND");
    const list = (await get("/api/v1/public/service-guides?pageSize=200")).json() as Paged<Guide>;
    assert.ok(!list.items.some((g) => g.itemId === itemId));
    assertError(await post("/api/v1/service-guides", legal, { ...guide(), itemId }), 409, "CONFLICT");

    // Staff list: the removed guide still shows (marked); the history is three versions.
    const staff = await t.call({
      url: `/api/v1/service-guides?agencyId=${t.agency.donghu}&pageSize=200`,
      as: legal,
    });
    assert.equal(staff.statusCode, 200, staff.body);
    const mine = (staff.json() as Paged<Guide & { removed: boolean }>).items.find((g) => g.itemId === itemId);
    assert.equal(mine?.removed, true);
    assert.equal(mine?.version, 3);
    const ledger = (await t.ctx.db.execute(
      sql`select count(*)::int as n from ledger_entries where event_type = 'publicity.service_guide_changed' and payload::jsonb->>'itemId' = ${itemId}`,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(ledger.rows[0]!.n, 3, "every version is in the ledger");
  });

  test("G1: the demo bureaus publish service guides", async () => {
    const res = await get("/api/v1/public/service-guides?pageSize=50");
    assert.equal(res.statusCode, 200, res.body);
    const l = res.json() as Paged<Guide>;
    assert.ok(l.total >= 4);
    for (const g of l.items) assert.deepEqual(Object.keys(g).sort(), guideKeys);
    assert.ok(
      l.items.some((g) => g.title === "投诉举报办理指南" && g.steps.length > 0 && g.materials.length > 0),
    );
  });

  test("C13/G6/G3: inspection results are published masked, corrected as versions and withdrawn with a public reason", async () => {
    const itemRes = await post("/api/v1/inspection-items", legal, {
      agencyId: t.agency.donghu,
      name: "占道经营情况检查（测试）",
      field: "市容环境卫生",
      subject: "临街经营户",
      method: "现场检查",
      frequency: "每季度一次",
      basis: "《城市市容和环境卫生管理条例》第十四条",
    });
    assert.equal(itemRes.statusCode, 201, itemRes.body);
    const itemId = (itemRes.json() as { itemId: string }).itemId;
    const today = dateOf(t.ctx.now());
    const inspectedOn = dateOf(new Date(t.ctx.now().getTime() - 3 * 86_400_000));
    const name = "钱多多";
    const idNumber = "330702199001011234";
    const mobile = "13812345678";
    const result = {
      agencyId: t.agency.donghu,
      itemId,
      partyType: "individual",
      partyName: name,
      partyIdNumber: idNumber,
      partyPhone: mobile,
      inspectedOn,
      inspectors: "张伟、李娜",
      result: "corrected",
      handling: `${name}（身份证号 ${idNumber}，电话 ${mobile}）在店外摆放货架，已责令当场整改。`,
    };

    assertError(await post("/api/v1/inspection-results", undefined, result), 401, "UNAUTHENTICATED");
    const xsLegal = await t.login("xs.legal");
    assertError(await post("/api/v1/inspection-results", xsLegal, result), 403, "FORBIDDEN_AGENCY");
    const xsItem = await post("/api/v1/inspection-items", xsLegal, {
      agencyId: t.agency.xishan,
      name: "西山检查事项（测试）",
      field: "市容环境卫生",
      subject: "对象",
      method: "现场检查",
      frequency: "每年",
      basis: "依据",
    });
    assert.equal(xsItem.statusCode, 201, xsItem.body);
    const rows = await count("inspection_result_versions");
    const entries = await count("ledger_entries");
    // An unknown item, an item of another bureau: refused with a clear code, nothing left behind.
    assertError(
      await post("/api/v1/inspection-results", legal, {
        ...result,
        itemId: "00000000-0000-4000-8000-000000000000",
      }),
      422,
      "INSPECTION_ITEM_INVALID",
    );
    assertError(
      await post("/api/v1/inspection-results", legal, {
        ...result,
        itemId: (xsItem.json() as { itemId: string }).itemId,
      }),
      422,
      "INSPECTION_ITEM_INVALID",
    );
    const tomorrow = dateOf(new Date(t.ctx.now().getTime() + 86_400_000));
    assertError(
      await post("/api/v1/inspection-results", legal, { ...result, inspectedOn: tomorrow }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await post("/api/v1/inspection-results", legal, { ...result, creditCode: "91330702MA2B3C4D5X" }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await post("/api/v1/inspection-results", legal, { ...result, result: "case_opened" }),
      400,
      "VALIDATION_FAILED",
    );
    assert.equal(await count("inspection_result_versions"), rows, "no row left behind");
    assert.equal(await count("ledger_entries"), entries, "no ledger entry left behind");

    const created = await post("/api/v1/inspection-results", legal, result);
    assert.equal(created.statusCode, 201, created.body);
    const saved = created.json() as {
      resultId: string;
      version: number;
      publishDueOn: string | null;
      ruleId: string;
    };
    assert.equal(saved.version, 1);
    assert.equal(saved.ruleId, "G3");
    // G3: other enforcement information within 20 working days (setting publicity.otherWorkdays).
    let expected: string | null = null;
    try {
      expected = addWorkingDays(await loadCalendar(t.ctx.db), inspectedOn, 20);
    } catch {
      expected = null;
    }
    assert.equal(saved.publishDueOn, expected);
    assert.ok(today >= inspectedOn);

    const assertMasked = (body: string, what: string) => {
      assert.ok(!body.includes(name), `${what} carries the name`);
      assert.ok(!body.includes(idNumber), `${what} carries the ID number`);
      assert.ok(!body.includes(mobile), `${what} carries the phone number`);
      assertNoPersonalNumbers(body, what);
    };
    const list = await get(`/api/v1/public/inspection-results?itemId=${itemId}`);
    assert.equal(list.statusCode, 200, list.body);
    assertMasked(list.body, "the public list");
    const l = list.json() as Paged<Result>;
    assert.equal(l.total, 1);
    assert.deepEqual(Object.keys(l.items[0]!).sort(), resultKeys);
    assert.equal(l.items[0]!.partyDisplay, "钱某某");
    assert.match(l.items[0]!.handling, /钱某某/);
    assert.equal(l.items[0]!.resultName, "发现问题已责令整改");
    // The hidden name, ID number and phone are no search keys on the public site.
    for (const q of [name, idNumber, mobile]) {
      const r = (
        await get(`/api/v1/public/inspection-results?q=${encodeURIComponent(q)}`)
      ).json() as Paged<Result>;
      assert.equal(r.total, 0, `public search by ${q}`);
    }
    const byMasked = (
      await get(
        `/api/v1/public/inspection-results?q=${encodeURIComponent("钱某某")}&result=corrected&from=${inspectedOn}&to=${today}`,
      )
    ).json() as Paged<Result>;
    assert.equal(byMasked.total, 1);
    const outside = (
      await get(`/api/v1/public/inspection-results?itemId=${itemId}&from=${today}&to=${today}`)
    ).json() as Paged<Result>;
    assert.equal(outside.total, inspectedOn === today ? 1 : 0);
    assertError(await get("/api/v1/public/inspection-results?result=bad"), 400, "VALIDATION_FAILED");
    assertError(await get("/api/v1/public/inspection-results?from=2026-13-45x"), 400, "VALIDATION_FAILED");

    // Staff see the party as entered.
    const staff = await t.call({ url: `/api/v1/inspection-results?itemId=${itemId}`, as: legal });
    assert.equal(staff.statusCode, 200, staff.body);
    const s = (staff.json() as Paged<{ partyName: string; partyIdNumber: string }>).items[0]!;
    assert.equal(s.partyName, name);
    assert.equal(s.partyIdNumber, idNumber);
    const xlsx = await t.call({ url: `/api/v1/inspection-results/export?itemId=${itemId}`, as: legal });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers["content-type"]), /spreadsheetml/);
    const outsider = await t.login("xs.legal");
    const theirs = (
      (
        await t.call({ url: `/api/v1/inspection-results?itemId=${itemId}`, as: outsider })
      ).json() as Paged<unknown>
    ).total;
    assert.equal(theirs, 0, "another county's staff do not see 东湖's results");

    // A correction is a new version; the public site shows the newest.
    const corrected = await post("/api/v1/inspection-results", legal, {
      ...result,
      resultId: saved.resultId,
      result: "no_problem",
      handling: "经复核，未发现问题。",
    });
    assert.equal(corrected.statusCode, 201, corrected.body);
    assert.equal((corrected.json() as { version: number }).version, 2);
    const afterCorrection = (
      await get(`/api/v1/public/inspection-results?itemId=${itemId}`)
    ).json() as Paged<Result>;
    assert.equal(afterCorrection.total, 1);
    assert.equal(afterCorrection.items[0]!.result, "no_problem");
    assert.equal(afterCorrection.items[0]!.version, 2);

    // Withdrawal (like G4): a new version, the reason shown publicly (masked).
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/inspection-results/${saved.resultId}/withdrawal`,
        as: xsLegal,
        payload: { reason: "x" },
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
    const withdrawn = await t.call({
      method: "POST",
      url: `/api/v1/inspection-results/${saved.resultId}/withdrawal`,
      as: legal,
      payload: { reason: `检查对象登记有误，${name}并非该店经营者` },
    });
    assert.equal(withdrawn.statusCode, 201, withdrawn.body);
    const shown = await get(`/api/v1/public/inspection-results?itemId=${itemId}`);
    assertMasked(shown.body, "the withdrawn result");
    const w = (shown.json() as Paged<Result>).items[0]!;
    assert.equal(w.withdrawn, true);
    assert.equal(w.withdrawalReason, "检查对象登记有误，钱某某并非该店经营者");
    assert.equal(w.version, 3);
    assertError(
      await post("/api/v1/inspection-results", legal, { ...result, resultId: saved.resultId }),
      409,
      "INSPECTION_RESULT_WITHDRAWN",
    );

    // A squad publishes a result under its bureau's list; a removed item is refused.
    const squad = await post("/api/v1/inspection-results", legal, {
      ...result,
      agencyId: t.agency["donghu-1"],
      partyType: "organisation",
      partyName: "示范市东湖区某某超市有限公司",
      partyIdNumber: "",
      partyPhone: "",
      handling: "未发现问题。",
      result: "no_problem",
    });
    assert.equal(squad.statusCode, 201, squad.body);
    const item = (
      await get(`/api/v1/public/inspection-items?agencyId=${t.agency.donghu}&pageSize=200`)
    ).json() as Paged<Record<string, unknown> & { itemId: string }>;
    const it = item.items.find((x) => x.itemId === itemId)!;
    const { version: _v, agencyName: _a, recordedAt: _r, ...itemBody } = it;
    const removedItem = await post("/api/v1/inspection-items", legal, { ...itemBody, removed: true });
    assert.equal(removedItem.statusCode, 201, removedItem.body);
    assertError(await post("/api/v1/inspection-results", legal, result), 422, "INSPECTION_ITEM_INVALID");

    const ledger = (await t.ctx.db.execute(
      sql`select payload from ledger_entries where event_type = 'publicity.inspection_result_changed' and payload::jsonb->>'resultId' = ${saved.resultId}`,
    )) as unknown as { rows: { payload: unknown }[] };
    assert.equal(ledger.rows.length, 3, "publication, correction and withdrawal are in the ledger");
    assertMasked(JSON.stringify(ledger.rows), "the ledger payload");
  });

  test("C13: the demo results are public, an individual masked", async () => {
    const res = await get("/api/v1/public/inspection-results?pageSize=50");
    assert.equal(res.statusCode, 200, res.body);
    const l = res.json() as Paged<Result>;
    assert.ok(l.total >= 4);
    assert.ok(!res.body.includes("赵小明"));
    assert.ok(!res.body.includes("330702198805061234"));
    assertNoPersonalNumbers(res.body, "the public list of demo results");
    assert.ok(l.items.some((x) => x.partyDisplay === "赵某某"));
  });

  test("C13: the new tables are append-only (the database refuses UPDATE and DELETE)", async () => {
    for (const [table, column] of [
      ["service_guide_versions", "title"],
      ["inspection_result_versions", "handling"],
    ] as const) {
      const n = await count(table);
      assert.ok(n > 0);
      for (const statement of [`UPDATE ${table} SET ${column} = 'tampered'`, `DELETE FROM ${table}`])
        await assert.rejects(t.ctx.db.execute(sql.raw(statement)), (e: Error) => {
          assert.match(String((e.cause as Error | undefined)?.message ?? e.message), /append-only/);
          return true;
        });
      assert.equal(await count(table), n);
    }
  });
});
