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

type Item = { id: string; code: string; agencyId: string; version: number; basisArticleIds: string[] };
type Page<T> = { items: T[]; total: number };

describe(`powers catalogue, benchmarks and calculator over HTTP on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const get = async <T>(as: string, url: string): Promise<T> => {
    const res = await t.call({ as: s[as], url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };
  const cityItems = async () =>
    (
      await get<Page<Item & Record<string, unknown>>>(
        "admin",
        `/api/v1/powers?agencyId=${t.agency.city}&pageSize=200`,
      )
    ).items;
  const benchmarkByCode = async (code: string) =>
    (await get<Page<{ id: string; code: string }>>("admin", `/api/v1/benchmarks?q=${code}`)).items[0]!;

  before(async () => {
    t = await testApp();
    for (const u of [
      "admin",
      "city.legal",
      "city.leader",
      "dh.legal",
      "dh.admin",
      "xs.admin",
      "dh.hb.01",
      "supervisor",
    ]) {
      s[u] = await t.login(u);
    }
  });
  after(async () => t?.close());

  test("demo: at least 10 power items of the city bureau and the three published benchmarks", async () => {
    assert.ok((await cityItems()).length >= 10);
    const b = await get<Page<{ code: string; published: boolean }>>("admin", "/api/v1/benchmarks");
    assert.deepEqual(b.items.map((x) => x.code).sort(), ["BZ-001", "BZ-002", "BZ-003"]);
    assert.ok(b.items.every((x) => x.published));
  });

  test("search, filters and pagination", async () => {
    const p = await get<Page<Item>>("admin", "/api/v1/powers?kind=penalty&pageSize=3&page=2");
    assert.equal(p.items.length, 3);
    assert.ok(p.total >= 9);
    const q = await get<Page<Item>>("admin", `/api/v1/powers?q=${encodeURIComponent("围挡")}`);
    assert.deepEqual(
      q.items.map((i) => i.code),
      ["CG-CF-002"],
    );
    const f = await get<Page<Item>>("admin", `/api/v1/powers?field=${encodeURIComponent("自然资源")}`);
    assert.deepEqual(
      f.items.map((i) => i.code),
      ["ZR-CF-001"],
    );
  });

  test("calculator: temporary structure by footprint and party type over HTTP", async () => {
    const b = await benchmarkByCode("BZ-003");
    const res = await t.call({
      as: s["dh.hb.01"],
      method: "POST",
      url: `/api/v1/benchmarks/${b.id}/assess`,
      payload: { partyType: "organisation", facts: { harm: "ordinary", quantities: { 面积: 8 } } },
    });
    assert.equal(res.statusCode, 200, res.body);
    const a = res.json() as {
      tier: string;
      range: { minFen: number; maxFen: number };
      explanation: string[];
    };
    assert.equal(a.tier, "ordinary");
    assert.deepEqual(a.range, { minFen: 150_000, maxFen: 200_000 });
    const missing = await t.call({
      as: s.admin,
      method: "POST",
      url: `/api/v1/benchmarks/${b.id}/assess`,
      payload: { partyType: "individual", facts: { harm: "ordinary" } },
    });
    assertError(missing, 422, "BENCHMARK_FACTS_INCOMPLETE");
  });

  test("bad input → 4xx with codes, nothing written", async () => {
    const before = await businessRowCounts(t.ctx.database);
    const b = await benchmarkByCode("BZ-001");
    const bad = async (
      as: string,
      method: string,
      url: string,
      payload: unknown,
      status: number,
      code: string,
    ) =>
      assertError(
        await t.call({ as: s[as], method: method as "POST", url, payload: payload as object }),
        status,
        code,
      );
    await bad(
      "admin",
      "POST",
      `/api/v1/benchmarks/${b.id}/assess`,
      { partyType: "individual", facts: { harm: "huge" } },
      400,
      "VALIDATION_FAILED",
    );
    await bad(
      "admin",
      "POST",
      `/api/v1/benchmarks/${b.id}/assess`,
      { partyType: "x", facts: { harm: "none" } },
      400,
      "VALIDATION_FAILED",
    );
    await bad(
      "admin",
      "POST",
      "/api/v1/benchmarks/00000000-0000-4000-8000-000000000000/assess",
      { partyType: "individual", facts: { harm: "none" } },
      404,
      "NOT_FOUND",
    );
    const base = { agencyId: t.agency.city, code: "T-1", name: "测试事项", kind: "penalty", field: "水利" };
    await bad("admin", "POST", "/api/v1/powers", { ...base, kind: "fine" }, 400, "VALIDATION_FAILED");
    await bad("admin", "POST", "/api/v1/powers", { ...base, field: "火星" }, 400, "VALIDATION_FAILED");
    await bad("admin", "POST", "/api/v1/powers", { ...base, extra: 1 }, 400, "VALIDATION_FAILED");
    await bad(
      "admin",
      "POST",
      "/api/v1/powers",
      { ...base, basisArticleIds: ["00000000-0000-4000-8000-000000000000"] },
      400,
      "LAW_ARTICLE_INVALID",
    );
    await bad("admin", "POST", "/api/v1/powers", { ...base, code: "CG-CF-001" }, 409, "DUPLICATE");
    await bad(
      "admin",
      "POST",
      "/api/v1/powers",
      { ...base, effectiveFrom: "2025-02-01", effectiveTo: "2025-01-01" },
      400,
      "VALIDATION_FAILED",
    );
    await bad(
      "admin",
      "POST",
      "/api/v1/benchmarks",
      { agencyId: t.agency.city, code: "B-X", violationName: "测试", tiers: [] },
      400,
      "VALIDATION_FAILED",
    );
    await bad(
      "admin",
      "POST",
      "/api/v1/benchmarks",
      {
        agencyId: t.agency.city,
        code: "B-X",
        violationName: "测试",
        tiers: [{ level: "ordinary", conditions: "x", ranges: [{ minFen: 500, maxFen: 100 }] }],
      },
      400,
      "VALIDATION_FAILED",
    );
    await bad(
      "admin",
      "POST",
      "/api/v1/powers/import",
      { agencyId: t.agency.city, fileBase64: Buffer.from("not excel").toString("base64") },
      400,
      "EXCEL_IMPORT_INVALID",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });

  test("permissions: a county cannot change or read a sibling county's items; the city reads them; the catalogue is inherited downwards", async () => {
    const created = await t.call({
      as: s["dh.legal"],
      method: "POST",
      url: "/api/v1/powers",
      payload: {
        agencyId: t.agency.donghu,
        code: "DH-CF-001",
        name: "东湖区测试处罚事项",
        kind: "penalty",
        field: "市容环境卫生",
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const item = created.json() as Item;
    const forbidden = ["FORBIDDEN", "FORBIDDEN_AGENCY"];
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "PATCH",
        url: `/api/v1/powers/${item.id}`,
        payload: { version: 1, name: "改名" },
      }),
      403,
      forbidden,
    );
    assertError(await t.call({ as: s["xs.admin"], url: `/api/v1/powers/${item.id}` }), 403, forbidden);
    const xsList = await get<Page<Item>>("xs.admin", "/api/v1/powers?pageSize=200");
    assert.ok(!xsList.items.some((i) => i.agencyId === t.agency.donghu), "sibling's items hidden");
    assert.ok(
      xsList.items.some((i) => i.agencyId === t.agency.city),
      "city catalogue inherited",
    );
    // The city supervises: reads, but does not change a county's items (power.manage is "own").
    assert.equal((await t.call({ as: s["city.leader"], url: `/api/v1/powers/${item.id}` })).statusCode, 200);
    assertError(
      await t.call({
        as: s.admin,
        method: "PATCH",
        url: `/api/v1/powers/${item.id}`,
        payload: { version: 1, name: "改名" },
      }),
      403,
      forbidden,
    );
    assertError(
      await t.call({
        as: s["city.leader"],
        method: "POST",
        url: "/api/v1/powers",
        payload: { agencyId: t.agency.city, code: "X-1", name: "无权新增", kind: "other", field: "其他" },
      }),
      403,
      forbidden,
    );
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "POST",
        url: "/api/v1/powers",
        payload: { agencyId: t.agency.city, code: "X-1", name: "越级新增", kind: "other", field: "其他" },
      }),
      403,
      forbidden,
    );
    // A squad officer reads the city's and its county's items.
    const city = (await cityItems())[0]!;
    assert.equal((await t.call({ as: s["dh.hb.01"], url: `/api/v1/powers/${city.id}` })).statusCode, 200);
    assert.equal((await t.call({ as: s["dh.hb.01"], url: `/api/v1/powers/${item.id}` })).statusCode, 200);
    assertError(await t.call({ as: s.supervisor, url: "/api/v1/powers" }), 403, forbidden);
    // A change creates a new version; the old one is kept.
    const changed = await t.call({
      as: s["dh.legal"],
      method: "PATCH",
      url: `/api/v1/powers/${item.id}`,
      payload: { version: 1, published: true },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const detail = await get<{
      version: number;
      versions: { version: number; snapshot: { published: boolean } }[];
    }>("dh.legal", `/api/v1/powers/${item.id}`);
    assert.equal(detail.version, 2);
    assert.deepEqual(
      detail.versions.map((v) => [v.version, v.snapshot.published]),
      [
        [2, true],
        [1, false],
      ],
    );
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "PATCH",
        url: `/api/v1/powers/${item.id}`,
        payload: { version: 1, name: "过期版本" },
      }),
      409,
      "CONFLICT",
    );
  });

  test("a benchmark change is a new version; only the owning agency changes it", async () => {
    const b = await benchmarkByCode("BZ-002");
    const forbidden = ["FORBIDDEN", "FORBIDDEN_AGENCY"];
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "PATCH",
        url: `/api/v1/benchmarks/${b.id}`,
        payload: { version: 1, published: false },
      }),
      403,
      forbidden,
    );
    const res = await t.call({
      as: s["city.legal"],
      method: "PATCH",
      url: `/api/v1/benchmarks/${b.id}`,
      payload: { version: 1, violationName: "施工现场材料堆放高度超过围挡高度（修订）" },
    });
    assert.equal(res.statusCode, 200, res.body);
    const detail = await get<{ version: number; versions: { version: number }[] }>(
      "admin",
      `/api/v1/benchmarks/${b.id}`,
    );
    assert.equal(detail.version, 2);
    assert.deepEqual(
      detail.versions.map((v) => v.version),
      [2, 1],
    );
    assertError(
      await t.call({
        as: s["city.legal"],
        method: "PATCH",
        url: `/api/v1/benchmarks/${b.id}`,
        payload: { version: 1, published: false },
      }),
      409,
      "CONFLICT",
    );
  });

  const download = async (url: string) => {
    const res = await t.call({ as: s.admin, url });
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    assert.match(String(res.headers["content-type"]), /spreadsheetml/);
    return res.rawPayload;
  };
  const upload = (url: string, file: Buffer) =>
    t.call({
      as: s.admin,
      method: "POST",
      url,
      payload: { agencyId: t.agency.city, fileBase64: file.toString("base64") },
    });
  const benchmarksOfCity = async () =>
    (
      await get<Page<Record<string, unknown>>>(
        "admin",
        `/api/v1/benchmarks?agencyId=${t.agency.city}&pageSize=200`,
      )
    ).items;

  test("Excel: export then import leaves power items and benchmarks unchanged", async () => {
    const items = await cityItems();
    const file = await download(`/api/v1/powers/export?agencyId=${t.agency.city}`);
    const res = await upload("/api/v1/powers/import", file);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { rows: items.length, created: 0, updated: 0, unchanged: items.length });
    assert.deepEqual(await cityItems(), items);

    const marks = await benchmarksOfCity();
    const bfile = await download(`/api/v1/benchmarks/export?agencyId=${t.agency.city}`);
    const bres = await upload("/api/v1/benchmarks/import", bfile);
    assert.equal(bres.statusCode, 200, bres.body);
    assert.equal((bres.json() as { unchanged: number }).unchanged, marks.length);
    assert.deepEqual(await benchmarksOfCity(), marks);
  });

  test("Excel: a file with one bad row imports nothing and names the row and column", async () => {
    const before = await businessRowCounts(t.ctx.database);
    const items = await cityItems();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await download(`/api/v1/powers/export?agencyId=${t.agency.city}`)) as unknown as ArrayBuffer,
    );
    const sheet = wb.worksheets[0]!;
    sheet.getCell("B2").value = "这一行本身没有问题但不应被导入";
    sheet.addRow(["NEW-001", "新增事项也不应被导入", "行政处罚", "水利", "", "", "", "有效", "", "", "否"]);
    sheet.getCell("C4").value = "罚金";
    const res = await upload("/api/v1/powers/import", Buffer.from(await wb.xlsx.writeBuffer()));
    assertError(res, 400, "EXCEL_IMPORT_INVALID");
    const err = (res.json() as { error: { message: string; details: { path: string; message: string }[] } })
      .error;
    assert.match(err.message, /第 4 行第 C 列（事项类别）/);
    assert.deepEqual(
      err.details.map((d) => d.path),
      ["C4"],
    );
    assert.deepEqual(await cityItems(), items);
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);

    const bwb = new ExcelJS.Workbook();
    await bwb.xlsx.load(
      (await download(`/api/v1/benchmarks/export?agencyId=${t.agency.city}`)) as unknown as ArrayBuffer,
    );
    bwb.worksheets[0]!.getCell("R5").value = "一千";
    const bres = await upload("/api/v1/benchmarks/import", Buffer.from(await bwb.xlsx.writeBuffer()));
    assertError(bres, 400, "EXCEL_IMPORT_INVALID");
    assert.match(
      (bres.json() as { error: { message: string } }).error.message,
      /第 5 行第 R 列（罚款下限（元））/,
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });
});
