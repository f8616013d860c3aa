/**
 * Logical backup and restore that work across engines (PGlite ⇄ PostgreSQL server).
 *
 * File format (formatVersion 1): gzip-compressed NDJSON, one JSON document per line, "\n" ended.
 *   line 1   header  {"format":"guifan-backup","formatVersion":1,"schemaVersion":2,"migrations":[…],
 *                     "engine":"pglite","createdAt":"…","guifanVersion":"…",
 *                     "tables":[{"name","rows","columns":[…],"jsonColumns":[…]}, …]}
 *   rows     {"t":"<table>","r":<row>}   tables in foreign-key dependency order (parents first),
 *            each table's rows together, in primary-key order. <row> is the text of to_jsonb(row) as
 *            PostgreSQL prints it (never parsed by JavaScript, so numbers and timestamps keep their
 *            exact value), except json/jsonb columns, which hold their value as a JSON *string* (or
 *            null for SQL NULL), because to_jsonb cannot tell SQL NULL from the JSON value null.
 *   last     {"end":"guifan-backup","rows":<total>,"sha256":"<hex>"}: the SHA-256 of every byte
 *            before this line (uncompressed), so an edited or truncated file is detected.
 *
 * The backup reads one consistent snapshot (REPEATABLE READ, READ ONLY) page by page (keyset on
 * the primary key), so memory stays bounded. Restore refuses a database that has agencies or
 * users, checks the whole file before touching the database, then loads every row in ONE
 * transaction: any failure leaves the database without data.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { AppError } from "../core/errors.ts";
import type { Database, SqlSession } from "./client.ts";
import { loadMigrations, type Migration, migrate } from "./migrate.ts";

export const backupFormat = "guifan-backup";
export const backupFormatVersion = 1;

export type BackupTable = {
  name: string;
  rows: number;
  /** Columns a restore inserts (generated columns excluded), in table order. */
  columns: string[];
  /** json/jsonb columns, whose values the rows carry as JSON strings. */
  jsonColumns: string[];
};

export type BackupHeader = {
  format: typeof backupFormat;
  formatVersion: number;
  schemaVersion: number;
  migrations: string[];
  engine: Database["engine"];
  createdAt: string;
  guifanVersion: string;
  tables: BackupTable[];
};

/** `bytes`: size of the uncompressed content. */
export type BackupSummary = { file: string; header: BackupHeader; rows: number; bytes: number };

export type RestoreSummary = {
  header: BackupHeader;
  rows: number;
  /** Rows the target had in backed-up tables (e.g. the packaged calendar) and that were replaced. */
  replaced: { name: string; rows: number }[];
};

export type Progress = (done: number, total: number) => void;

/** Tables whose rows mean "this database is in use": restore refuses when either has a row. */
const inUseTables = ["agencies", "users"];
const migrationsTable = "guifan_migrations";
const pageSizeDefault = 1000;
const batchRows = 1000;
const batchBytes = 4 * 1024 * 1024;
/** Longer than any row PostgreSQL can hold (a jsonb value is at most 255 MiB). */
const maxLineBytes = 512 * 1024 * 1024;

const invalid = (message: string) => new AppError("BACKUP_INVALID", message);

// ---------------------------------------------------------------------------------------------
// Catalog

type Query = SqlSession["query"];

type ColumnInfo = {
  name: string;
  type: string;
  generated: boolean;
  identityAlways: boolean;
  json: boolean;
  sequence: string | null;
};

type TableInfo = {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Tables this one references (other than itself). */
  parents: string[];
  selfReferencing: boolean;
};

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const quoteLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;
const qualified = (table: string): string => `public.${quoteIdent(table)}`;

/**
 * Derived state that backups leave out: the reference version (reference-version-schema.ts) is
 * raised again by the restore's own inserts.
 */
export const derivedTables = ["reference_version"];

