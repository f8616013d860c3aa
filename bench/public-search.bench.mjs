// Public search of published decisions (issue 7): 1,000,000 published decisions on the PostgreSQL
// server, 64 concurrent clients (autocannon) searching GET /api/v1/public/decisions with a wide
// mix of queries: full organisation names (selective), part of a name, violation words (broad),
// individuals' masked names (very broad), field and agency filters, date ranges, plain browsing
// and later pages; pages of 20. Target: p99 under 50 ms. Baseline in the same run: GET
// /api/v1/health on the same server (the cost of the HTTP stack alone).
// The rows are synthetic but shaped like the real ones: 200,000 distinct organisations (a few
// decisions each), masked individuals, 40 violation descriptions, the demo city's agencies;
// tokens computed by the server's own tokenizer; loaded with COPY and INSERT … SELECT, indexed
// afterwards and analysed (as autovacuum would on a production server).
// BENCH_PUBLIC_ROWS changes the size; BENCH_PUBLIC_DB=<name> keeps (and reuses) a filled database.
import autocannon from "autocannon";
import { createScratchDb, pgConfig, pgUrl, probePostgres, run, startGuifan } from "./lib/harness.mjs";

export const name = "public-search";
export const order = 40;

const rows = Number(process.env.BENCH_PUBLIC_ROWS ?? 1_000_000);
const organisations = 200_000;
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
  "擅自在建筑物外墙悬挂横幅",
  "店外经营影响市容",
  "未按规定分类投放生活垃圾",
  "擅自挖掘城市道路",
  "损毁城市绿化设施",
  "擅自砍伐城市树木",
  "违规设置户外招牌",
  "露天焚烧垃圾",
  "建筑垃圾未按规定处置",
  "擅自占用人行道停放车辆",
  "违规张贴小广告",
  "未办理建筑垃圾处置核准",
  "工地出入口未设置车辆冲洗设施",
  "擅自排放污水",
  "在居民区从事产生噪声的加工活动",
  "未按规定设置油烟净化设施",
  "违规占用消防通道堆物",
  "擅自改变房屋用途",
  "无证从事城市生活垃圾经营性清扫",
  "擅自拆除环境卫生设施",
  "在公共场所乱涂乱画",
  "沿街晾晒衣物影响市容",
  "车辆未密闭运输散体物料",
  "违法建设影响城乡规划",
  "擅自占用城市道路施工",
  "违规饲养家禽家畜",
  "损坏市政照明设施",
  "未经批准设置临时摊点",
];
const penalties = [
  "罚款人民币 200.00 元",
  "警告",
  "罚款人民币 1000.00 元",
  "罚款人民币 5000.00 元；没收违法所得",
];
const fields = ["市容环境卫生", "城乡规划", "环境保护", "建设管理", "市政公用", "园林绿化"];
const regions = [
  "示范市",
  "东湖区",
  "西山区",
  "南港区",
  "北城区",
  "青石镇",
  "滨江区",
  "高新区",
  "开发区",
  "江南区",
];
const brandChars = [
  ..."宏达恒通新城东方金茂华盛永安远大天成瑞丰鸿运嘉禾泰和中兴富源利民广发盛世长青万隆兴业德信正泰国安鼎立佳美昌隆恒远春晖海纳百川锦绣山河明珠",
];
const industries = [
  "建筑工程",
  "餐饮管理",
  "商贸",
  "广告传媒",
  "物流",
  "装饰工程",
  "市政工程",
  "物业管理",
  "食品",
  "汽车服务",
  "环保科技",
  "园林绿化",
  "房地产开发",
  "文化传播",
  "酒店管理",
  "建材",
];
const forms = ["有限公司", "有限责任公司", "股份有限公司", "经营部"];
const surnames = [
  ..."张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文",
];

/** The i-th organisation (deterministic, about 200,000 distinct names). */
export function organisation(i) {
  const b = brandChars.length;
  const brand = brandChars[i % b] + brandChars[Math.floor(i / b) % b];
  const rest = Math.floor(i / (b * b));
  return `${regions[rest % regions.length]}${brand}${industries[Math.floor(rest / regions.length) % industries.length]}${forms[i % forms.length]}`;
}

const sqlText = (s) => `'${s.replaceAll("'", "''")}'`;
const sqlArray = (xs) => `ARRAY[${xs.map(sqlText).join(",")}]::text[]`;
const copyArray = (xs) => `{${xs.join(",")}}`;

