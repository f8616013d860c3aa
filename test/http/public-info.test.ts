import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { checkpointNow, integrateAll } from "../../src/modules/ledger/integrate.ts";
import {
  type PublicDecision,
  publicationPayload,
  verifyPublicDecision,
} from "../../web/src/lib/publicSite.ts";
import {
  assertError,
  assertNoPersonalNumbers,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

// The public information site (C13): every route answers without login, carries only the fields
// its strict response schema allows, and never an ID number or a phone number of a person.

const allowed: Record<string, string[]> = {
  agencies: [
    "id",
    "parentId",
    "name",
    "shortName",
    "kind",
    "kindName",
    "depth",
    "creditCode",
    "address",
    "phone",
    "areas",
    "fields",
  ],
  officers: ["name", "agencyId", "agencyName", "certificateNumber", "fields", "expiresOn"],
  powers: [
    "id",
    "agencyId",
    "agencyName",
    "code",
    "name",
    "kind",
    "kindName",
    "field",
    "basisText",
    "transferredFrom",
    "status",
    "effectiveFrom",
    "effectiveTo",
  ],
  benchmarks: [
    "id",
    "agencyId",
    "agencyName",
    "code",
    "violationName",
    "powerItemCode",
    "powerItemName",
    "quantityName",
    "quantityUnit",
    "effectiveFrom",
    "effectiveTo",
    "tiers",
  ],
  inspection: [
    "itemId",
    "version",
    "agencyId",
    "agencyName",
    "name",
    "field",
    "subject",
    "method",
    "frequency",
    "basis",
    "recordedAt",
  ],
};

const keysOf = (o: object) => Object.keys(o).sort();
const assertKeys = (o: object, what: keyof typeof allowed) =>
  assert.deepEqual(keysOf(o), [...allowed[what]!].sort(), `${what} carries only the public fields`);

describe(`public information site (C13) (${testEngine()})`, () => {
  let t: TestApp;
  let legal: Session;
  let ip = 1;
  const nextIp = () => `10.7.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`;
  const get = (url: string) => t.call({ url, remoteAddress: nextIp() });
  let secrets: string[] = [];

  before(async () => {
    t = await testApp();
    legal = await t.login("dh.legal");
    // Every person's ID number and phone number the database holds: none may appear publicly.
    const rows = (await t.ctx.db.execute<{ v: string }>(
      sql`select party_id_number as v from cases where party_type = 'individual'
          union select party_phone from cases union select phone from users`,
    )) as unknown as { rows: { v: string }[] };
    secrets = rows.rows.map((r) => r.v).filter((v) => v && v.length >= 7);
    assert.ok(secrets.length > 0, "the demo city holds ID and phone numbers to look for");
  });
  after(async () => t?.close());

  const assertNoPersonalData = (body: string, what: string) => {
    for (const s of secrets) assert.ok(!body.includes(s), `${what} leaks ${s}`);
    assertNoPersonalNumbers(body, what);
  };

  test("C13: agencies, officers, powers, benchmarks without login carry only the allowed fields", async () => {
    const agencies = await get("/api/v1/public/agencies");
    assert.equal(agencies.statusCode, 200, agencies.body);
    const a = agencies.json() as { name: string }[];
    assert.ok(a.some((x) => x.name === "示范市综合行政执法局"));
    for (const x of a) assertKeys(x, "agencies");

    const officers = await get("/api/v1/public/officers?pageSize=200");
    assert.equal(officers.statusCode, 200, officers.body);
    const o = officers.json() as { items: { certificateNumber: string; name: string }[]; total: number };
    assert.ok(o.total > 0, "the demo city has certified officers");
    for (const x of o.items) {
      assertKeys(x, "officers");
      assert.ok(x.certificateNumber);
    }
    const one = o.items[0]!;
    const found = (
      await get(`/api/v1/public/officers?q=${encodeURIComponent(one.certificateNumber)}`)
    ).json() as {
      items: { name: string }[];
    };
    assert.deepEqual(
      found.items.map((x) => x.name),
      [one.name],
    );

    const powers = await get("/api/v1/public/powers?pageSize=100");
    assert.equal(powers.statusCode, 200, powers.body);
    const p = powers.json() as { items: object[]; total: number };
    assert.ok(p.total > 0);
    for (const x of p.items) assertKeys(x, "powers");
    const unpublished = (await t.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int as n from power_items where published = false`,
    )) as unknown as { rows: { n: number }[] };
    const all = (await t.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int as n from power_items`,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(p.total, all.rows[0]!.n - unpublished.rows[0]!.n, "published items only");

    const benchmarks = await get("/api/v1/public/benchmarks");
    assert.equal(benchmarks.statusCode, 200, benchmarks.body);
    const b = benchmarks.json() as { items: { tiers: { levelName: string }[] }[]; total: number };
    assert.ok(b.total > 0);
    for (const x of b.items) {
      assertKeys(x, "benchmarks");
      assert.ok(x.tiers.length > 0 && x.tiers.every((tier) => tier.levelName));
    }
  });

  test("C13: procedures as flow charts from the transition tables; statistics from the database", async () => {
    for (const procedure of ["general", "simple", "three_step"]) {
      const res = await get(`/api/v1/public/procedures/${procedure}`);
      assert.equal(res.statusCode, 200, res.body);
      const g = res.json() as {
        nodes: { id: string }[];
        edges: { from: string; to: string; guards: string[] }[];
      };
      const ids = new Set(g.nodes.map((n) => n.id));
      assert.ok(g.edges.length > 0);
      for (const e of g.edges) assert.ok(ids.has(e.from) && ids.has(e.to));
    }
    const general = (await get("/api/v1/public/procedures/general")).json() as {
      edges: { event: string; guards: string[] }[];
    };
    assert.ok(general.edges.some((e) => e.event === "decide"));
    assertError(await get("/api/v1/public/procedures/secret"), 400, "VALIDATION_FAILED");

    const year = t.ctx.now().getUTCFullYear();
    const stats = await get(`/api/v1/public/statistics?year=${year}`);
    assert.equal(stats.statusCode, 200, stats.body);
    const s = stats.json() as {
      filed: number;
      decided: number;
      fineFen: number;
      published: number;
      byMonth: unknown[];
      publishedByField: { field: string; count: number }[];
    };
    const counted = (await t.ctx.db.execute<{ n: number }>(
      sql`select count(*)::int as n from case_events where event = 'file' and substr(on_date::text, 1, 4) = ${String(year)}`,
    )) as unknown as { rows: { n: number }[] };
    assert.equal(s.filed, counted.rows[0]!.n);
    assert.equal(s.byMonth.length, 12);
    assert.equal(
      s.published,
      s.publishedByField.reduce((n, f) => n + f.count, 0),
    );
    const empty = (await get("/api/v1/public/statistics?year=2001")).json() as {
      filed: number;
      fineFen: number;
    };
    assert.equal(empty.filed, 0);
    assert.equal(empty.fineFen, 0);
    assertError(await get("/api/v1/public/statistics?year=abc"), 400, "VALIDATION_FAILED");
    assertError(await get("/api/v1/public/statistics?year=2026&x=1"), 400, "VALIDATION_FAILED");
  });

  test("C13: the random-inspection item list is edited by power.manage staff as versions; public reads the newest", async () => {
    const item = {
      agencyId: t.agency.donghu,
      name: "户外广告设施设置情况检查",
      field: "市容环境卫生",
      subject: "辖区内设置户外广告设施的单位",
      method: "现场检查",
      frequency: "每年抽查比例不低于 5%",
      basis: "《城市市容和环境卫生管理条例》第十一条",
    };
    assertError(await t.call({ method: "POST", url: "/api/v1/inspection-items", payload: item }), 401, [
      "UNAUTHENTICATED",
    ]);
    const officer = await t.login("dh.hb.01");
    assertError(
      await t.call({ method: "POST", url: "/api/v1/inspection-items", as: officer, payload: item }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/inspection-items",
        as: legal,
        payload: { ...item, name: "" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    const created = await t.call({
      method: "POST",
      url: "/api/v1/inspection-items",
      as: legal,
      payload: item,
    });
    assert.equal(created.statusCode, 201, created.body);
    const { itemId } = created.json() as { itemId: string };
    const changed = await t.call({
      method: "POST",
      url: "/api/v1/inspection-items",
      as: legal,
      payload: { ...item, itemId, frequency: "每年抽查比例不低于 10%" },
    });
    assert.equal((changed.json() as { version: number }).version, 2);
    const list = await get(`/api/v1/public/inspection-items?agencyId=${t.agency.donghu}`);
    assert.equal(list.statusCode, 200, list.body);
    const l = list.json() as { items: { itemId: string; frequency: string }[] };
    const mine = l.items.filter((x) => x.itemId === itemId);
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.frequency, "每年抽查比例不低于 10%");
    for (const x of l.items) assertKeys(x, "inspection");
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/inspection-items",
        as: legal,
        payload: { ...item, itemId: "00000000-0000-4000-8000-000000000000" },
      }),
      404,
      "NOT_FOUND",
    );
    const removed = await t.call({
      method: "POST",
      url: "/api/v1/inspection-items",
      as: legal,
      payload: { ...item, itemId, removed: true },
    });
    assert.equal(removed.statusCode, 201, removed.body);
    const after = (await get("/api/v1/public/inspection-items")).json() as { items: { itemId: string }[] };
    assert.ok(!after.items.some((x) => x.itemId === itemId));
    // Append-only: the database refuses to change a version.
    await assert.rejects(
      t.ctx.db.execute(sql`UPDATE inspection_item_versions SET name = 'x' WHERE item_id = ${itemId}`),
    );
  });

  test("G6/C13: no ID number or phone number of a person anywhere in the public outputs", async () => {
    const urls = [
      "/api/v1/public/agencies",
      "/api/v1/public/officers?pageSize=200",
      "/api/v1/public/powers?pageSize=200",
      "/api/v1/public/benchmarks?pageSize=200",
      "/api/v1/public/inspection-items?pageSize=200",
      "/api/v1/public/procedures/general",
      "/api/v1/public/statistics",
      "/api/v1/public/decisions?pageSize=200",
      "/api/v1/public/decisions/export.csv",
      "/api/v1/public/decisions/feed.atom",
    ];
    const decisions = (await get("/api/v1/public/decisions")).json() as { items: { id: string }[] };
    assert.ok(decisions.items.length > 0, "the demo city published a decision");
    for (const d of decisions.items) urls.push(`/api/v1/public/decisions/${d.id}`);
    for (const url of urls) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      assertNoPersonalData(res.body, url);
    }
  });

  test("C13: bad input is a 400, never a 500", async () => {
    for (const url of [
      "/api/v1/public/officers?page=0",
      "/api/v1/public/officers?agencyId=x",
      "/api/v1/public/powers?kind=secret",
      "/api/v1/public/benchmarks?pageSize=100000",
      "/api/v1/public/inspection-items?extra=1",
    ])
      assertError(await get(url), 400, "VALIDATION_FAILED");
  });

  test("C13: public routes are rate-limited per address: 429 with a Chinese message", async () => {
    const addr = "10.99.0.1";
    let last = await t.call({ url: "/api/v1/public/agencies", remoteAddress: addr });
    for (let i = 0; i < 80 && last.statusCode === 200; i++)
      last = await t.call({ url: "/api/v1/public/agencies", remoteAddress: addr });
    assertError(last, 429, "RATE_LIMITED");
    assert.match((last.json() as { error: { message: string } }).error.message, /请求过于频繁/);
    assert.equal(
      (await t.call({ url: "/api/v1/public/agencies", remoteAddress: "10.99.0.2" })).statusCode,
      200,
    );
  });
  test("C7/C13: the page's verifier (web/src/lib/publicSite.ts) verifies a published decision and refuses a changed one", async () => {
    const list = (await get("/api/v1/public/decisions")).json() as {
      items: { id: string; withdrawnAt: string | null }[];
    };
    const id = list.items.find((d) => !d.withdrawnAt)!.id;
    await integrateAll(t.ctx);
    await checkpointNow(t.ctx);
    const d = (await get(`/api/v1/public/decisions/${id}`)).json() as PublicDecision;
    assert.ok(d.ledger, "a proof once integrated and checkpointed");
    // The payload rebuilt from the record shown is byte for byte the ledger entry's payload.
    const stored = (await t.ctx.db.execute<{ payload: string }>(
      sql`select e.payload::text as payload from ledger_entries e join public_decisions p on p.ledger_entry_id = e.id where p.id = ${id}`,
    )) as unknown as { rows: { payload: string }[] };
    assert.deepEqual(JSON.parse(publicationPayload(d)), JSON.parse(stored.rows[0]!.payload));
    assert.deepEqual(await verifyPublicDecision(d), { state: "verified" });
    const changed = await verifyPublicDecision({ ...d, penalty: "警告" });
    assert.equal(changed.state, "failed");
    assert.match((changed as { reason: string }).reason, /内容可能被改动/);
    const forged = await verifyPublicDecision({
      ...d,
      ledger: {
        ...d.ledger,
        checkpoint: {
          ...d.ledger.checkpoint,
          signature: d.ledger.checkpoint.signature.replace(/^./, (c) => (c === "A" ? "B" : "A")),
        },
      },
    });
    assert.equal(forged.state, "failed");
    assert.deepEqual(await verifyPublicDecision({ ...d, ledger: null }), { state: "pending" });
  });
});
