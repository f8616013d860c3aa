// Measures the ledger in one process and prints one JSON line (run by ledger.bench.mjs):
//   node --import tsx bench/ledger-worker.ts <databaseUrl|pglite> <seconds> <writers> [verifySize]
// 1. appends/s: `writers` concurrent transactions, each appending one entry (as a case step
//    would), for `seconds` in all, with the integrator running alongside and caught up at the end
//    of each phase; baseline in the same database and run, in alternating phases: the same
//    writers doing a plain INSERT of the same row size into an unindexed table.
// 2. verification: `guifan ledger verify` logic over the log, topped up to `verifySize` entries
//    (default 100,000) first; baselines: raw SHA-256 loops over the same leaf bytes in memory
//    (createHash per leaf, as the issue states it, and one-shot crypto.hash). Verification runs
//    as the server runs it (verifyEntriesPerSecond: "auto", see PARALLEL_MIN_ENTRIES) and,
//    interleaved, on the main thread alone and with leaf workers (server only): the A/B.
import { createHash, hash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createContext } from "../src/context.ts";
import { openDatabase } from "../src/db/client.ts";
import { migrate } from "../src/db/migrate.ts";
import { createAgencyInput } from "../src/modules/agencies/agency.ts";
import { createAgency } from "../src/modules/agencies/create-agency.ts";
import { appendEntry } from "../src/modules/ledger/append-entry.ts";
import { leafBytes } from "../src/modules/ledger/entry.ts";
import { checkpointNow, integrateAll } from "../src/modules/ledger/integrate.ts";
import { startIntegrator } from "../src/modules/ledger/integrator.ts";
import { autoWorkerCount, verifyLedger } from "../src/modules/ledger/verify-ledger.ts";

const [target = "pglite", secondsArg = "5", writersArg = "16", verifySizeArg = "100000"] =
  process.argv.slice(2);
