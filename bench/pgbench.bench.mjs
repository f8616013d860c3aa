// pgbench simple-update (-N) on the local PostgreSQL server: the machine's database baseline.
// Later benchmarks divide their DB-bound figures by this TPS (ctx.baselines.pgbenchTps), so
// results from different (shared, noisy) machines can be compared as ratios.
import { createScratchDb, pgConfig, probePostgres, run } from "./lib/harness.mjs";

export const name = "pgbench";
export const order = 0;

const parse = (stdout) => {
  const tps =
    stdout.match(/tps = ([\d.]+) \(without initial connection time\)/) ?? stdout.match(/tps = ([\d.]+)/);
  const latency = stdout.match(/latency average = ([\d.]+) ms/);
  const failed = stdout.match(/number of failed transactions: (\d+)/);
  return {
    tps: tps ? Number(tps[1]) : Number.NaN,
    latencyMs: latency ? Number(latency[1]) : null,
    failed: failed ? Number(failed[1]) : 0,
  };
};

export default async function pgbench(ctx) {
  const seconds = ctx.options.pgbenchSeconds;
  const label = `pgbench simple-update (-N -c 4 -j 2 -T ${seconds})`;
  const probe = await probePostgres();
  if (!probe.ok)
    return [{ id: "pgbench.simple-update", benchmark: label, skipped: true, notes: probe.reason }];
  try {
    await run("pgbench", ["--version"], { timeoutMs: 10_000 });
  } catch {
    return [
      {
        id: "pgbench.simple-update",
        benchmark: label,
        skipped: true,
        notes: "pgbench not installed (Debian: it ships with the postgresql-NN server package)",
      },
    ];
  }

  const db = await createScratchDb("guifan_bench_pgbench");
  try {
    ctx.log(`pgbench: initialising ${db.name} (scale 1)`);
    const init = await run("pgbench", [...db.pgArgs, "-i", "-q", "-s", "1", db.name], { timeoutMs: 300_000 });
    if (init.code !== 0) throw new Error(`pgbench -i failed: ${init.stderr.trim()}`);
    ctx.log(`pgbench: -N -c 4 -j 2 -T ${seconds}`);
    const r = await run(
      "pgbench",
      [...db.pgArgs, "-N", "-c", "4", "-j", "2", "-T", String(seconds), db.name],
      {
        timeoutMs: (seconds + 120) * 1000,
      },
    );
    if (r.code !== 0) throw new Error(`pgbench failed (exit ${r.code}): ${r.stderr.trim()}`);
    const p = parse(r.stdout);
    if (!Number.isFinite(p.tps)) throw new Error(`could not read TPS from pgbench output:\n${r.stdout}`);
    ctx.baselines.pgbenchTps = p.tps;
    return [
      {
        id: "pgbench.simple-update",
        benchmark: label,
        figure: p.tps,
        unit: "tx/s",
        notes:
          `baseline for DB-bound figures (ctx.baselines.pgbenchTps); ${pgConfig.host}:${pgConfig.port}, scale 1` +
          (p.latencyMs !== null ? `, latency avg ${p.latencyMs} ms` : "") +
          (p.failed ? `, ${p.failed} failed tx` : ""),
        details: { ...p, scale: 1, clients: 4, threads: 2, seconds },
      },
    ];
  } finally {
    await db.drop();
  }
}
