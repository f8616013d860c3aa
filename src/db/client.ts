import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, Query, SQL } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import type * as schema from "./schema.ts";

export type Schema = typeof schema;
// Drizzle is opened without the schema: the relational API (`db.query.x.findMany`) is not used,
// and with the schema every transaction built a query builder per table (~0.4 ms of CPU per
// transaction, measured on the case-steps benchmark). The types say so too (`db.query` is empty).
export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
type NoSchema = Record<string, never>;
/** Either the outer handle or a transaction handle; use cases accept both. */
export type Executor = Db | Tx;

/**
 * A hot statement (one every case step runs) as a named prepared statement on the PostgreSQL
 * server: parsed and planned once per connection instead of on every call (planning was ~70% of
 * the server's CPU for a step's reads), and its text built once, on first use (Drizzle's walk
 * over an SQL template was ~8% of the server's CPU a step; bench/README.md, case steps). `build`
 * writes it with `sql.placeholder(key)` for each value; every call passes the values by key.
 * PGlite ignores the name. Returns the rows as the driver gives them, like `ex.execute`.
 */
export function preparedStatement(name: string, build: () => SQL) {
  let query: Query | undefined;
  return async <T>(ex: Executor, values: Record<string, unknown>): Promise<T[]> => {
    // Drizzle's own path for `ex.execute`, with a statement name (Drizzle has no public API for it).
    const { dialect, session } = ex as unknown as { dialect: PgDialect; session: PgSession };
    query ??= dialect.sqlToQuery(build());
    const prepared = session.prepareQuery(query, undefined, name, false);
    return ((await prepared.execute(values)) as { rows: T[] }).rows;
  };
}

/** Plain SQL access used by the migration runner and backup/restore. */
export type SqlSession = {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
};

export type Database = {
  engine: "pglite" | "postgresql";
  db: Db;
  /** Runs fn inside one SQL transaction on a single connection. */
  sqlTransaction<T>(fn: (s: SqlSession) => Promise<T>): Promise<T>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** A short description for logs and /health, without credentials. */
  describe: string;
  /** The server's connection string (PostgreSQL only), for threads that open their own connections. */
  url?: string;
};

export class DatabaseUnavailableError extends Error {}

export async function openPglite(dataDir?: string): Promise<Database> {
  let lockFile: string | undefined;
  let client: PGlite;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    lockFile = acquireLock(path.join(dataDir, "pglite.lock"));
    try {
      client = await PGlite.create(path.join(dataDir, "pg"));
    } catch (e) {
      fs.rmSync(lockFile, { force: true });
      throw new DatabaseUnavailableError(
        `Cannot open the embedded database in ${dataDir}: ${(e as Error).message}`,
      );
    }
  } else {
    client = await PGlite.create();
  }
  const db = drizzlePglite({ client }) as unknown as Db;
  return {
    engine: "pglite",
    db,
    describe: dataDir ? `PGlite (${path.join(dataDir, "pg")})` : "PGlite (in memory)",
    async sqlTransaction(fn) {
      return client.transaction(async (tx) =>
        fn({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async (sql, params) => (await tx.query(sql, params)).rows as never[],
        }),
      );
    },
    async query(sql, params) {
      return (await client.query(sql, params)).rows as never[];
    },
    async close() {
      await client.close();
      if (lockFile) fs.rmSync(lockFile, { force: true });
    },
  };
}

export async function openPostgres(
  url: string,
  poolSize = Number(process.env.DATABASE_POOL_SIZE) || 20,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on("error", () => {
    /* idle client errors are reported on the next query */
  });
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `Cannot connect to the PostgreSQL server at ${redact(url)}: ${(e as Error).message}`,
    );
  }
  const db = drizzlePg({ client: pool }) as unknown as Db;
  return {
    engine: "postgresql",
    db,
    describe: `PostgreSQL (${redact(url)})`,
    url,
    async sqlTransaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn({
          exec: async (sql) => {
            await client.query(sql);
          },
          query: async (sql, params) => (await client.query(sql, params)).rows,
        });
        await client.query("COMMIT");
        return result;
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async query(sql, params) {
      return (await pool.query(sql, params)).rows;
    },
    close: () => pool.end(),
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir?: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}

/** PGlite is single-process: refuse to open a data folder another live process holds. */
function acquireLock(file: string): string {
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseUnavailableError(
        `The embedded database in ${path.dirname(file)} is in use by process ${pid}. Stop it first, or set DATA_DIR to another folder.`,
      );
    }
  } catch (e) {
    if (e instanceof DatabaseUnavailableError) throw e;
  }
  fs.writeFileSync(file, String(process.pid));
  return file;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
