// The full-process record (issue: tamper-evident ledger). Runs bench/ledger-worker.ts on the
// PostgreSQL server (a scratch database) and on PGlite:
//  - appends/s with 16 concurrent writers, each append its own transaction (as a case step),
//    integrator running; baselines in the same run: plain INSERTs by the same writers into the same
//    database, and pgbench TPS when the pgbench benchmark ran first.
//  - verification rate (entries/s) against a raw SHA-256 loop over the same leaf bytes.
import { createScratchDb, probePostgres, run } from "./lib/harness.mjs";

export const name = "ledger";
export const order = 20;

const worker = async (target, seconds) => {
  const r = await run("node", ["--import", "tsx", "bench/ledger-worker.ts", target, String(seconds), "16"], {
    timeoutMs: (seconds * 2 + 300) * 1000,
  });
  if (r.code !== 0) throw new Error(`ledger worker (${target}) failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
};

const rows = (ctx, m) => {
  const label = m.engine === "postgresql" ? "PostgreSQL server" : "PGlite";
  const out = [
    {
      id: `ledger.appends.${m.engine}`,
      benchmark: `ledger appends, 16 writers (${label})`,
      figure: m.appendsPerSecond,
      unit: "appends/s",
      baseline: {
        label: "plain INSERT, same writers and DB",
        figure: m.plainInsertsPerSecond,
        unit: "rows/s",
      },
      notes: `${m.appends} appends in ${m.seconds}s (${m.rounds} phases alternating with the plain INSERTs); the integrator caught up within ${Math.round(m.catchUpSeconds * 1000)} ms of the end of each phase (counted in the ledger's time); target ≥ 3,000/s on the server`,
      details: m,
    },
    {
      id: `ledger.verify.${m.engine}`,
      benchmark: `ledger verify (${label})`,
      figure: m.verifyEntriesPerSecond,
      unit: "entries/s",
      baseline: {
        label: "raw SHA-256 over the same leaf bytes",
        figure: m.rawHashEntriesPerSecond,
        unit: "entries/s",
      },
      notes: `${m.verifiedEntries} entries, ${m.leafBytes} leaf bytes; baseline: createHash().update(0x00).update(leaf).digest() per leaf, as the issue states it; best of 5 each; target ≥ 0.5 of the raw hash rate; A/B in the same run, on the main thread alone: ${Math.round(m.verifyInlineEntriesPerSecond)} entries/s${m.verifyWorkersEntriesPerSecond ? `, with ${m.workerCount} leaf workers: ${Math.round(m.verifyWorkersEntriesPerSecond)} entries/s` : ""} (${m.cores} cores)`,
    },
    {
      id: `ledger.verify-vs-oneshot.${m.engine}`,
      benchmark: `ledger verify vs one-shot SHA-256 (${label})`,
      figure: m.verifyEntriesPerSecond,
      unit: "entries/s",
      baseline: {
        label: "crypto.hash() over the same prefixed leaf bytes",
        figure: m.rawOneShotEntriesPerSecond,
        unit: "entries/s",
      },
      notes:
        "the fastest single-thread SHA-256 loop over the same bytes (verification hashes this way, and hashes about one interior node per leaf as well, so 0.5 is its ceiling with free I/O)",
    },
  ];
  if (m.engine === "postgresql" && ctx.baselines.pgbenchTps) {
    out.push({
      id: "ledger.appends.vs-pgbench",
      benchmark: "ledger appends (server) vs pgbench simple-update",
      figure: m.appendsPerSecond,
      unit: "appends/s",
      baseline: { label: "pgbench -N TPS", figure: ctx.baselines.pgbenchTps, unit: "tps" },
    });
  }
  return out;
};

export default async function ledger(ctx) {
  const seconds = Math.max(3, Math.round(ctx.options.seconds));
  const results = [];
  const probe = await probePostgres();
  if (probe.ok) {
    const db = await createScratchDb("guifan_bench_ledger");
    try {
      ctx.log(`ledger: 16 writers for ${seconds}s on the PostgreSQL server`);
      results.push(...rows(ctx, await worker(db.url, seconds)));
    } finally {
      await db.drop();
    }
  } else {
    results.push({
      id: "ledger.appends.postgresql",
      benchmark: "ledger appends (PostgreSQL server)",
      skipped: true,
      notes: probe.reason,
    });
  }
  ctx.log(`ledger: 16 writers for ${seconds}s on PGlite`);
  results.push(...rows(ctx, await worker("pglite", seconds)));
  return results;
}