async function psql(db, script, input) {
  const r = await run(
    "psql",
    [...db.pgArgs, "-d", db.name, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-c", script],
    {
      timeoutMs: 1_800_000,
      input,
    },
  );
  if (r.code !== 0) throw new Error(`psql failed: ${r.stderr.trim()}`);
  return r.stdout;
}

async function fill(db) {
  const { searchTokens } = await import("../src/modules/publicity/tokens.ts");
  const lookup = (name, list) =>
    psql(
      db,
      `CREATE TABLE ${name} (i int, t text, tokens text[]); COPY ${name} FROM STDIN`,
      `${list.map((t, i) => `${i}\t${t}\t${copyArray(searchTokens(t))}`).join("\n")}\n`,
    );
  const individuals = surnames.flatMap((s) => [`${s}某某`, `${s}某`]);
  const parties = [...Array.from({ length: organisations }, (_, i) => organisation(i)), ...individuals];
  await lookup("bench_v", violations);
  await lookup("bench_p", parties);
  await lookup("bench_f", fields);
  const agencyNames = (await psql(db, "COPY (SELECT id, name FROM agencies ORDER BY id) TO STDOUT"))
    .trim()
    .split("\n")
    .map((l) => l.split("\t"));
  await psql(
    db,
    "CREATE TABLE bench_a (i int, id uuid, name text, tokens text[]); COPY bench_a FROM STDIN",
    `${agencyNames.map(([id, n], i) => `${i}\t${id}\t${n}\t${copyArray(searchTokens(n))}`).join("\n")}\n`,
  );
  // 30% individuals, the rest spread over the organisations (a few decisions each).
  await psql(
    db,
    `DROP INDEX IF EXISTS public_decisions_tokens_idx;
     INSERT INTO public_decisions (id, agency_id, case_id, decision_event_id, case_number, title, agency_name,
       party_display, credit_code, field, violation, penalty, body, decided_on, tokens, published_by,
       published_at, ledger_entry_id)
     SELECT gen_random_uuid(), a.id, gen_random_uuid(), gen_random_uuid(),
       a.name || '罚〔' || (2020 + g % 7) || '〕' || g || '号', '行政处罚决定书', a.name, p.t,
       CASE WHEN p.i < ${organisations} THEN '91330702MA' || lpad(p.i::text, 8, '0') ELSE '' END,
       f.t, p.t || v.t, (${sqlArray(penalties)})[1 + g % ${penalties.length}], '（正文略）',
       date '2020-01-01' + (g * ${Math.floor((2500 * 1_000_000) / rows)} / 1000000)::int,
       v.tokens || p.tokens || f.tokens || a.tokens,
       a.id, timestamptz '2020-01-01' + make_interval(secs => g * ${Math.floor((216_000_000 * 1000) / rows) / 1000}), 0
     FROM generate_series(1::bigint, ${rows}) g
     JOIN bench_v v ON v.i = (g * 2654435761) % ${violations.length}
     JOIN bench_p p ON p.i = CASE WHEN g % 10 < 3 THEN ${organisations} + (g * 40503) % ${individuals.length}
                                  ELSE (g * 7919) % ${organisations} END
     JOIN bench_f f ON f.i = (g * 31) % ${fields.length}
     JOIN bench_a a ON a.i = (g * 13) % (SELECT count(*) FROM bench_a)
     ORDER BY g;
     CREATE INDEX public_decisions_tokens_idx ON public_decisions USING gin (tokens);`,
  );
  await psql(db, "VACUUM ANALYZE public_decisions");
}

/** A wide, deterministic mix of the searches the public makes. */
function searches(agencyIds) {
  const q = (params) => `/api/v1/public/decisions?${new URLSearchParams({ ...params, pageSize: "20" })}`;
  const out = [];
  for (let k = 0; k < 400; k++) {
    const i = (k * 104729) % organisations;
    const org = organisation(i);
    out.push(q({ q: org })); // a full name
    if (k % 4 === 0) out.push(q({ q: org.slice(3, 9) })); // brand and trade, any region
  }
  for (const v of violations) out.push(q({ q: v.slice(2, 6) }), q({ q: v }));
  for (const s of surnames.slice(0, 20)) out.push(q({ q: `${s}某某` }));
  for (const f of fields) out.push(q({ field: f }), q({ field: f, page: "3" }));
  for (const [n, a] of agencyIds.entries())
    out.push(q({ agencyId: a, from: `202${n % 6}-01-01`, to: `202${n % 6}-06-30` }), q({ agencyId: a }));
  for (let p = 1; p <= 10; p++) out.push(q({ page: String(p) }));
  for (let y = 2020; y <= 2026; y++) out.push(q({ from: `${y}-03-01`, to: `${y}-03-31` }));
  return out;
}

async function prepare() {
  const keep = process.env.BENCH_PUBLIC_DB;
  if (keep) {
    const db = {
      name: keep,
      url: pgUrl(keep),
      pgArgs: ["-h", pgConfig.host, "-p", pgConfig.port, "-U", pgConfig.user],
      drop: async () => {},
    };
    const exists = await run("psql", [
      ...db.pgArgs,
      "-d",
      "postgres",
      "-XAtc",
      `select 1 from pg_database where datname='${keep}'`,
    ]);
    if (exists.stdout.trim() !== "1") await run("createdb", [...db.pgArgs, keep]);
    return db;
  }
  return createScratchDb("guifan_bench_public");
}

const summary = (x) => ({
  p50: x.latency.p50,
  p99: x.latency.p99,
  rps: x.requests.average,
  total: x.requests.total,
});

export default async function publicSearch(ctx) {
  const benchmark = `public decision search, ${rows.toLocaleString("en-US")} decisions, ${clients} clients (PostgreSQL)`;
  const pg = await probePostgres();
  if (!pg.ok) return [{ id: "public.search.postgres", benchmark, skipped: true, notes: pg.reason }];
  const db = await prepare();
  process.env.GUIFAN_PUBLIC_RATE_LIMIT ??= "100000000";
  let server;
  try {
    server = await startGuifan({ databaseUrl: db.url, logLevel: "warn" });
    const count = Number((await psql(db, "COPY (SELECT count(*) FROM public_decisions) TO STDOUT")).trim());
    if (count < rows) {
      ctx.log(`public-search: inserting ${rows} published decisions and indexing`);
      const started = Date.now();
      await fill(db);
      ctx.log(`public-search: filled in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    const agencyIds = (await psql(db, "COPY (SELECT DISTINCT agency_id FROM public_decisions) TO STDOUT"))
      .trim()
      .split("\n");
    const paths = searches(agencyIds);
    const slow = [];
    for (const p of paths) {
      const t0 = performance.now();
      const res = await fetch(server.baseUrl + p);
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`GET ${p}: HTTP ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      slow.push([ms, decodeURIComponent(p)]);
    }
    slow.sort((a, b) => b[0] - a[0]);
    ctx.log(
      `public-search: slowest single searches: ${slow
        .slice(0, 5)
        .map(([ms, p]) => `${ms.toFixed(1)} ms ${p}`)
        .join("; ")}`,
    );
    let i = 0;
    const load = (base, path, duration) =>
      autocannon({
        url: base,
        connections: clients,
        pipelining: 1,
        duration,
        timeout: 20,
        requests: [
          {
            method: "GET",
            setupRequest: (req) => ({ ...req, path: path ?? paths[(i++ * 7) % paths.length] }),
          },
        ],
      });
    const searchRun = async (base) => {
      const r = await load(base, undefined, ctx.options.seconds);
      const bad = r.non2xx + r.errors + r.timeouts;
      if (r.requests.total === 0 || bad > 0) throw new Error(`${bad} of ${r.requests.total} searches failed`);
      return r;
    };
    await load(server.baseUrl, undefined, 2);
    const health = await load(server.baseUrl, "/api/v1/health", ctx.options.seconds);
    ctx.log(`public-search: ${ctx.options.seconds}s × ${clients} clients, ${paths.length} distinct searches`);
    const r = await searchRun(server.baseUrl);
    await server.stop();
    // The same searches with the result cache off: every request runs its query.
    process.env.GUIFAN_PUBLIC_CACHE_SECONDS = "0";
    server = await startGuifan({ databaseUrl: db.url, logLevel: "warn" });
    delete process.env.GUIFAN_PUBLIC_CACHE_SECONDS;
    ctx.log("public-search: again with the result cache off");
    const cold = await searchRun(server.baseUrl);
    const baseline = { label: "GET /api/v1/health p99, same server", figure: health.latency.p99, unit: "ms" };
    const figures = (x) => `p50 ${x.latency.p50} ms, p99 ${x.latency.p99} ms, ${x.requests.average} req/s`;
    return [
      {
        id: "public.search.postgres",
        benchmark,
        figure: r.latency.p99,
        unit: "ms p99",
        baseline,
        notes: `${figures(r)} (target p99 < 50 ms); health ${figures(health)}; ${paths.length} distinct searches repeated, result cache on (as deployed)`,
        details: {
          ...summary(r),
          health: summary(health),
          searches: paths.length,
          slowest: slow.slice(0, 10),
        },
      },
      {
        id: "public.search.postgres.uncached",
        benchmark: `${benchmark}, result cache off`,
        figure: cold.latency.p99,
        unit: "ms p99",
        baseline,
        notes: `${figures(cold)}; every request runs its query; slowest single search alone ${slow[0][0].toFixed(1)} ms`,
        details: summary(cold),
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
