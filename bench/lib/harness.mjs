// Shared helpers for the benchmarks: child processes that are always cleaned up, scratch
// PostgreSQL databases, the real Guifan server on loopback, and autocannon runs.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../..");

/** Every demo account gets this password in the benchmark servers (letters and digits). */
export const demoPassword = "Bench-demo-2025";

// ---------------------------------------------------------------------------------------------
// Cleanup registry: benchmarks clean up in `finally`, but an interrupted run (Ctrl-C, SIGTERM,
// uncaught error) still kills the servers it started and drops the databases it created.

const cleanups = new Set();
const liveChildren = new Set();

/** Registers an async cleanup; returns a function that runs it once and unregisters it. */
export const defer = (fn) => {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    cleanups.delete(run);
    await fn();
  };
  cleanups.add(run);
  return run;
};

/** Runs every pending cleanup (newest first), logging but not throwing failures. */
export const runAllCleanups = async () => {
  for (const run of [...cleanups].reverse()) {
    try {
      await run();
    } catch (err) {
      console.error(`bench: cleanup failed: ${err instanceof Error ? err.message : err}`);
    }
  }
};

// Last resort when the process is leaving without having run the cleanups.
process.on("exit", () => {
  for (const child of liveChildren) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
});

// ---------------------------------------------------------------------------------------------
// Child processes

/**
 * Runs a command to completion and returns { code, stdout, stderr }. Never rejects for a
 * non-zero exit; rejects when the command cannot be started (e.g. ENOENT) or times out.
 */
