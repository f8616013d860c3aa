import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Database, openPglite, openPostgres } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { ensurePgliteTemplate } from "./pglite-template.ts";

let counter = 0;

/** The engine the database tests run on: PostgreSQL when TEST_DATABASE_URL is set, else PGlite. */
export const testEngine = (): "pglite" | "postgresql" =>
  process.env.TEST_DATABASE_URL ? "postgresql" : "pglite";

/**
 * A fresh database for one test (file): PGlite on a throwaway copy of a pristine cluster by
 * default; with TEST_DATABASE_URL, a uniquely named database on that server, dropped on close.
 * Migrated unless `migrate: false`.
 */
export async function testDatabase(opts: { migrate?: boolean } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const database = url ? await serverDatabase(url) : await pgliteDatabase();
  if (opts.migrate !== false) {
    try {
      await migrate(database);
    } catch (e) {
      await database.close().catch(() => {});
      throw e;
    }
  }
  return database;
}

/** Where test databases live: a RAM disk when there is one (the copies are thrown away anyway). */
function scratchRoot(): string {
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
}

async function pgliteDatabase(): Promise<Database> {
  const template = await ensurePgliteTemplate();
  const dir = fs.mkdtempSync(path.join(scratchRoot(), "guifan-test-pglite-"));
  openDirs.add(dir);
  if (!exitHook) {
    exitHook = true;
    process.once("exit", removeOpenDirs);
  }
  let database: Database;
  try {
    fs.cpSync(template, path.join(dir, "pg"), { recursive: true });
    database = await openPglite(dir);
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    openDirs.delete(dir);
    throw e;
  }
  let closed = false;
  return {
    ...database,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
        openDirs.delete(dir);
      }
    },
  };
}

/** Data folders of PGlite test databases not closed yet: removed when the process exits anyway. */
const openDirs = new Set<string>();
let exitHook = false;
function removeOpenDirs() {
  for (const dir of openDirs) fs.rmSync(dir, { recursive: true, force: true });
}

async function serverDatabase(url: string): Promise<Database> {
  const base = new URL(url);
  const baseName = decodeURIComponent(base.pathname.replace(/^\//, "")) || "postgres";
  const name = `${baseName.slice(0, 40)}_t${process.pid}_${++counter}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
  await admin(url, async (c) => {
    await dropDatabase(c, name);
    await c.query(`CREATE DATABASE "${name}"`);
  });
  const target = new URL(url);
  target.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openPostgres(target.toString(), 5);
  } catch (e) {
    await admin(url, (c) => dropDatabase(c, name)).catch(() => {});
    throw e;
  }
  let closed = false;
  return {
    ...database,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        await admin(url, (c) => dropDatabase(c, name));
      }
    },
  };
}

async function admin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function dropDatabase(c: pg.Client, name: string): Promise<void> {
  await c.query(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
    [name],
  );
  await c.query(`DROP DATABASE IF EXISTS "${name}"`);
}

/** Row counts of every table in the public schema (to prove a refused request wrote nothing). */
export async function rowCounts(
  database: Database,
  except: (string | RegExp)[] = [],
): Promise<Record<string, number>> {
  const tables = await database.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const out: Record<string, number> = {};
  for (const { name } of tables) {
    if (except.some((e) => (typeof e === "string" ? e === name : e.test(name)))) continue;
    const [row] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
    out[name] = row?.n ?? 0;
  }
  return out;
}

/**
 * Tables a refused request may legitimately write to: the security log (denials, logins),
 * sessions (logins) and the tamper-evident audit ledger.
 */
export const auditTables: (string | RegExp)[] = ["security_events", "sessions", /^ledger_/];

/** Row counts of the business tables (everything except the audit trail). */
export const businessRowCounts = (database: Database) => rowCounts(database, auditTables);

/** Names of the tables in the public schema. */
export async function tableNames(database: Database): Promise<string[]> {
  const rows = await database.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  return rows.map((r) => r.name);
}