const seconds = Number(secondsArg);
/** The log is topped up to this many entries before verification is timed (fixed costs and JIT warm-up would dominate a small log). */
const verifySize = Number(verifySizeArg);
const writers = Number(writersArg);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guifan-bench-ledger-"));
const database = await openDatabase(target === "pglite" ? { dataDir } : { databaseUrl: target });
try {
  await migrate(database);
  const ctx = createContext(database, dataDir);
  const agency = await createAgency(
    ctx,
    null,
    createAgencyInput.parse({
      parentId: null,
      kind: "city_bureau",
      name: "基准测试局",
      shortName: "基准",
      sealName: "基准测试局",
    }),
  );
  const payload = {
    step: "investigation.recorded",
    caseNo: "示范综执罚〔2026〕123号",
    note: "现场检查笔录已制作，当事人签字确认",
    amountFen: 50000,
  };

  /** `writers` concurrent loops of `work` for `phaseSeconds`; returns the count and the elapsed seconds. */
  const timed = async (work: () => Promise<void>, phaseSeconds: number) => {
    let n = 0;
    const end = Date.now() + phaseSeconds * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (Date.now() < end) {
          await work();
          n++;
        }
      }),
    );
    return { n, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  };

  // Baseline: plain INSERTs of a row of the same shape, no ledger logic, through the same code path.
  await database.query(
    "CREATE TABLE bench_plain (id bigint generated always as identity, agency_id uuid, at timestamptz, payload text)",
  );
  const text = JSON.stringify(payload);
  const plainInsert = async () => {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(
        `INSERT INTO bench_plain (agency_id, at, payload) VALUES ('${agency.id}', now(), '${text}')` as never,
      );
    });
  };

  // The machine is shared and its load changes by the second, so the two are measured in
  // alternating phases (plain, ledger, plain, ledger, …) and summed. Each ledger phase runs the
  // integrator alongside and ends only when it has caught up (every entry numbered, leaves,
  // nodes and head written); the catch-up time is counted in the ledger's time.
  const rounds = Math.max(1, Math.round(seconds / 2.5));
  const plain = { n: 0, seconds: 0 };
  const appends = { n: 0, seconds: 0 };
  let catchUpSeconds = 0;
  for (let round = 0; round < rounds; round++) {
    const p = await timed(plainInsert, seconds / rounds);
    plain.n += p.n;
    plain.seconds += p.seconds;
    const integrator = startIntegrator(ctx, { intervalMs: 200 });
    const a = await timed(async () => {
      await ctx.db.transaction((tx) =>
        appendEntry(tx, { agencyId: agency.id, type: "bench.append", payload, at: new Date() }),
      );
      integrator.kick();
    }, seconds / rounds);
    const catchUpStarted = process.hrtime.bigint();
    await integrator.stop();
    await integrateAll(ctx);
    const catchUp = Number(process.hrtime.bigint() - catchUpStarted) / 1e9;
    catchUpSeconds = Math.max(catchUpSeconds, catchUp);
    appends.n += a.n;
    appends.seconds += a.seconds + catchUp;
  }
  await checkpointNow(ctx);

  // Top the log up for the verification measurement: entries of the same shape (the payload
  // numbered), queued exactly as appendEntry queues them, set-based, then integrated and
  // checkpointed by the integrator like any other entries. Not part of the append figures.
  const [counted] = await database.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM ledger_leaves WHERE agency_id = $1",
    [agency.id],
  );
  for (let have = Number(counted?.n ?? 0); have < verifySize; ) {
    const n = Math.min(20_000, verifySize - have);
    await database.query(
      `WITH e AS (
         INSERT INTO ledger_entries (agency_id, at, event_type, payload)
         SELECT $1, now() + g * interval '1 millisecond', 'bench.append',
                '{"amountFen":50000,"caseNo":"示范综执罚〔2026〕123号","i":' || g || ',"note":"现场检查笔录已制作，当事人签字确认","step":"investigation.recorded"}'
           FROM generate_series(1, $2::int) g
         RETURNING id)
       INSERT INTO ledger_pending (entry_id) SELECT id FROM e`,
      [agency.id, n],
    );
    have += n;
    await integrateAll(ctx);
  }
  await checkpointNow(ctx);

  // Verification and the raw loops are each run 5 times, interleaved; the best of each counts
  // (the best raw rate is the hardest baseline).
  const best = (xs: number[]) => Math.max(...xs);
  const verifyRates: number[] = [];
  /** A/B, interleaved: everything on the main thread, and with leaf workers (the server only). */
  const inlineRates: number[] = [];
  const workerRates: number[] = [];
  const workerCount = autoWorkerCount();
  let report: Awaited<ReturnType<typeof verifyLedger>> | undefined;

  // Raw SHA-256 over the same leaf bytes (built in memory, not timed), two ways:
  //  - createHash().update(0x00).update(leaf).digest(), the loop the issue names;
  //  - crypto.hash() one-shot over a prepared 0x00 || leaf buffer, the fastest single-thread
  //    SHA-256 loop Node offers (verification itself hashes this way).
  const rows = await database.query<{ at: string; payload: string; seq: number; event_type: string }>(
    `SELECT to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.payload, e.event_type, l.seq
       FROM ledger_entries e JOIN ledger_leaves l ON l.entry_id = e.id WHERE l.agency_id = $1 ORDER BY l.seq`,
    [agency.id],
  );
  const leaves = rows.map((r) =>
    leafBytes({
      agencyId: agency.id,
      seq: Number(r.seq),
      at: r.at,
      actorId: null,
      caseId: null,
      eventType: r.event_type,
      payload: r.payload,
    }),
  );
  const prefixed = leaves.map((b) => Buffer.concat([Buffer.of(0), b]));
  const bytes = leaves.reduce((s, b) => s + b.length, 0);
  const rawRates: number[] = [];
  const oneShotRates: number[] = [];
  const zero = Buffer.of(0);
  let sink = 0;
  for (let round = 0; round < 5; round++) {
    let verifyStarted = process.hrtime.bigint();
    report = await verifyLedger(ctx, { agencyId: agency.id });
    verifyRates.push(report.entries / (Number(process.hrtime.bigint() - verifyStarted) / 1e9));
    if (!report.ok) throw new Error(`verification failed: ${report.firstProblem?.what}`);

    for (const [workers, rates] of [
      [0, inlineRates],
      ...(database.engine === "postgresql" ? [[workerCount, workerRates] as const] : []),
    ] as const) {
      verifyStarted = process.hrtime.bigint();
      const r = await verifyLedger(ctx, { agencyId: agency.id, workers });
      rates.push(r.entries / (Number(process.hrtime.bigint() - verifyStarted) / 1e9));
      if (!r.ok) throw new Error(`verification failed: ${r.firstProblem?.what}`);
    }

    let t = process.hrtime.bigint();
    for (const b of leaves) sink ^= createHash("sha256").update(zero).update(b).digest()[0]!;
    rawRates.push(leaves.length / (Number(process.hrtime.bigint() - t) / 1e9));

    t = process.hrtime.bigint();
    for (const b of prefixed) sink ^= hash("sha256", b, "buffer")[0]!;
    oneShotRates.push(prefixed.length / (Number(process.hrtime.bigint() - t) / 1e9));
  }
  if (!report || report.entries !== leaves.length)
    throw new Error(`verified ${report?.entries} entries, hashed ${leaves.length}`);

  process.stdout.write(
    `${JSON.stringify({
      engine: database.engine,
      writers,
      seconds,
      appends: appends.n,
      appendsPerSecond: appends.n / appends.seconds,
      plainInsertsPerSecond: plain.n / plain.seconds,
      rounds,
      catchUpSeconds,
      verifiedEntries: report.entries,
      verifyEntriesPerSecond: best(verifyRates),
      verifyInlineEntriesPerSecond: best(inlineRates),
      verifyWorkersEntriesPerSecond: workerRates.length ? best(workerRates) : null,
      workerCount,
      cores: os.availableParallelism(),
      rawHashEntriesPerSecond: best(rawRates),
      rawOneShotEntriesPerSecond: best(oneShotRates),
      verifyRuns: verifyRates,
      verifyInlineRuns: inlineRates,
      verifyWorkersRuns: workerRates,
      loadAverage: os.loadavg(),
      rawRuns: rawRates,
      oneShotRuns: oneShotRates,
      leafBytes: bytes,
      sink,
    })}\n`,
  );
} finally {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
