// Case steps per second through HTTP on the PostgreSQL server (issue 5): 32 clients each take a
// free case from a pool and record an on-site inspection (POST /api/v1/cases/{id}/events/
// record_inspection) with the version they last saw. Every step runs the real engine: the
// transition table, the C2 certificate check of both officers, the L5 recording list, the step
// row, the optimistic version update and the ledger entry, in one transaction. Compared in the
// same run with pgbench -N (ctx.baselines.pgbenchTps; target: at least half of it).
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import { createScratchDb, pgConfig, probePostgres, run as runCommand, startGuifan } from "./lib/harness.mjs";

export const name = "case-steps";
export const order = 30;

const clients = 32;
/** Two cases per client, so a client never waits for its own previous step's case. */
const poolSize = clients * 2;
// Fixed past dates inside the packaged calendar (D4): filing opens a 90-day period.
const day = { act: "2026-05-01", discovered: "2026-05-05", filed: "2026-06-01", step: "2026-06-03" };

async function call(server, token, method, path, body) {
  const res = await fetch(server.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text);
}

export async function prepareCases(server) {
  const officer = await server.login("dh.hb.01");
  const leader = await server.login("dh.hb.lead");
  const me = await call(server, officer, "GET", "/api/v1/auth/me");
  const agencyId = me.memberships[0].agencyId;
  const officers = await call(server, officer, "GET", `/api/v1/officers?agencyId=${agencyId}&pageSize=50`);
  const ids = officers.items.map((o) => o.userId);
  const pool = [];
  for (let i = 0; i < poolSize; i++) {
    const c = await call(server, officer, "POST", "/api/v1/cases", {
      agencyId,
      field: "市容环境卫生",
      summary: `压测案件 ${i + 1}：占道经营`,
      place: { address: `湖滨路 ${i + 1} 号` },
      party: { type: "individual", name: `压测当事人${i + 1}` },
      actOn: day.act,
      discoveredOn: day.discovered,
      officerIds: [me.user.id, ids.find((u) => u !== me.user.id)],
    });
    let v = (
      await call(server, leader, "POST", `/api/v1/cases/${c.id}/events/file`, { version: 1, on: day.filed })
    ).version;
    v = (
      await call(server, officer, "POST", `/api/v1/cases/${c.id}/events/start_investigation`, {
        version: v,
        on: day.filed,
      })
    ).version;
    pool.push({ id: c.id, version: v, busy: false });
  }
  return { token: officer, pool };
}

/** CPU time (user + system, ms) of a process from /proc (Linux); 0 when it is gone or unreadable. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/** The pid of the Guifan server listening on `port` (its environment says PORT=port), if found. */
function serverPid(port) {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("bin/guifan.js")) continue;
      if (readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(`PORT=${port}`)) return pid;
    } catch {
      // gone or not ours
    }
  }
  return undefined;
}

/** The pids of the PostgreSQL backends connected to a database (the server's pool). */
async function backendPids(db) {
  const r = await runCommand("psql", [
    ...["-h", pgConfig.host, "-p", pgConfig.port, "-U", pgConfig.user, "-d", "postgres", "-XAtc"],
    `select pid from pg_stat_activity where datname = '${db}'`,
  ]);
  return r.code === 0 ? r.stdout.split("\n").filter(Boolean) : [];
}

/**
 * The CPU time the server process and its PostgreSQL backends spend while `fn` runs (Linux only;
 * NaN elsewhere): per step, it is less sensitive than steps/s to other load on a shared machine.
 */
async function measureCpu(server, db, fn) {
  const node = serverPid(new URL(server.baseUrl).port);
  const pgPids = await backendPids(db.name);
  const sum = (pids) => pids.reduce((t, pid) => t + cpuMs(pid), 0);
  const before = { node: node ? cpuMs(node) : Number.NaN, pg: sum(pgPids) };
  const result = await fn();
  // Backends opened during the run count from zero; those that closed are missing (the pool keeps them).
  const after = {
    node: node ? cpuMs(node) : Number.NaN,
    pg: sum([...new Set([...pgPids, ...(await backendPids(db.name))])]),
  };
  return {
    result,
    nodeMs: after.node - before.node,
    pgMs: pgPids.length ? after.pg - before.pg : Number.NaN,
  };
}

export default async function caseSteps(ctx) {
  const benchmark = `case steps through HTTP, ${clients} clients (PostgreSQL)`;
  const pg = await probePostgres();
  if (!pg.ok) return [{ id: "cases.steps.postgres", benchmark, skipped: true, notes: pg.reason }];
  const db = await createScratchDb("guifan_bench_cases");
  const server = await startGuifan({ databaseUrl: db.url, logLevel: "warn" });
  try {
    ctx.log(`case-steps: preparing ${poolSize} cases in investigation`);
    const { token, pool } = await prepareCases(server);
    let conflicts = 0;
    const run = (duration) =>
      autocannon({
        url: server.baseUrl,
        connections: clients,
        pipelining: 1,
        timeout: 20,
        duration,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        requests: [
          {
            method: "POST",
            setupRequest: (req, context) => {
              const c = pool.find((x) => !x.busy);
              if (!c) throw new Error("case pool exhausted");
              c.busy = true;
              context.case = c;
              return {
                ...req,
                path: `/api/v1/cases/${c.id}/events/record_inspection`,
                body: JSON.stringify({
                  version: c.version,
                  on: day.step,
                  data: { record: "现场检查：当事人在店外占道摆放商品，现场拍照取证。" },
                }),
              };
            },
            onResponse: (status, body, context) => {
              const c = context.case;
              if (status === 200) c.version = JSON.parse(body).version;
              else if (status === 409) conflicts++;
              c.busy = false;
            },
          },
        ],
      });
    ctx.log("case-steps: warm-up 2s");
    await run(2);
    ctx.log(`case-steps: ${ctx.options.seconds}s × ${clients} clients`);
    const { result: r, nodeMs, pgMs } = await measureCpu(server, db, () => run(ctx.options.seconds));
    const bad = r.non2xx + r.errors + r.timeouts;
    if (r.requests.total === 0 || bad > 0)
      throw new Error(
        `${bad} of ${r.requests.total} steps failed (non-2xx ${r.non2xx}, of which 409 ${conflicts}; errors ${r.errors}, timeouts ${r.timeouts})`,
      );
    const pgbench = ctx.baselines.pgbenchTps;
    const perStep = (ms) => (ms / r.requests.total).toFixed(2);
    return [
      {
        id: "cases.steps.postgres",
        benchmark,
        figure: r.requests.average,
        unit: "steps/s",
        ...(Number.isFinite(pgbench)
          ? { baseline: { label: "pgbench -N, same run", figure: pgbench, unit: "tx/s" } }
          : {}),
        notes: `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ${r.requests.total} steps on ${poolSize} cases; CPU a step: Node ${perStep(nodeMs)} ms, PostgreSQL ${perStep(pgMs)} ms; target ≥ 0.5 × pgbench -N`,
        details: {
          rps: r.requests.average,
          total: r.requests.total,
          p50: r.latency.p50,
          p99: r.latency.p99,
          nodeCpuMsPerStep: nodeMs / r.requests.total,
          pgCpuMsPerStep: pgMs / r.requests.total,
        },
      },
    ];
  } catch (err) {
    return [
      { id: "cases.steps.postgres", benchmark, error: err instanceof Error ? err.message : String(err) },
    ];
  } finally {
    await server.stop();
    await db.drop();
  }
}