/** Every table of the public schema except the migration log and derived state, with what backup/restore need. */
async function readCatalog(q: Query): Promise<Map<string, TableInfo>> {
  const tables = await q<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ALL ($1::text[])
     ORDER BY table_name`,
    [[migrationsTable, ...derivedTables]],
  );
  const catalog = new Map<string, TableInfo>(
    tables.map((t) => [
      t.name,
      { name: t.name, columns: [], primaryKey: [], parents: [], selfReferencing: false },
    ]),
  );
  const columns = await q<{
    table: string;
    name: string;
    type: string;
    generated: boolean;
    identity_always: boolean;
    json: boolean;
    sequence: string | null;
  }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attgenerated <> '' AS generated, a.attidentity = 'a' AS identity_always,
            a.atttypid IN ('json'::regtype, 'jsonb'::regtype) AS json,
            pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) AS sequence
     FROM pg_attribute a
     JOIN pg_class c ON c.oid = a.attrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY c.relname, a.attnum`,
  );
  for (const c of columns) {
    catalog.get(c.table)?.columns.push({
      name: c.name,
      type: c.type,
      generated: c.generated,
      identityAlways: c.identity_always,
      json: c.json,
      sequence: c.sequence,
    });
  }
  const keys = await q<{ table: string; name: string }>(
    `SELECT c.relname AS table, a.attname AS name
     FROM pg_index i
     JOIN pg_class c ON c.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE n.nspname = 'public' AND i.indisprimary
     ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  for (const k of keys) catalog.get(k.table)?.primaryKey.push(k.name);
  const fks = await q<{ child: string; parent: string }>(
    `SELECT DISTINCT ch.relname AS child, pa.relname AS parent
     FROM pg_constraint co
     JOIN pg_class ch ON ch.oid = co.conrelid
     JOIN pg_namespace chn ON chn.oid = ch.relnamespace
     JOIN pg_class pa ON pa.oid = co.confrelid
     JOIN pg_namespace pan ON pan.oid = pa.relnamespace
     WHERE co.contype = 'f' AND chn.nspname = 'public' AND pan.nspname = 'public'
     ORDER BY 1, 2`,
  );
  for (const fk of fks) {
    const child = catalog.get(fk.child);
    if (!child || !catalog.has(fk.parent)) continue;
    if (fk.child === fk.parent) child.selfReferencing = true;
    else child.parents.push(fk.parent);
  }
  return catalog;
}

/**
 * Tables ordered so that every table comes after the tables it references (Kahn's algorithm,
 * alphabetical among equals so the order is stable). Self-references are handled by restore.
 */
export function dependencyOrder(tables: { name: string; parents: string[] }[]): string[] {
  const remaining = new Map(tables.map((t) => [t.name, new Set(t.parents.filter((p) => p !== t.name))]));
  const order: string[] = [];
  while (remaining.size) {
    const ready = [...remaining].filter(([, parents]) => [...parents].every((p) => !remaining.has(p)));
    if (!ready.length) {
      throw new AppError(
        "INTERNAL",
        `Foreign keys form a cycle between the tables ${[...remaining.keys()].join(", ")}; backup cannot order them.`,
      );
    }
    const next = ready.map(([name]) => name).sort()[0]!;
    order.push(next);
    remaining.delete(next);
  }
  return order;
}

// ---------------------------------------------------------------------------------------------
// Backup

const guifanVersion = (): string => {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    return String(pkg.version ?? "");
  } catch {
    return "";
  }
};

/** `to_jsonb(row)` as text, with json/jsonb columns replaced by their text (see the file format). */
function rowExpression(table: TableInfo, alias: string): string {
  const json = table.columns.filter((c) => c.json);
  return `(to_jsonb(${alias})${json
    .map((c) => ` || jsonb_build_object(${quoteLiteral(c.name)}, ${alias}.${quoteIdent(c.name)}::text)`)
    .join("")})::text`;
}

/**
 * Writes a backup of the whole database to `file` (through `file`.partial-PID, renamed at the end,
 * so a failed backup never leaves a file that looks complete). Reads one consistent snapshot.
 */
export async function backupDatabase(
  database: Database,
  file: string,
  opts: { onProgress?: Progress; pageSize?: number; overwrite?: boolean; now?: () => Date } = {},
): Promise<BackupSummary> {
  if (!opts.overwrite && fs.existsSync(file)) {
    throw new AppError("CONFLICT", `${file} already exists; choose another name or allow overwriting it.`);
  }
  const pageSize = opts.pageSize ?? pageSizeDefault;
  const partial = `${file}.partial-${process.pid}`;
  try {
    const result = await database.sqlTransaction(async (s) => {
      await s.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      const [hasLog] = await s.query<{ ok: boolean }>(
        `SELECT to_regclass('public.${migrationsTable}') IS NOT NULL AS ok`,
      );
      const migrations = hasLog?.ok
        ? (await s.query<{ tag: string }>(`SELECT tag FROM ${migrationsTable} ORDER BY idx`)).map(
            (r) => r.tag,
          )
        : [];
      if (!migrations.length) {
        throw invalid(
          `${database.describe} has no Guifan schema (no migrations applied); nothing to back up.`,
        );
      }
      const catalog = await readCatalog(s.query);
      const order = dependencyOrder([...catalog.values()]);
      const tables: BackupTable[] = [];
      for (const name of order) {
        const info = catalog.get(name)!;
        const [c] = await s.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(name)}`);
        tables.push({
          name,
          rows: c?.n ?? 0,
          columns: info.columns.filter((col) => !col.generated).map((col) => col.name),
          jsonColumns: info.columns.filter((col) => col.json).map((col) => col.name),
        });
      }
      const header: BackupHeader = {
        format: backupFormat,
        formatVersion: backupFormatVersion,
        schemaVersion: migrations.length,
        migrations,
        engine: database.engine,
        createdAt: (opts.now ?? (() => new Date()))().toISOString(),
        guifanVersion: guifanVersion(),
        tables,
      };
      const total = tables.reduce((n, t) => n + t.rows, 0);
      const hash = createHash("sha256");
      let done = 0;
      let bytes = 0;
      const emit = (text: string): Buffer => {
        const buf = Buffer.from(text, "utf8");
        hash.update(buf);
        bytes += buf.length;
        return buf;
      };
      async function* lines(): AsyncGenerator<Buffer> {
        yield emit(`${JSON.stringify(header)}\n`);
        opts.onProgress?.(0, total);
        for (const t of tables) {
          const info = catalog.get(t.name)!;
          const prefix = `{"t":${JSON.stringify(t.name)},"r":`;
          let written = 0;
          for await (const page of readPages(s.query, info, pageSize)) {
            let chunk = "";
            for (const r of page) chunk += `${prefix}${r}}\n`;
            yield emit(chunk);
            written += page.length;
            done += page.length;
            opts.onProgress?.(done, total);
          }
          if (written !== t.rows) {
            throw new AppError(
              "INTERNAL",
              `Table ${t.name} changed while it was read (${t.rows} rows counted, ${written} read).`,
            );
          }
        }
        const trailer = { end: backupFormat, rows: done, sha256: hash.digest("hex") };
        const last = `${JSON.stringify(trailer)}\n`;
        bytes += Buffer.byteLength(last);
        yield Buffer.from(last, "utf8");
      }
      await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(partial, { flags: "w" }));
      return { header, rows: done, bytes };
    });
    const fd = fs.openSync(partial, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, file);
    return { file, ...result };
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
}

