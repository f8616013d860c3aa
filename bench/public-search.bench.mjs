// Public search of published decisions (issue 7): 1,000,000 published decisions on the PostgreSQL
// server, 64 concurrent clients (autocannon) searching GET /api/v1/public/decisions with a mix of
// organisation names (selective), violation words (broad) and plain browsing, pages of 20.
// Target: p99 under 50 ms. Baseline in the same run: GET /api/v1/health on the same server.
// The rows are synthetic but shaped like the real ones (tokens computed by the server's own
// tokenizer), inserted with one INSERT … SELECT and indexed afterwards.
import autocannon from "autocannon";
import { createScratchDb, probePostgres, run, startGuifan } from "./lib/harness.mjs";

export const name = "public-search";
export const order = 40;

const rows = Number(process.env.BENCH_PUBLIC_ROWS ?? 1_000_000);
const clients = 64;

const violations = [
  "占用城市道路设摊经营",
  "擅自在街道两侧堆放物料",
  "施工现场材料堆放高度超过围挡",
  "随地丢弃烟头纸屑",
  "擅自设置大型户外广告",
  "临街工地未设置遮挡",
  "违法搭建临时建筑物",
  "夜间施工噪声扰民",
  "餐饮油烟未经净化直接排放",
  "擅自占用绿地堆放杂物",
  "运输车辆沿途泄漏撒落",
  "未按规定时间投放生活垃圾",
];
const penalties = [
  "罚款人民币 200.00 元",
  "警告",
  "罚款人民币 1000.00 元",
  "罚款人民币 5000.00 元；没收违法所得",
];
const fields = ["市容环境卫生", "城市管理", "环境保护", "建设管理"];
const orgWords = [
  "宏达",
  "恒通",
  "新城",
  "东方",
  "金茂",
  "华盛",
  "永安",
  "远大",
  "天成",
  "瑞丰",
  "鸿运",
  "嘉禾",
];
const orgKinds = ["建筑工程有限公司", "餐饮管理有限公司", "商贸有限公司", "广告传媒有限公司", "物流有限公司"];
const surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴"];

const sqlText = (s) => `'${s.replaceAll("'", "''")}'`;
const sqlArray = (xs) => `ARRAY[${xs.map(sqlText).join(",")}]::text[]`;

