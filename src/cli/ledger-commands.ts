import { Command } from "commander";
import { eq, or } from "drizzle-orm";
import { loadConfig } from "../core/config.ts";
import { AppError } from "../core/errors.ts";
import { agencies } from "../modules/agencies/schema.ts";
import { checkpointNow, integrateAll } from "../modules/ledger/integrate.ts";
import { verifyLedger } from "../modules/ledger/verify-ledger.ts";
import { openApp } from "../startup.ts";
import { progressBar } from "./progress.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);

/** `guifan ledger verify|checkpoint`: the full-process record (C7). */
export function ledgerCommand(): Command {
  const ledger = new Command("ledger").description("full-process record: tamper-evident log (C7)");
  ledger
    .command("verify")
    .description(
      "recompute every entry's hash and every tree against every signed checkpoint; exit 1 on the first bad entry",
    )
    .option("--agency <code>", "one agency, by short name, name or id")
    .action(async (o: { agency?: string }) => {
      const ctx = await openApp(loadConfig());
      try {
        let agencyId: string | undefined;
        if (o.agency) {
          const [a] = await ctx.db
            .select({ id: agencies.id })
            .from(agencies)
            .where(
              /^[0-9a-f-]{36}$/.test(o.agency)
                ? eq(agencies.id, o.agency)
                : or(eq(agencies.shortName, o.agency), eq(agencies.name, o.agency)),
            );
          if (!a) throw new AppError("NOT_FOUND", `机构不存在：${o.agency}`);
          agencyId = a.id;
        }
        const bar = progressBar("Verifying");
        const started = Date.now();
        const report = await verifyLedger(ctx, {
          agencyId,
          onProgress: (n) => bar.update(n, Math.max(n, 1)),
        });
        bar.stop();
        for (const a of report.agencies) {
          out(
            `${a.problem ? "FAIL" : "ok  "}  ${a.agencyName}: ${a.entries} entries, ${a.checkpoints} signed checkpoints`,
          );
        }
        const secs = (Date.now() - started) / 1000;
        out(
          `${report.entries} entries and ${report.checkpoints} checkpoints checked in ${secs.toFixed(1)} s`,
        );
        const p = report.firstProblem;
        if (p) {
          out(
            `First bad entry: agency ${p.agencyName} (${p.agencyId}), sequence ${p.seq ?? "-"}, entry ${p.entryId ?? "-"}, case ${p.caseId ?? "-"}: ${p.what}`,
          );
          process.exitCode = 1;
        } else {
          out("The record verifies: nothing was changed, deleted, inserted or reordered.");
        }
      } finally {
        await ctx.database.close();
      }
    });
  ledger
    .command("checkpoint")
    .description("integrate pending entries and sign a checkpoint for every agency now")
    .action(async () => {
      const ctx = await openApp(loadConfig());
      try {
        const n = await integrateAll(ctx);
        const signed = await checkpointNow(ctx);
        out(`Integrated ${n} entries; signed ${signed} checkpoints.`);
      } finally {
        await ctx.database.close();
      }
    });
  return ledger;
}