/** The rows of one table as text, page by page in primary-key order (physical order without a key). */
async function* readPages(q: Query, table: TableInfo, pageSize: number): AsyncGenerator<string[]> {
  const alias = "_guifan_row_";
  const from = `${qualified(table.name)} AS ${alias}`;
  const row = rowExpression(table, alias);
  let first: string;
  let next: string;
  if (table.primaryKey.length) {
    const cols = table.primaryKey.map((c) => `${alias}.${quoteIdent(c)}`);
    // The key of the last row read, as JSON, and back as the key's own types for the comparison.
    const key = `jsonb_build_object(${table.primaryKey
      .map((c) => `${quoteLiteral(c)}, ${alias}.${quoteIdent(c)}`)
      .join(", ")})::text`;
    const previous = `(SELECT ${table.primaryKey.map((c) => `p.${quoteIdent(c)}`).join(", ")}
      FROM jsonb_populate_record(null::${qualified(table.name)}, $2::jsonb) AS p)`;
    const select = (where: string) =>
      `SELECT ${row} AS r, ${key} AS k FROM ${from} ${where} ORDER BY ${cols.join(", ")} LIMIT $1`;
    first = select("");
    next = select(`WHERE ${cols.length === 1 ? cols[0] : `ROW(${cols.join(", ")})`} > ${previous}`);
  } else {
    const select = (where: string) =>
      `SELECT ${row} AS r, ${alias}.ctid::text AS k FROM ${from} ${where} ORDER BY ${alias}.ctid LIMIT $1`;
    first = select("");
    next = select(`WHERE ${alias}.ctid > $2::tid`);
  }
  let lastKey: string | undefined;
  for (;;) {
    const rows = await q<{ r: string; k: string }>(
      lastKey === undefined ? first : next,
      lastKey === undefined ? [pageSize] : [pageSize, lastKey],
    );
    if (!rows.length) return;
    yield rows.map((r) => r.r);
    if (rows.length < pageSize) return;
    lastKey = rows.at(-1)!.k;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a backup file

type BackupEvent = { kind: "header"; header: BackupHeader } | { kind: "row"; table: number; row: string };

/** The lines of a gzip file as buffers (without "\n"); fails when the last line is not ended. */
async function* gzipLines(file: string): AsyncGenerator<Buffer> {
  const input = fs.createReadStream(file);
  const gunzip = createGunzip();
  const stream = input.pipe(gunzip);
  input.on("error", (e) => gunzip.destroy(e));
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, nl);
        yield pending.length ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > maxLineBytes)
          throw invalid(`${file} is damaged: it has a line longer than 512 MiB.`);
      }
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "ENOENT") throw invalid(`${file} does not exist.`);
    if (/incorrect header check/i.test(err.message)) {
      throw invalid(`${file} is not a Guifan backup (it is not gzip-compressed).`);
    }
    if (err.code?.startsWith("Z_") || /unexpected end of file/i.test(err.message)) {
      throw invalid(
        `${file} is damaged or incomplete (${err.message}); it cannot be restored. Use another copy of the backup.`,
      );
    }
    throw e;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  if (pending.length) {
    throw invalid(`${file} is incomplete: its last line is cut off (the file was probably truncated).`);
  }
}