export const run = (cmd, args, { env, timeoutMs = 120_000, input } = {}) =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    liveChildren.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${cmd} ${args.join(" ")}: timed out after ${timeoutMs / 1000}s`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      liveChildren.delete(child);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });

/** Sends SIGTERM, then SIGKILL if the child has not exited after `graceMs`. */
const stopChild = (child, graceMs = 10_000) =>
  new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      liveChildren.delete(child);
      resolvePromise();
      return;
    }
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      liveChildren.delete(child);
      resolvePromise();
    });
    child.kill("SIGTERM");
  });

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export const freePort = () =>
  new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolvePromise(port));
    });
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const tail = (file, lines = 30) => {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
};

/**
 * Spawns a long-running Node script (server) with stdout+stderr going to a log file, and waits
 * until `readyUrl` answers 200. Returns { child, logFile, stop }.
 */
export const startProcess = async ({ args, env, readyUrl, logFile, timeoutMs = 180_000, label }) => {
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  liveChildren.add(child);
  const stop = defer(() => stopChild(child));
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`${label} exited during start-up (code ${child.exitCode}):\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(readyUrl, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${label} not ready after ${timeoutMs / 1000}s:\n${tail(logFile)}`);
    }
    await sleep(250);
  }
  return { child, logFile, stop };
};

// ---------------------------------------------------------------------------------------------
// PostgreSQL server (scratch databases via createdb/dropdb on loopback)

export const pgConfig = {
  host: process.env.BENCH_PGHOST || "127.0.0.1",
  port: process.env.BENCH_PGPORT || "5432",
  user: process.env.BENCH_PGUSER || "postgres",
};

const pgArgs = () => ["-h", pgConfig.host, "-p", pgConfig.port, "-U", pgConfig.user];
const pgEnv = { PGCONNECT_TIMEOUT: "5" };

/** Whether the server is reachable with createdb/psql; resolves { ok, reason }. Cached. */
let pgProbe;
export const probePostgres = () => {
  pgProbe ??= (async () => {
    try {
      const r = await run("psql", [...pgArgs(), "-d", "postgres", "-XAtc", "select 1"], {
        env: pgEnv,
        timeoutMs: 20_000,
      });
      if (r.code !== 0) {
        return {
          ok: false,
          reason: `PostgreSQL at ${pgConfig.host}:${pgConfig.port} not reachable: ${r.stderr.trim().split("\n")[0]}`,
        };
      }
      return { ok: true, reason: "" };
    } catch (err) {
      return { ok: false, reason: `psql unavailable: ${err instanceof Error ? err.message : err}` };
    }
  })();
  return pgProbe;
};

export const pgUrl = (db) =>
  `postgres://${encodeURIComponent(pgConfig.user)}@${pgConfig.host}:${pgConfig.port}/${db}`;

/**
 * Creates a fresh scratch database; returns { name, url, drop }. The database is dropped by
 * `drop()` and, if the run is interrupted, by the cleanup registry.
 */
export const createScratchDb = async (prefix) => {
  const name = `${prefix}_${process.pid}_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const r = await run("createdb", [...pgArgs(), name], { env: pgEnv, timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`createdb ${name} failed: ${r.stderr.trim()}`);
  const drop = defer(async () => {
    const d = await run("dropdb", [...pgArgs(), "--if-exists", "--force", name], {
      env: pgEnv,
      timeoutMs: 60_000,
    });
    if (d.code !== 0) throw new Error(`dropdb ${name} failed: ${d.stderr.trim()}`);
  });
  return { name, url: pgUrl(name), drop, pgArgs: pgArgs() };
};

// ---------------------------------------------------------------------------------------------
// The real Guifan server

/**
 * Starts `node bin/guifan.js serve` on 127.0.0.1 with a temporary DATA_DIR (PGlite) or the
 * given DATABASE_URL, the demo city, and the benchmark demo password. Returns
 * { baseUrl, engine, login(username), stop }.
 */
export const startGuifan = async ({ databaseUrl, logLevel = "info" } = {}) => {
  const dataDir = mkdtempSync(join(tmpdir(), "guifan-bench-"));
  const removeDir = defer(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let proc;
  try {
    proc = await startProcess({
      label: "guifan serve",
      // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
      args: [
        ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
        "bin/guifan.js",
        "serve",
      ],
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? "",
        GUIFAN_DEMO_PASSWORD: demoPassword,
        LOG_LEVEL: logLevel,
        NODE_ENV: "production",
      },
      readyUrl: `${baseUrl}/api/v1/health`,
      logFile: join(tmpdir(), `guifan-bench-${port}.log`),
    });
  } catch (err) {
    await removeDir();
    throw err;
  }
  const health = await (await fetch(`${baseUrl}/api/v1/health`)).json();
  const login = async (username) => {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password: demoPassword }),
    });
    if (!res.ok) throw new Error(`login as ${username}: HTTP ${res.status} ${await res.text()}`);
    const body = await res.json();
    if (typeof body.token !== "string") throw new Error(`login as ${username}: no token in response`);
    return body.token;
  };
  const stop = async () => {
    await proc.stop();
    await removeDir();
    rmSync(proc.logFile, { force: true });
  };
  return { baseUrl, engine: health.engine, logFile: proc.logFile, login, stop };
};

// ---------------------------------------------------------------------------------------------
// Load generation

/**
 * Runs autocannon against one URL (GET) after a short warm-up. Returns requests/s (mean of the
 * per-second samples), latency p50/p99 in ms, and error counts.
 */
export const cannon = async ({ url, headers = {}, duration, connections, warmup = 2 }) => {
  const opts = { url, headers, connections, pipelining: 1, timeout: 10 };
  if (warmup > 0) await autocannon({ ...opts, duration: warmup });
  const r = await autocannon({ ...opts, duration });
  return {
    rps: r.requests.average,
    total: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerRequest: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
    duration: r.duration,
  };
};

/** Throws when a load run saw failures, so a broken endpoint never passes as a fast one. */
export const assertClean = (label, r) => {
  if (r.total === 0) throw new Error(`${label}: no requests completed`);
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad > 0) {
    throw new Error(
      `${label}: ${bad} of ${r.total} requests failed (non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts})`,
    );
  }
};
