import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Violation = {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  field: string;
  powerItemId: string | null;
  powerItemCode: string | null;
  violatedArticleIds: string[];
  penaltyArticleIds: string[];
  published: boolean;
  benchmarks: number;
  version: number;
};
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

describe(`violations (违法行为, C03) over HTTP on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const get = async <T>(as: string, url: string): Promise<T> => {
    const res = await t.call({ as: s[as], url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };
  const cityViolations = async () =>
    (await get<Page<Violation>>("admin", `/api/v1/violations?agencyId=${t.agency.city}&pageSize=200`)).items;
  const download = async (url: string) => {
    const res = await t.call({ as: s.admin, url });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return res.rawPayload;
  };
  const upload = (file: Buffer, as = "admin", agencyId?: string) =>
    t.call({
      as: s[as],
      method: "POST",
      url: "/api/v1/violations/import",
      payload: { agencyId: agencyId ?? t.agency.city, fileBase64: file.toString("base64") },
    });

  before(async () => {
    t = await testApp();
    for (const u of ["admin", "city.legal", "dh.legal", "xs.admin", "dh.hb.01"]) s[u] = await t.login(u);
  });
  after(async () => t?.close());

  test("demo: each published benchmark points at its violation, which cites both provisions and the power item", async () => {
    const list = await cityViolations();
    assert.deepEqual(
      list.map((v) => v.code),
      ["WF-001", "WF-002", "WF-003"],
    );
    for (const v of list) {
      assert.equal(v.benchmarks, 1);
      assert.ok(v.powerItemCode?.startsWith("CG-CF-"));
      assert.equal(v.violatedArticleIds.length, 1);
      assert.equal(v.penaltyArticleIds.length, 1);
    }
    const b = await get<Page<{ code: string; violationId: string; violationCode: string }>>(
      "admin",
      "/api/v1/benchmarks?q=BZ-003",
    );
    assert.equal(b.items[0]!.violationCode, "WF-003");
    const byViolation = await get<Page<{ code: string }>>(
      "admin",
      `/api/v1/benchmarks?violationId=${b.items[0]!.violationId}`,
    );
    assert.deepEqual(
      byViolation.items.map((x) => x.code),
      ["BZ-003"],
    );
    const detail = await get<{
      violatedArticles: { number: string }[];
      penaltyArticles: { number: string }[];
      versions: { version: number }[];
    }>("admin", `/api/v1/violations/${b.items[0]!.violationId}`);
    assert.equal(detail.violatedArticles[0]!.number, "第二十五条");
    assert.equal(detail.penaltyArticles[0]!.number, "第四十八条");
    assert.deepEqual(
      detail.versions.map((v) => v.version),
      [1],
    );
  });

  test("list: search, field filter and pagination; a squad officer reads the city's violations", async () => {
    const q = await get<Page<Violation>>("dh.hb.01", `/api/v1/violations?q=${encodeURIComponent("围挡")}`);
    assert.deepEqual(
      q.items.map((v) => v.code),
      ["WF-002"],
    );
    const p2 = await get<Page<Violation>>("admin", "/api/v1/violations?pageSize=2&page=2");
    assert.equal(p2.total, 3);
    assert.equal(p2.items.length, 1);
    const none = await get<Page<Violation>>(
      "admin",
      `/api/v1/violations?field=${encodeURIComponent("水利")}`,
    );
    assert.equal(none.total, 0);
    assertError(await t.call({ as: s.admin, url: "/api/v1/violations?field=xx" }), 400, "VALIDATION_FAILED");
  });

  test("create and change: a change is a new version; only the owning agency writes; bad input writes nothing", async () => {
    const [wf1] = await cityViolations();
    const created = await t.call({
      as: s["dh.legal"],
      method: "POST",
      url: "/api/v1/violations",
      payload: {
        agencyId: t.agency.donghu,
        code: "DH-WF-1",
        name: "东湖区测试违法行为",
        field: "市容环境卫生",
        powerItemId: wf1!.powerItemId,
        violatedArticleIds: wf1!.violatedArticleIds,
        penaltyArticleIds: wf1!.penaltyArticleIds,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const v = created.json() as Violation;
    const changed = await t.call({
      as: s["dh.legal"],
      method: "PATCH",
      url: `/api/v1/violations/${v.id}`,
      payload: { version: 1, name: "东湖区测试违法行为（修订）", published: true },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal((changed.json() as Violation).version, 2);
    const detail = await get<{ versions: { version: number; snapshot: { name: string } }[] }>(
      "dh.legal",
      `/api/v1/violations/${v.id}`,
    );
    assert.deepEqual(
      detail.versions.map((x) => [x.version, x.snapshot.name]),
      [
        [2, "东湖区测试违法行为（修订）"],
        [1, "东湖区测试违法行为"],
      ],
    );
    const before = await businessRowCounts(t.ctx.database);
    // A stale version, another agency, a sibling's power item, a duplicate code: refused, nothing written.
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "PATCH",
        url: `/api/v1/violations/${v.id}`,
        payload: { version: 1, name: "过期版本" },
      }),
      409,
      "CONFLICT",
    );
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "PATCH",
        url: `/api/v1/violations/${v.id}`,
        payload: { version: 2, name: "西山改东湖" },
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "POST",
        url: "/api/v1/violations",
        payload: { agencyId: t.agency.donghu, code: "DH-WF-1", name: "重复编码", field: "城市管理" },
      }),
      409,
      "DUPLICATE",
    );
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "POST",
        url: "/api/v1/violations",
        payload: { agencyId: t.agency.donghu, code: "坏 编码", name: "x", field: "不存在" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "POST",
        url: "/api/v1/violations",
        payload: {
          agencyId: t.agency.donghu,
          code: "DH-WF-2",
          name: "引用不存在的条款",
          field: "城市管理",
          violatedArticleIds: ["00000000-0000-4000-8000-000000000000"],
        },
      }),
      400,
      "LAW_ARTICLE_INVALID",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("a benchmark may name a violation of its agency or above; one of a sibling is refused", async () => {
    const dh = (await get<Page<Violation>>("dh.legal", "/api/v1/violations?q=DH-WF-1")).items[0]!;
    const tiers = [{ level: "ordinary", conditions: "一般情形", penalties: ["warning"] }];
    const ok = await t.call({
      as: s["dh.legal"],
      method: "POST",
      url: "/api/v1/benchmarks",
      payload: {
        agencyId: t.agency.donghu,
        code: "DH-BZ-1",
        violationName: dh.name,
        violationId: dh.id,
        tiers,
      },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const made = ok.json() as { violationCode: string; powerItemId: string; penaltyArticleIds: string[] };
    assert.equal(made.violationCode, "DH-WF-1");
    // Empty fields are taken from the violation.
    assert.equal(made.powerItemId, dh.powerItemId);
    assert.deepEqual(made.penaltyArticleIds, dh.penaltyArticleIds);
    // Pointing the benchmark at another violation takes its name (a new benchmark version).
    const other = await t.call({
      as: s["dh.legal"],
      method: "POST",
      url: "/api/v1/violations",
      payload: { agencyId: t.agency.donghu, code: "DH-WF-3", name: "东湖区另一违法行为", field: "城市管理" },
    });
    assert.equal(other.statusCode, 201, other.body);
    const moved = await t.call({
      as: s["dh.legal"],
      method: "PATCH",
      url: `/api/v1/benchmarks/${(ok.json() as { id: string }).id}`,
      payload: { version: 1, violationId: (other.json() as { id: string }).id },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const m = moved.json() as { violationCode: string; violationName: string; version: number };
    assert.deepEqual([m.violationCode, m.violationName, m.version], ["DH-WF-3", "东湖区另一违法行为", 2]);
    // A sibling county neither sees nor uses 东湖's violation.
    assert.equal((await get<Page<Violation>>("xs.admin", "/api/v1/violations?q=DH-WF-1")).total, 0);
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: "/api/v1/benchmarks",
        payload: {
          agencyId: t.agency.xishan,
          code: "XS-BZ-1",
          violationName: "借用东湖",
          violationId: dh.id,
          tiers,
        },
      }),
      400,
      "VALIDATION_FAILED",
    );
  });

  test("P13 over HTTP: POST /benchmarks/assess picks the higher fine; alreadyFined removes the fine", async () => {
    const ids = async (code: string) =>
      (await get<Page<{ id: string }>>("dh.hb.01", `/api/v1/benchmarks?q=${code}`)).items[0]!.id;
    const [b1, b2] = [await ids("BZ-001"), await ids("BZ-002")];
    const res = await t.call({
      as: s["dh.hb.01"],
      method: "POST",
      url: "/api/v1/benchmarks/assess",
      payload: { benchmarkIds: [b1, b2], partyType: "organisation", facts: { harm: "serious" } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json() as {
      applied: number;
      range: { maxFen: number };
      rules: string[];
      explanation: string[];
    };
    assert.equal(r.applied, 1);
    assert.equal(r.range.maxFen, 300_000);
    assert.ok(r.rules.includes("P13"));
    assert.match(r.explanation.at(-1)!, /P13.*BZ-002/);
    const once = await t.call({
      as: s["dh.hb.01"],
      method: "POST",
      url: `/api/v1/benchmarks/${b2}/assess`,
      payload: { partyType: "organisation", facts: { harm: "serious", alreadyFined: true } },
    });
    assert.equal(once.statusCode, 200, once.body);
    const a = once.json() as { range: null; penalties: string[]; rules: string[] };
    assert.equal(a.range, null);
    assert.deepEqual(a.penalties, ["order_correction"]);
    assert.ok(a.rules.includes("P13"));
    assertError(
      await t.call({
        as: s["dh.hb.01"],
        method: "POST",
        url: "/api/v1/benchmarks/assess",
        payload: { benchmarkIds: [b1, b1], partyType: "organisation", facts: { harm: "serious" } },
      }),
      400,
      "VALIDATION_FAILED",
    );
  });

  test("Excel: export then import leaves violations unchanged (C03)", async () => {
    const list = await cityViolations();
    const file = await download(`/api/v1/violations/export?agencyId=${t.agency.city}`);
    const res = await upload(file);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { rows: list.length, created: 0, updated: 0, unchanged: list.length });
    assert.deepEqual(await cityViolations(), list);
    // Benchmarks keep their violation through their own round trip.
    const marks = await get<Page<{ violationCode: string }>>(
      "admin",
      `/api/v1/benchmarks?agencyId=${t.agency.city}`,
    );
    const bres = await t.call({
      as: s.admin,
      method: "POST",
      url: "/api/v1/benchmarks/import",
      payload: {
        agencyId: t.agency.city,
        fileBase64: (await download(`/api/v1/benchmarks/export?agencyId=${t.agency.city}`)).toString(
          "base64",
        ),
      },
    });
    assert.equal(bres.statusCode, 200, bres.body);
    assert.equal((bres.json() as { unchanged: number }).unchanged, marks.total);
    assert.deepEqual(
      marks.items.map((b) => b.violationCode),
      ["WF-001", "WF-002", "WF-003"],
    );
  });

  test("Excel: a file with one bad row imports nothing and names the row and column", async () => {
    const before = await businessRowCounts(t.ctx.database);
    const list = await cityViolations();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await download(`/api/v1/violations/export?agencyId=${t.agency.city}`)) as unknown as ArrayBuffer,
    );
    const sheet = wb.worksheets[0]!;
    sheet.getCell("B2").value = "这一行本身没有问题但不应被导入";
    sheet.addRow(["WF-NEW", "新增违法行为也不应被导入", "城市管理", "", "", "", "否"]);
    sheet.getCell("E3").value = "《不存在的法律》第一条";
    const res = await upload(Buffer.from(await wb.xlsx.writeBuffer()));
    assertError(res, 400, "EXCEL_IMPORT_INVALID");
    const err = (res.json() as { error: { message: string; details: { path: string }[] } }).error;
    assert.match(err.message, /第 3 行第 E 列（违反条款）/);
    assert.deepEqual(
      err.details.map((d) => d.path),
      ["E3"],
    );
    assert.deepEqual(await cityViolations(), list);
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
    // Only power.manage in the target agency may import.
    assertError(await upload(Buffer.from(await wb.xlsx.writeBuffer()), "dh.hb.01", t.agency.donghu), 403, [
      "FORBIDDEN",
      "FORBIDDEN_AGENCY",
    ]);
  });
});