async function psql(db, script) {
  const r = await run(
    "psql",
    [...db.pgArgs, "-d", db.name, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", script],
    {
      timeoutMs: 1_800_000,
    },
  );
  if (r.code !== 0) throw new Error(`psql failed: ${r.stderr.trim()}`);
  return r.stdout;
}

async function fill(db) {
  const { searchTokens } = await import("../src/modules/publicity/tokens.ts");
  const parties = [
    ...orgWords.flatMap((w) => orgKinds.map((k) => `示范市${w}${k}`)),
    ...surnames.map((s) => `${s}某某`),
  ];
  const values = (list) =>
    list.map((v, i) => `(${i}, ${sqlText(v)}, ${sqlArray(searchTokens(v))})`).join(",");
  await psql(
    db,
    `CREATE TABLE bench_v (i int, t text, tokens text[]); INSERT INTO bench_v VALUES ${values(violations)};
     CREATE TABLE bench_p (i int, t text, tokens text[]); INSERT INTO bench_p VALUES ${values(parties)};
     CREATE TABLE bench_f (i int, t text, tokens text[]); INSERT INTO bench_f VALUES ${values(fields)};
     CREATE TABLE bench_a (i int, id uuid, name text, tokens text[]);
     INSERT INTO bench_a SELECT row_number() over (order by id) - 1, id, name, '{}' FROM agencies;`,
  );
  const agencyNames = (await psql(db, "COPY (SELECT name FROM bench_a ORDER BY i) TO STDOUT"))
    .trim()
    .split("\n");
  for (const [i, n] of agencyNames.entries())
    await psql(db, `UPDATE bench_a SET tokens = ${sqlArray(searchTokens(n))} WHERE i = ${i}`);
  await psql(
    db,
    `DROP INDEX IF EXISTS public_decisions_tokens_idx;
     INSERT INTO public_decisions (id, agency_id, case_id, decision_event_id, case_number, title, agency_name,
       party_display, credit_code, field, violation, penalty, body, decided_on, tokens, published_by,
       published_at, ledger_entry_id)
     SELECT gen_random_uuid(), a.id, gen_random_uuid(), gen_random_uuid(),
       '示范综执罚〔' || (2020 + g % 7) || '〕' || g || '号', '行政处罚决定书', a.name, p.t,
       CASE WHEN p.t LIKE '%公司' THEN '91330702MA' || lpad((g % 100000000)::text, 8, '0') ELSE '' END,
       f.t, p.t || v.t, (${sqlArray(penalties)})[1 + g % ${penalties.length}], '（正文略）',
       date '2020-01-01' + (g % 2500)::int, v.tokens || p.tokens || f.tokens || a.tokens,
       a.id, timestamptz '2020-01-01' + make_interval(secs => g * 150), 0
     FROM generate_series(1::bigint, ${rows}) g
     JOIN bench_v v ON v.i = g % ${violations.length}
     JOIN bench_p p ON p.i = (g * 7919) % ${parties.length}
     JOIN bench_f f ON f.i = (g * 31) % ${fields.length}
     JOIN bench_a a ON a.i = (g * 13) % (SELECT count(*) FROM bench_a);
     CREATE INDEX public_decisions_tokens_idx ON public_decisions USING gin (tokens);`,
  );
  await psql(db, "VACUUM ANALYZE public_decisions");
  return parties;
}

export default async function publicSearch(ctx) {
  const benchmark = `public decision search, ${rows.toLocaleString("en-US")} decisions, ${clients} clients (PostgreSQL)`;
  const pg = await probePostgres();
  if (!pg.ok) return [{ id: "public.search.postgres", benchmark, skipped: true, notes: pg.reason }];
  const db = await createScratchDb("guifan_bench_public");
  process.env.GUIFAN_PUBLIC_RATE_LIMIT ??= "100000000";
  let server;
  try {
    server = await startGuifan({ databaseUrl: db.url, logLevel: "warn" });
    ctx.log(`public-search: inserting ${rows} published decisions and indexing`);
    const started = Date.now();
    const parties = await fill(db);
    ctx.log(`public-search: filled in ${Math.round((Date.now() - started) / 1000)} s`);
    const q = (s) => `/api/v1/public/decisions?q=${encodeURIComponent(s)}&pageSize=20`;
    const paths = [
      ...parties
        .filter((p) => p.endsWith("公司"))
        .slice(0, 20)
        .map((p) => q(p.replace("示范市", ""))),
      ...["堆放物料", "油烟", "户外广告", "噪声扰民", "占用城市道路"].map(q),
      "/api/v1/public/decisions?pageSize=20",
      "/api/v1/public/decisions?field=%E5%B8%82%E5%AE%B9%E7%8E%AF%E5%A2%83%E5%8D%AB%E7%94%9F&pageSize=20",
    ];
    for (const p of paths) {
      const res = await fetch(server.baseUrl + p);
      if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status} ${await res.text()}`);
    }
    let i = 0;
    const load = (path, duration) =>
      autocannon({
        url: server.baseUrl,
        connections: clients,
        pipelining: 1,
        duration,
        timeout: 20,
        requests: [
          { method: "GET", setupRequest: (req) => ({ ...req, path: path ?? paths[i++ % paths.length] }) },
        ],
      });
    await load(undefined, 2);
    const health = await load("/api/v1/health", ctx.options.seconds);
    ctx.log(`public-search: ${ctx.options.seconds}s × ${clients} clients`);
    const r = await load(undefined, ctx.options.seconds);
    const bad = r.non2xx + r.errors + r.timeouts;
    if (r.requests.total === 0 || bad > 0) throw new Error(`${bad} of ${r.requests.total} searches failed`);
    return [
      {
        id: "public.search.postgres",
        benchmark,
        figure: r.latency.p99,
        unit: "ms p99",
        baseline: { label: "GET /api/v1/health p99, same server", figure: health.latency.p99, unit: "ms" },
        notes: `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (target < 50 ms), ${r.requests.average} req/s; health ${health.requests.average} req/s; ${paths.length} query shapes`,
        details: {
          p50: r.latency.p50,
          p99: r.latency.p99,
          rps: r.requests.average,
          healthRps: health.requests.average,
          healthP99: health.latency.p99,
        },
      },
    ];
  } catch (err) {
    return [
      { id: "public.search.postgres", benchmark, error: err instanceof Error ? err.message : String(err) },
    ];
  } finally {
    await server?.stop();
    await db.drop();
  }
}