function parseHeader(file: string, line: Buffer | undefined): BackupHeader {
  let h: Partial<BackupHeader> | undefined;
  try {
    h = line ? JSON.parse(line.toString("utf8")) : undefined;
  } catch {
    h = undefined;
  }
  if (!h || h.format !== backupFormat) throw invalid(`${file} is not a Guifan backup.`);
  if (h.formatVersion !== backupFormatVersion) {
    throw invalid(
      `${file} has backup format version ${h.formatVersion}; this version of Guifan reads version ${backupFormatVersion}.`,
    );
  }
  const ok =
    Number.isInteger(h.schemaVersion) &&
    Array.isArray(h.migrations) &&
    h.migrations.every((m) => typeof m === "string") &&
    Array.isArray(h.tables) &&
    h.tables.every(
      (t) =>
        typeof t?.name === "string" &&
        Number.isInteger(t.rows) &&
        t.rows >= 0 &&
        Array.isArray(t.columns) &&
        Array.isArray(t.jsonColumns),
    ) &&
    new Set(h.tables.map((t) => t.name)).size === h.tables.length;
  if (!ok) throw invalid(`${file} has a damaged header line.`);
  return h as BackupHeader;
}

/**
 * Reads and checks a whole backup file: header, rows in header order with the announced counts,
 * and the end record with the SHA-256 of everything before it. Yields the header, then each row.
 */
