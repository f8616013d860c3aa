import fs from "node:fs";
import { Command } from "commander";
import { loadConfig } from "../core/config.ts";
import { AppError } from "../core/errors.ts";
import { DatabaseUnavailableError, openDatabase } from "../db/client.ts";
import { MigrationError, migrate } from "../db/migrate.ts";
import { reportDemoLogins, seedDemo } from "../demo/seed-demo.ts";
import { buildApp } from "../http/app.ts";
import { calendarYearFile, importCalendarYear } from "../modules/calendar/import-calendar-year.ts";
import { startIntegrator } from "../modules/ledger/integrator.ts";
import { openApp } from "../startup.ts";
import { backupCommand, restoreCommand } from "./backup-commands.ts";
import { createUserCommand } from "./create-user-command.ts";
import { lawsCommand } from "./laws-command.ts";
import { ledgerCommand } from "./ledger-commands.ts";
import { progressBar } from "./progress.ts";

const say = (line: string) => process.stdout.write(`${line}\n`);

const program = new Command()
  .name("guifan")
  .description("Guifan (规范) — comprehensive administrative law-enforcement platform")
  .showHelpAfterError();

program
  .command("serve")
  .description(
    "serve the API and web app (migrates the database first; creates the demo city on first start)",
  )
  .option("--no-demo", "do not create the demo city")
  .action(async (opts: { demo: boolean }) => {
    const config = loadConfig();
    const ctx = await openApp(config, say);
    if (opts.demo && config.demo) {
      const bar = progressBar("Creating demo city");
      const logins = await seedDemo(ctx, {
        password: process.env.GUIFAN_DEMO_PASSWORD,
        onProgress: bar.update,
      });
      bar.stop();
      if (logins) reportDemoLogins(logins, config.dataDir, say);
    }
    const integrator = startIntegrator(ctx, {
      intervalMs: 1000,
      onError: (e) => process.stderr.write(`ledger integrator: ${(e as Error).message}\n`),
    });
    const app = await buildApp(ctx, { logLevel: config.logLevel, integrator });
    await integrator.flush();
    const shutdown = async () => {
      await app.close();
      await integrator.stop();
      await ctx.database.close();
      process.exit(0);
    };
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
    await app.listen({ port: config.port, host: config.host });
    say(`Guifan is serving at http://localhost:${config.port} (API docs at /docs)`);
  });

program
  .command("migrate")
  .description("bring the database schema up to date (all pending migrations in one transaction)")
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase(config);
    const bar = progressBar("Migrating");
    try {
      const r = await migrate(database, undefined, (done, total) => bar.update(done, total));
      bar.stop();
      say(
        r.applied.length
          ? `Applied ${r.applied.join(", ")}; schema version ${r.version}`
          : `Schema is up to date (version ${r.version})`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command("seed-demo")
  .description("create the demo city in an empty database and print its logins")
  .option("--password <password>", "give every demo account this password")
  .action(async (opts: { password?: string }) => {
    const config = loadConfig();
    const ctx = await openApp(config, say);
    try {
      const bar = progressBar("Creating demo city");
      const logins = await seedDemo(ctx, { password: opts.password, onProgress: bar.update });
      bar.stop();
      if (logins) reportDemoLogins(logins, config.dataDir, say);
      else say("The database already has agencies; the demo city was not created.");
    } finally {
      await ctx.database.close();
    }
  });

const calendar = program.command("calendar").description("working-day calendar (rules D1–D4)");
calendar
  .command("import")
  .description(
    "load a year from a JSON file: { year, source, holidays: [{date,name}], workdays: [{date,name}] }",
  )
  .argument("<file>", "JSON file")
  .option("--replace", "replace a year that is already loaded")
  .action(async (file: string, opts: { replace?: boolean }) => {
    const parsed = calendarYearFile.safeParse(JSON.parse(fs.readFileSync(file, "utf8")));
    if (!parsed.success)
      throw new AppError(
        "CALENDAR_IMPORT_INVALID",
        `工作日历文件不合法：${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    const ctx = await openApp(loadConfig());
    try {
      const r = await importCalendarYear(ctx, null, parsed.data, { replace: opts.replace });
      say(
        `Loaded ${r.year}: ${r.holidays} holidays, ${r.workdays} make-up working days (source: ${parsed.data.source})`,
      );
    } finally {
      await ctx.database.close();
    }
  });

program.addCommand(createUserCommand());
program.addCommand(lawsCommand());
program.addCommand(ledgerCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof DatabaseUnavailableError || e instanceof MigrationError) {
    process.stderr.write(`guifan: ${e.message}\n`);
  } else if (e instanceof AppError) {
    process.stderr.write(`guifan: [${e.code}] ${e.message}\n`);
  } else if (e instanceof SyntaxError) {
    process.stderr.write(`guifan: the file is not valid JSON: ${e.message}\n`);
  } else {
    process.stderr.write(`guifan: ${(e as Error).stack ?? e}\n`);
  }
  process.exit(1);
}
