// HTTP throughput of an authenticated list (GET /api/v1/users, page of 20) on the real server,
// compared in the same run with GET /api/v1/health on that server and with a trivial node:http
// server returning a fixed JSON body of the same size. Runs on PGlite and, when reachable, on
// the PostgreSQL server (fresh scratch database).
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  assertClean,
  cannon,
  createScratchDb,
  freePort,
  probePostgres,
  startGuifan,
  startProcess,
} from "./lib/harness.mjs";

export const name = "http-list";
export const order = 10;

const usersPath = "/api/v1/users?page=1&pageSize=20";
const ms = (v) => `${Math.round(v * 10) / 10} ms`;
const lat = (r) => `p50 ${ms(r.p50)}, p99 ${ms(r.p99)}`;

/** The trivial node:http baseline server, measured once (first engine decides the body size). */
const measureTrivial = async (ctx, bodyBytes) => {
  const port = await freePort();
  const proc = await startProcess({
    label: "trivial node:http server",
    args: ["bench/lib/trivial-server.mjs"],
    env: { PORT: String(port), BODY_BYTES: String(bodyBytes) },
    readyUrl: `http://127.0.0.1:${port}/`,
    logFile: join(tmpdir(), `guifan-bench-trivial-${port}.log`),
    timeoutMs: 30_000,
  });
  try {
    ctx.log(`http: trivial node:http server (${bodyBytes} B body), ${ctx.options.seconds}s`);
    const r = await cannon({
      url: `http://127.0.0.1:${port}/`,
      duration: ctx.options.seconds,
      connections: ctx.options.connections,
    });
    assertClean("trivial server", r);
    return r;
  } finally {
    await proc.stop();
    rmSync(proc.logFile, { force: true });
  }
};

const engineRows = async (ctx, engineLabel, databaseUrl, state) => {
  const { seconds, connections } = ctx.options;
  ctx.log(`http: starting guifan serve on ${engineLabel}`);
  const server = await startGuifan({ databaseUrl });
  try {
    const token = await server.login("admin");
    const headers = { authorization: `Bearer ${token}` };
    const probe = await fetch(server.baseUrl + usersPath, { headers });
    if (!probe.ok) throw new Error(`GET ${usersPath}: HTTP ${probe.status} ${await probe.text()}`);
    const page = await probe.json();
    const bodyBytes = Number(probe.headers.get("content-length")) || JSON.stringify(page).length;

    state.trivial ??= await measureTrivial(ctx, bodyBytes);
    const trivial = state.trivial;

    ctx.log(`http: ${engineLabel} GET /api/v1/health, ${seconds}s × ${connections} connections`);
    const health = await cannon({ url: `${server.baseUrl}/api/v1/health`, duration: seconds, connections });
    assertClean(`${engineLabel} /health`, health);
    ctx.log(`http: ${engineLabel} GET ${usersPath}, ${seconds}s × ${connections} connections`);
    const users = await cannon({ url: server.baseUrl + usersPath, headers, duration: seconds, connections });
    assertClean(`${engineLabel} /users`, users);

    return [
      {
        id: `http.health.${server.engine}`,
        benchmark: `GET /api/v1/health (${engineLabel})`,
        figure: health.rps,
        unit: "req/s",
        baseline: { label: "trivial node:http", figure: trivial.rps, unit: "req/s" },
        notes: `${lat(health)}; no auth, one schema-version query`,
        details: health,
      },
      {
        id: `http.users.${server.engine}`,
        benchmark: `GET /api/v1/users 20/page, authed (${engineLabel})`,
        figure: users.rps,
        unit: "req/s",
        baseline: { label: "GET /api/v1/health, same server", figure: health.rps, unit: "req/s" },
        notes:
          `${lat(users)}; ${bodyBytes} B/response, ${page.items?.length ?? "?"} rows of ${page.total ?? "?"}; ` +
          `÷ trivial node:http ${(users.rps / trivial.rps).toFixed(3)}`,
        details: { ...users, bodyBytes, trivialRps: trivial.rps },
      },
    ];
  } finally {
    await server.stop();
  }
};

export default async function httpList(ctx) {
  const { seconds, connections } = ctx.options;
  const state = {};
  const rows = [];
  const errors = [];

  try {
    rows.push(...(await engineRows(ctx, "PGlite", undefined, state)));
  } catch (err) {
    errors.push(err);
    rows.push({
      id: "http.users.pglite",
      benchmark: "GET /api/v1/users 20/page, authed (PGlite)",
      error: err instanceof Error ? err.message : String(err),
    });
  }

  const pg = await probePostgres();
  if (!pg.ok) {
    rows.push({
      id: "http.users.postgres",
      benchmark: "GET /api/v1/users 20/page, authed (PostgreSQL)",
      skipped: true,
      notes: pg.reason,
    });
  } else {
    const db = await createScratchDb("guifan_bench_http");
    try {
      rows.push(...(await engineRows(ctx, "PostgreSQL", db.url, state)));
    } catch (err) {
      errors.push(err);
      rows.push({
        id: "http.users.postgres",
        benchmark: "GET /api/v1/users 20/page, authed (PostgreSQL)",
        error: err instanceof Error ? err.message : String(err),
      });
    } finally {
      await db.drop();
    }
  }

  if (state.trivial) {
    rows.unshift({
      id: "http.trivial-node",
      benchmark: "trivial node:http fixed JSON (baseline)",
      figure: state.trivial.rps,
      unit: "req/s",
      notes: `${lat(state.trivial)}; ${state.trivial.bytesPerRequest} B/response incl. headers; ${connections} connections, ${seconds}s`,
      details: state.trivial,
    });
  }
  return rows;
}
