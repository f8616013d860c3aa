import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { loadConfig } from "../core/config.ts";
import { AppError } from "../core/errors.ts";
import {
  backupDatabase,
  checkSchemaVersion,
  readBackupHeader,
  restoreDatabase,
  verifyBackup,
} from "../db/backup.ts";
import { openDatabase } from "../db/client.ts";
import { progressBar } from "./progress.ts";

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** `guifan backup FILE`: a consistent logical backup of the configured database. */
export function backupCommand(): Command {
  return new Command("backup")
    .description(
      "write a consistent backup of the whole database to FILE (gzip-compressed NDJSON); it restores on PGlite or a PostgreSQL server",
    )
    .argument("<file>", "backup file to write, e.g. guifan-2026-05-01.ndjson.gz")
    .option("--force", "overwrite FILE when it exists")
    .action(async (file: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, "pg"))) {
        throw new AppError("NOT_FOUND", `There is no Guifan database in ${config.dataDir} (DATA_DIR).`);
      }
      if (!opts.force && fs.existsSync(file)) {
        throw new AppError("CONFLICT", `${file} already exists; choose another name or pass --force.`);
      }
      const database = await openDatabase(config);
      const started = performance.now();
      try {
        const bar = progressBar("Backing up (rows)");
        const r = await backupDatabase(database, file, { onProgress: bar.update, overwrite: opts.force });
        bar.stop();
        say(
          `Backed up ${r.rows} rows of ${r.header.tables.length} tables from ${database.describe} (schema version ${r.header.schemaVersion}) to ${file} (${size(fs.statSync(file).size)} compressed) in ${seconds(started)}`,
        );
        try {
          checkSchemaVersion(r.header);
        } catch (e) {
          say(`Warning: ${(e as Error).message}`);
        }
      } finally {
        await database.close();
      }
    });
}

/** `guifan restore FILE`: loads a backup into a new, empty database (either engine). */
export function restoreCommand(): Command {
  return new Command("restore")
    .description(
      "restore a backup made by `guifan backup` into the configured database, which must be empty (no agencies, no users); all or nothing",
    )
    .argument("<file>", "backup file (.ndjson.gz)")
    .option("--check", "only check the file (checksum, row counts, schema version); change nothing")
    .action(async (file: string, opts: { check?: boolean }) => {
      const started = performance.now();
      if (opts.check) {
        const bar = progressBar("Checking backup (rows)");
        const header = await verifyBackup(file, bar.update);
        bar.stop();
        const rows = header.tables.reduce((n, t) => n + t.rows, 0);
        say(
          `${file} is complete and intact: ${rows} rows of ${header.tables.length} tables, schema version ${header.schemaVersion}, made ${header.createdAt} from ${header.engine}${header.guifanVersion ? ` by Guifan ${header.guifanVersion}` : ""}.`,
        );
        for (const t of header.tables) say(`  ${t.name.padEnd(24)} ${t.rows}`);
        checkSchemaVersion(header);
        say("This version of Guifan can restore it.");
        return;
      }
      // The whole file is checked before the database is even opened (a new DATA_DIR is not created
      // for a damaged file); restoring checks it once more before committing.
      const header = await readBackupHeader(file);
      checkSchemaVersion(header);
      const check = progressBar("Checking backup (rows)");
      await verifyBackup(file, check.update);
      check.stop();
      const database = await openDatabase(loadConfig());
      try {
        const load = progressBar("Restoring (rows)");
        const r = await restoreDatabase(database, file, { verified: true, onProgress: load.update });
        load.stop();
        for (const t of r.replaced) say(`Replaced the ${t.rows} rows the database had in ${t.name}`);
        say(
          `Restored ${r.rows} rows of ${r.header.tables.length} tables (backup of ${r.header.createdAt} from ${r.header.engine}) into ${database.describe} in ${seconds(started)}`,
        );
      } finally {
        await database.close();
      }
    });
}