async function* readBackup(file: string): AsyncGenerator<BackupEvent> {
  const hash = createHash("sha256");
  const lines = gzipLines(file);
  let lineNo = 0;
  let header: BackupHeader | undefined;
  let prefixes: Buffer[] = [];
  let counts: number[] = [];
  let current = 0;
  let trailer: { end?: string; rows?: number; sha256?: string } | undefined;
  const countCheck = (i: number) => {
    const t = header!.tables[i]!;
    if (counts[i] !== t.rows) {
      throw invalid(`${file} is damaged: table ${t.name} should have ${t.rows} rows but has ${counts[i]}.`);
    }
  };
  for await (const line of lines) {
    lineNo++;
    if (trailer) throw invalid(`${file} is damaged: there is data after its end record (line ${lineNo}).`);
    if (lineNo === 1) {
      hash.update(line).update("\n");
      header = parseHeader(file, line);
      prefixes = header.tables.map((t) => Buffer.from(`{"t":${JSON.stringify(t.name)},"r":`));
      counts = header.tables.map(() => 0);
      yield { kind: "header", header };
      continue;
    }
    if (line.subarray(0, 6).equals(Buffer.from('{"end"'))) {
      try {
        trailer = JSON.parse(line.toString("utf8"));
      } catch {
        throw invalid(`${file} is damaged: its end record (line ${lineNo}) is not valid.`);
      }
      continue;
    }
    hash.update(line).update("\n");
    let i = current;
    while (i < prefixes.length && !startsWith(line, prefixes[i]!)) i++;
    if (i === prefixes.length || line[line.length - 1] !== 125 /* } */) {
      throw invalid(`${file} is damaged: line ${lineNo} is not a row of a table the header announces.`);
    }
    for (let j = current; j < i; j++) countCheck(j);
    current = i;
    counts[i]!++;
    yield {
      kind: "row",
      table: i,
      row: line.subarray(prefixes[i]!.length, line.length - 1).toString("utf8"),
    };
  }
  if (!header) throw invalid(`${file} is empty.`);
  if (!trailer) {
    throw invalid(`${file} is incomplete: it has no end record (the file was probably truncated).`);
  }
  for (let j = current; j < prefixes.length; j++) countCheck(j);
  const total = counts.reduce((a, b) => a + b, 0);
  if (trailer.end !== backupFormat || trailer.rows !== total || trailer.sha256 !== hash.digest("hex")) {
    throw invalid(
      `${file} is damaged or was edited: its checksum (SHA-256) or row count does not match its content.`,
    );
  }
}

/** The header of a backup file (its first line), without reading the rest. */
export async function readBackupHeader(file: string): Promise<BackupHeader> {
  for await (const e of readBackup(file)) {
    if (e.kind === "header") return e.header;
  }
  throw invalid(`${file} is empty.`);
}

/** Reads the whole file and checks it (checksum, row counts, structure). Returns its header. */
export async function verifyBackup(file: string, onProgress?: Progress): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  let total = 0;
  let done = 0;
  for await (const e of readBackup(file)) {
    if (e.kind === "header") {
      header = e.header;
      total = header.tables.reduce((n, t) => n + t.rows, 0);
      onProgress?.(0, total);
    } else if (++done % 10000 === 0) onProgress?.(done, total);
  }
  onProgress?.(done, total);
  return header!;
}

