// Measures the ledger in one process and prints one JSON line (run by ledger.bench.mjs):
//   node --import tsx bench/ledger-worker.ts <databaseUrl|pglite> <seconds> <writers>
// 1. appends/s: `writers` concurrent transactions, each appending one entry (as a case step
//    would), for `seconds`, with the integrator running alongside; baseline in the same database
//    and run: the same writers doing a plain INSERT of the same row size into an unindexed table.
// 2. verification: `guifan ledger verify` logic over everything appended; baseline: a raw
//    SHA-256 loop over the same leaf bytes in memory.
import { createHash } from "node:crypto";
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
import { verifyLedger } from "../src/modules/ledger/verify-ledger.ts";

const [target = "pglite", secondsArg = "5", writersArg = "16"] = process.argv.slice(2);
const seconds = Number(secondsArg);
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

  const timed = async (work: () => Promise<void>) => {
    let n = 0;
    const end = Date.now() + seconds * 1000;
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (Date.now() < end) {
          await work();
          n++;
        }
      }),
    );
    return { n, perSecond: n / (Number(process.hrtime.bigint() - started) / 1e9) };
  };

  // Baseline: plain INSERTs of a row of the same shape, no ledger logic.
  await database.query(
    "CREATE TABLE bench_plain (id bigint generated always as identity, agency_id uuid, at timestamptz, payload text)",
  );
  const text = JSON.stringify(payload);
  const plain = await timed(async () => {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(
        `INSERT INTO bench_plain (agency_id, at, payload) VALUES ('${agency.id}', now(), '${text}')` as never,
      );
    });
  });

  const integrator = startIntegrator(ctx, { intervalMs: 200 });
  const appends = await timed(async () => {
    await ctx.db.transaction((tx) =>
      appendEntry(tx, { agencyId: agency.id, type: "bench.append", payload, at: new Date() }),
    );
    integrator.kick();
  });
  const catchUpStarted = Date.now();
  await integrator.stop();
  await integrateAll(ctx);
  await checkpointNow(ctx);
  const catchUpSeconds = (Date.now() - catchUpStarted) / 1000;

  const verifyStarted = process.hrtime.bigint();
  const report = await verifyLedger(ctx, { agencyId: agency.id });
  const verifySeconds = Number(process.hrtime.bigint() - verifyStarted) / 1e9;
  if (!report.ok) throw new Error(`verification failed: ${report.firstProblem?.what}`);

  // Raw SHA-256 over the same leaf bytes (built in memory, not timed).
  const rows = await database.query<{ at: string | Date; payload: string; seq: number; event_type: string }>(
    "SELECT e.at, e.payload, e.event_type, l.seq FROM ledger_entries e JOIN ledger_leaves l ON l.entry_id = e.id ORDER BY l.seq",
  );
  const leaves = rows.map((r) =>
    leafBytes({
      agencyId: agency.id,
      seq: Number(r.seq),
      at: new Date(r.at),
      actorId: null,
      caseId: null,
      eventType: r.event_type,
      payload: r.payload,
    }),
  );
  const bytes = leaves.reduce((s, b) => s + b.length, 0);
  const rawStarted = process.hrtime.bigint();
  for (let round = 0; round < 3; round++) {
    for (const b of leaves) createHash("sha256").update(Buffer.of(0)).update(b).digest();
  }
  const rawSeconds = Number(process.hrtime.bigint() - rawStarted) / 1e9 / 3;

  process.stdout.write(
    `${JSON.stringify({
      engine: database.engine,
      writers,
      seconds,
      appends: appends.n,
      appendsPerSecond: appends.perSecond,
      plainInsertsPerSecond: plain.perSecond,
      catchUpSeconds,
      verifiedEntries: report.entries,
      verifyEntriesPerSecond: report.entries / verifySeconds,
      rawHashEntriesPerSecond: leaves.length / rawSeconds,
      leafBytes: bytes,
    })}\n`,
  );
} finally {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