/** Refuses a backup made at another schema version than this build's (its migrations must match). */
export function checkSchemaVersion(header: BackupHeader, migrations: Migration[] = loadMigrations()): void {
  const tags = migrations.map((m) => m.tag);
  const same = header.schemaVersion === tags.length && header.migrations.every((t, i) => t === tags[i]);
  if (same) return;
  const advice =
    header.schemaVersion < tags.length
      ? "Restore it with the Guifan version that made it (the schema is upgraded when that version's data is opened by this one)."
      : "Upgrade Guifan to the version that made it, then restore.";
  throw new AppError(
    "SCHEMA_MISMATCH",
    `The backup has schema version ${header.schemaVersion} (${header.migrations.join(", ") || "no migrations"}), but this version of Guifan has schema version ${tags.length} (${tags.join(", ")}). ${advice}`,
  );
}

const startsWith = (line: Buffer, prefix: Buffer): boolean =>
  line.length >= prefix.length && line.subarray(0, prefix.length).equals(prefix);

// ---------------------------------------------------------------------------------------------
// Restore

async function refuseInUse(q: Query, describe: string): Promise<void> {
  for (const table of inUseTables) {
    const [exists] = await q<{ ok: boolean }>("SELECT to_regclass($1) IS NOT NULL AS ok", [qualified(table)]);
    if (!exists?.ok) continue;
    const [c] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(table)}`);
    if (c && c.n > 0) {
      throw new AppError(
        "CONFLICT",
        `${describe} is not empty (table ${table} has ${c.n} rows); restore only goes into a new, empty database. Nothing was changed.`,
      );
    }
  }
}

/**
 * Restores a backup into an empty database: checks the file and the schema version, refuses a
 * database with agencies or users, migrates it, then inserts every row in one transaction.
 */
export async function restoreDatabase(
  database: Database,
  file: string,
  opts: {
    onCheckProgress?: Progress;
    onProgress?: Progress;
    /** The caller already ran verifyBackup on this file (the load pass checks it again anyway). */
    verified?: boolean;
    batchRows?: number;
  } = {},
): Promise<RestoreSummary> {
  const maxRows = opts.batchRows ?? batchRows;
  const first = await readBackupHeader(file);
  checkSchemaVersion(first);
  await refuseInUse(database.query, database.describe);
  if (!opts.verified) await verifyBackup(file, opts.onCheckProgress);
  await migrate(database);
  return database.sqlTransaction(async (s) => {
    await refuseInUse(s.query, database.describe);
    const catalog = await readCatalog(s.query);
    let header: BackupHeader | undefined;
    let total = 0;
    let done = 0;
    const replaced: RestoreSummary["replaced"] = [];
    type Loader = {
      table: BackupTable;
      insert: (source: string) => string;
      staged: boolean;
    };
    let loaders: Loader[] = [];
    let current = -1;
    let batch: string[] = [];
    let batchSize = 0;
    const stage = "_guifan_restore_stage";

    const flush = async () => {
      if (!batch.length) return;
      const loader = loaders[current]!;
      const json = `[${batch.join(",")}]`;
      try {
        if (loader.staged) {
          await s.query(`INSERT INTO ${stage} (e) SELECT value FROM jsonb_array_elements($1::jsonb)`, [json]);
        } else {
          await s.query(loader.insert("jsonb_array_elements($1::jsonb)"), [json]);
        }
      } catch (e) {
        throw loadError(loader.table.name, e);
      }
      done += batch.length;
      opts.onProgress?.(done, total);
      batch = [];
      batchSize = 0;
    };
    const finishTable = async () => {
      await flush();
      const loader = loaders[current];
      if (!loader?.staged) return;
      try {
        await s.query(loader.insert(stage));
        await s.exec(`DROP TABLE ${stage}`);
      } catch (e) {
        throw loadError(loader.table.name, e);
      }
    };
    const startTable = async (i: number) => {
      current = i;
      if (loaders[i]!.staged) await s.exec(`CREATE TEMP TABLE ${stage} (e jsonb) ON COMMIT DROP`);
    };

    for await (const e of readBackup(file)) {
      if (e.kind === "header") {
        header = e.header;
        checkSchemaVersion(header);
        total = header.tables.reduce((n, t) => n + t.rows, 0);
        loaders = header.tables.map((t) => makeLoader(t, catalog.get(t.name)));
        // Rows the target already has in these tables (e.g. the packaged calendar), children first.
        for (const t of [...header.tables].reverse()) {
          const [c] = await s.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(t.name)}`);
          if (!c?.n) continue;
          try {
            await s.exec(`DELETE FROM ${qualified(t.name)}`);
          } catch (err) {
            throw new AppError(
              "CONFLICT",
              `${database.describe} already has ${c.n} rows in table ${t.name}, which cannot be cleared (${(err as Error).message}); restore into a new, empty database. No rows were changed.`,
            );
          }
          replaced.push({ name: t.name, rows: c.n });
        }
        opts.onProgress?.(0, total);
        continue;
      }
      if (e.table !== current) {
        if (current >= 0) await finishTable();
        await startTable(e.table);
      }
      batch.push(e.row);
      batchSize += e.row.length;
      if (batch.length >= maxRows || batchSize >= batchBytes) await flush();
    }
    if (current >= 0) await finishTable();
    if (!header) throw invalid(`${file} is empty.`);

    // Every row arrived, identity/serial sequences continue after the highest restored value.
    for (const t of header.tables) {
      const [c] = await s.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${qualified(t.name)}`);
      if (c?.n !== t.rows) {
        throw new AppError(
          "INTERNAL",
          `Table ${t.name} has ${c?.n} rows after loading, but the backup has ${t.rows}. Nothing was restored.`,
        );
      }
      if (!t.rows) continue;
      for (const col of catalog.get(t.name)!.columns) {
        if (!col.sequence) continue;
        await s.query(
          `SELECT setval($1::regclass, m) FROM (SELECT max(${quoteIdent(col.name)}) AS m FROM ${qualified(t.name)}) x
           WHERE m IS NOT NULL`,
          [col.sequence],
        );
      }
    }
    return { header, rows: done, replaced };
  });
}

function makeLoader(
  t: BackupTable,
  info: TableInfo | undefined,
): { table: BackupTable; insert: (source: string) => string; staged: boolean } {
  if (!info) {
    throw new AppError(
      "SCHEMA_MISMATCH",
      `The backup has table ${t.name}, which this database does not have.`,
    );
  }
  const columns = info.columns.filter((c) => !c.generated);
  const names = columns.map((c) => c.name);
  const jsonHere = info.columns.filter((c) => c.json).map((c) => c.name);
  const same = (a: string[], b: string[]) =>
    a.length === b.length && [...a].sort().join("\0") === [...b].sort().join("\0");
  if (!same(names, t.columns) || !same(jsonHere, t.jsonColumns)) {
    throw new AppError(
      "SCHEMA_MISMATCH",
      `Table ${t.name} has columns (${names.join(", ")}) in this database but (${t.columns.join(", ")}) in the backup.`,
    );
  }
  const target = qualified(t.name);
  const list = columns.map((c) => quoteIdent(c.name)).join(", ");
  const values = columns
    .map((c) => (c.json ? `(s.e ->> ${quoteLiteral(c.name)})::${c.type}` : `r.${quoteIdent(c.name)}`))
    .join(", ");
  const overriding = columns.some((c) => c.identityAlways) ? " OVERRIDING SYSTEM VALUE" : "";
  return {
    table: t,
    // A self-referencing table is loaded in ONE statement (rows staged first): PostgreSQL checks
    // foreign keys at the end of the statement, so the order of parents and children does not matter.
    staged: info.selfReferencing,
    insert: (source) =>
      `INSERT INTO ${target} (${list})${overriding}
       SELECT ${values} FROM ${source} AS s(e), jsonb_populate_record(null::${target}, s.e) AS r`,
  };
}

function loadError(table: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError(
    "BACKUP_INVALID",
    `Restoring table ${table} failed: ${(e as Error).message}. Nothing was restored (the transaction was rolled back).`,
  );
}
