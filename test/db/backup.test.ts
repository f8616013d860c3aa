import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { gunzipSync, gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { createContext } from "../../src/context.ts";
import { AppError } from "../../src/core/errors.ts";
import {
  type BackupHeader,
  backupDatabase,
  derivedTables,
  readBackupHeader,
  restoreDatabase,
  verifyBackup,
} from "../../src/db/backup.ts";
import { type Database, openPglite } from "../../src/db/client.ts";
import { currentSchemaVersion, migrate, schemaVersion } from "../../src/db/migrate.ts";
import { seedDemo } from "../../src/demo/seed-demo.ts";
import { seedCalendar } from "../../src/modules/calendar/seed-calendar.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import { recordSecurityEvent } from "../../src/modules/identity/record-security-event.ts";
import { users } from "../../src/modules/identity/schema.ts";
import { appendEntry } from "../../src/modules/ledger/append-entry.ts";
import { checkpointNow } from "../../src/modules/ledger/integrate.ts";
import { changeSetting } from "../../src/modules/settings/change-setting.ts";
import { rowCounts, testDatabase } from "../support/database.ts";
import { ensurePgliteTemplate } from "../support/pglite-template.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
const noServer = serverUrl ? false : "TEST_DATABASE_URL is not set";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "guifan-backup-test-"));
const file = (name: string) => path.join(tmp, name);
const opened: Database[] = [];

/** A fresh PGlite database (copy of the pristine test cluster), not migrated unless asked. */
async function pglite(opts: { migrate?: boolean } = {}): Promise<Database> {
  const dir = fs.mkdtempSync(path.join(tmp, "pg-"));
  fs.cpSync(await ensurePgliteTemplate(), path.join(dir, "pg"), { recursive: true });
  const database = await openPglite(dir);
  opened.push(database);
  if (opts.migrate) await migrate(database);
  return database;
}

/** A fresh, un-migrated database on the TEST_DATABASE_URL server (dropped when closed). */
async function server(): Promise<Database> {
  const database = await testDatabase({ migrate: false });
  assert.equal(database.engine, "postgresql");
  opened.push(database);
  return database;
}

/**
 * Every row of every table as PostgreSQL's row text (tells SQL NULL from JSON null), sorted;
 * derived state (derivedTables, which backups leave out) aside.
 */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  return database.sqlTransaction(async (s) => {
    await s.exec("SET LOCAL TimeZone = 'UTC'");
    await s.exec("SET LOCAL DateStyle = 'ISO, YMD'");
    const tables = await s.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ALL ($1::text[])
       ORDER BY table_name`,
      [["guifan_migrations", ...derivedTables]],
    );
    const out: Record<string, string[]> = {};
    for (const { name } of tables) {
      const rows = await s.query<{ r: string }>(`SELECT t::text AS r FROM public."${name}" AS t`);
      out[name] = rows.map((r) => r.r).sort();
    }
    return out;
  });
}

const appError = (code: string, message?: RegExp) => (e: unknown) => {
  assert.ok(e instanceof AppError, `expected AppError, got ${(e as Error).stack}`);
  assert.equal(e.code, code, e.message);
  if (message) assert.match(e.message, message);
  return true;
};

/** Rewrites a backup's lines (without its end record) and writes a new, correctly summed end record. */
function rewrite(src: string, dst: string, edit: (lines: string[]) => string[]): void {
  const lines = gunzipSync(fs.readFileSync(src)).toString("utf8").split("\n");
  assert.equal(lines.pop(), "");
  assert.match(lines.pop()!, /^\{"end"/);
  const body = `${edit(lines).join("\n")}\n`;
  const rows = body.split("\n").filter((l) => l.startsWith('{"t":')).length;
  const sha256 = createHash("sha256").update(body).digest("hex");
  fs.writeFileSync(dst, gzipSync(`${body}${JSON.stringify({ end: "guifan-backup", rows, sha256 })}\n`));
}

const editHeader = (lines: string[], fn: (h: BackupHeader) => BackupHeader) => [
  JSON.stringify(fn(JSON.parse(lines[0]!))),
  ...lines.slice(1),
];

let source: Database;
let expected: Record<string, string[]>;
const backupFile = file("source.ndjson.gz");

before(async () => {
  source = await pglite({ migrate: true });
  const ctx = createContext(source, path.join(tmp, "data"));
  await seedCalendar(ctx);
  const logins = await seedDemo(ctx, { password: "demo2026x" });
  assert.ok(logins);
  const [admin] = await source.db.select().from(users).where(eq(users.username, logins[0]!.username));
  const actor = (await principalForUser(source.db, admin!.id))!;
  const city = actor.memberships[0]!.agencyId;
  await changeSetting(ctx, actor, city, "lead.verifyWorkdays", { value: 20, reason: "备份测试" });
  await changeSetting(ctx, actor, city, "lead.verifyWorkdays", { value: null, reason: "恢复默认" });
  // A JSON null (not SQL NULL) in a jsonb column must come back as a JSON null.
  await source.query(
    `INSERT INTO setting_changes (agency_id, key, value, reason, changed_by)
     VALUES ($1, 'lead.verifyWorkdays', 'null'::jsonb, 'JSON null', $2)`,
    [city, admin!.id],
  );
  await recordSecurityEvent(source.db, {
    kind: "login_failed",
    username: "nobody",
    ip: "10.0.0.1",
    detail: 'line1\nline2\t"quoted" \\ 规范 😀 \u2028 end',
  });
  await recordSecurityEvent(source.db, {
    kind: "login_succeeded",
    userId: admin!.id,
    username: admin!.username,
  });
  // Ledger rows: bigint identity, bytea, composite primary keys, a jsonb array.
  for (let i = 0; i < 12; i++) {
    await appendEntry(source.db, {
      agencyId: city,
      actorId: admin!.id,
      type: "settings.changed",
      payload: { i, note: "备份" },
      at: new Date(),
    });
  }
  await checkpointNow(ctx);
  await appendEntry(source.db, {
    agencyId: city,
    type: "auth.login",
    payload: { pending: true },
    at: new Date(),
  });
  expected = await snapshot(source);
  // Small pages so that keyset paging (uuid, date, text, composite keys) is exercised.
  await backupDatabase(source, backupFile, { pageSize: 5 });
});

after(async () => {
  for (const d of opened) await d.close().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("the backup names every table, parents before children, with row counts and a valid checksum", async () => {
  const header = await verifyBackup(backupFile);
  assert.equal(header.format, "guifan-backup");
  assert.equal(header.schemaVersion, schemaVersion());
  assert.equal(header.engine, "pglite");
  const names = header.tables.map((t) => t.name);
  assert.deepEqual([...names].sort(), Object.keys(expected).sort());
  for (const t of header.tables) assert.equal(t.rows, expected[t.name]!.length, t.name);
  const fks = await source.query<{ child: string; parent: string }>(
    `SELECT ch.relname AS child, pa.relname AS parent FROM pg_constraint co
     JOIN pg_class ch ON ch.oid = co.conrelid JOIN pg_class pa ON pa.oid = co.confrelid
     WHERE co.contype = 'f' AND ch.relname <> pa.relname`,
  );
  assert.ok(fks.length > 0);
  for (const fk of fks)
    assert.ok(names.indexOf(fk.parent) < names.indexOf(fk.child), `${fk.parent} < ${fk.child}`);
  for (const t of [
    "agencies",
    "users",
    "memberships",
    "setting_changes",
    "security_events",
    "ledger_nodes",
  ]) {
    assert.ok((header.tables.find((x) => x.name === t)?.rows ?? 0) > 0, `${t} has rows`);
  }
  assert.ok(!names.includes("guifan_migrations"));
  for (const t of derivedTables) assert.ok(!names.includes(t), `${t} is derived state`);
});

test("restores into a fresh PGlite: every table equal, identity columns continue after the highest id", async () => {
  const target = await pglite();
  const r = await restoreDatabase(target, backupFile);
  assert.equal(
    r.rows,
    Object.values(expected).reduce((n, rows) => n + rows.length, 0),
  );
  assert.deepEqual(await snapshot(target), expected);
  // The restore's own inserts raised the reference version (reference-cache.ts) of the new database.
  const [version] = await target.query<{ n: string }>("SELECT n FROM reference_version");
  assert.ok(Number(version?.n) > 0);
  const [max] = await target.query<{ m: number }>("SELECT max(id) AS m FROM security_events");
  await recordSecurityEvent(target.db, { kind: "logout", username: "after-restore" });
  const [next] = await target.query<{ id: number }>(
    "SELECT id FROM security_events WHERE username = 'after-restore'",
  );
  assert.equal(next!.id, max!.m + 1);
  const [maxEntry] = await target.query<{ m: string }>("SELECT max(id)::text AS m FROM ledger_entries");
  const agency = (await target.query<{ id: string }>("SELECT id FROM agencies LIMIT 1"))[0]!.id;
  const id = await appendEntry(target.db, {
    agencyId: agency,
    type: "auth.login",
    payload: {},
    at: new Date(),
  });
  assert.equal(id, Number(maxEntry!.m) + 1);
});

test("restores into a PostgreSQL server and back into PGlite: equal both ways", {
  skip: noServer,
}, async () => {
  const onServer = await server();
  await restoreDatabase(onServer, backupFile);
  assert.deepEqual(await snapshot(onServer), expected);
  const second = file("from-server.ndjson.gz");
  await backupDatabase(onServer, second, { pageSize: 3 });
  assert.equal((await readBackupHeader(second)).engine, "postgresql");
  // Back into PGlite, one that was already opened like `serve` does (packaged calendar loaded).
  const back = await pglite({ migrate: true });
  await seedCalendar(createContext(back, path.join(tmp, "data-back")));
  const r = await restoreDatabase(back, second);
  assert.ok(r.replaced.some((t) => t.name === "calendar_days"));
  assert.deepEqual(await snapshot(back), expected);
});

test("refuses a database that has agencies or users, and changes nothing", async () => {
  const before = await rowCounts(source);
  await assert.rejects(restoreDatabase(source, backupFile), appError("CONFLICT", /not empty.*agencies/));
  assert.deepEqual(await rowCounts(source), before);
});

test("refuses a damaged file before writing anything", async (t) => {
  const target = await pglite();
  const bytes = fs.readFileSync(backupFile);
  const cases: [string, Buffer | (() => void), RegExp][] = [];
  const flipped = Buffer.from(bytes);
  const at = Math.floor(bytes.length / 2);
  flipped[at] = flipped[at]! ^ 0x55;
  cases.push(["one byte of the compressed file changed", flipped, /damaged|incomplete/]);
  cases.push([
    "the compressed file cut in half",
    bytes.subarray(0, Math.floor(bytes.length / 2)),
    /damaged|incomplete/,
  ]);
  const content = gunzipSync(bytes).toString("utf8");
  const i = content.indexOf('"squad"');
  assert.ok(i > 0);
  cases.push([
    "one byte of the content changed (valid gzip)",
    gzipSync(`${content.slice(0, i + 1)}S${content.slice(i + 2)}`),
    /checksum/,
  ]);
  const lines = content.split("\n");
  cases.push(["cut at a line: no end record", gzipSync(`${lines.slice(0, -10).join("\n")}\n`), /incomplete/]);
  cases.push([
    "cut inside a line",
    gzipSync(content.slice(0, Math.floor(content.length * 0.7))),
    /incomplete|cut off/,
  ]);
  for (const [name, data, message] of cases) {
    await t.test(name, async () => {
      const damaged = file(`damaged-${name.replace(/\W+/g, "-")}.ndjson.gz`);
      fs.writeFileSync(damaged, data as Buffer);
      await assert.rejects(restoreDatabase(target, damaged), appError("BACKUP_INVALID", message));
      assert.equal(await currentSchemaVersion(target), 0, "nothing written, not even the schema");
    });
  }
});

test("refuses a backup of another schema version, naming both versions", async () => {
  const target = await pglite();
  const other = file("other-version.ndjson.gz");
  const v = schemaVersion();
  rewrite(backupFile, other, (lines) =>
    editHeader(lines, (h) => ({ ...h, schemaVersion: v + 1, migrations: [...h.migrations, "9999_future"] })),
  );
  await assert.rejects(
    restoreDatabase(target, other),
    appError("SCHEMA_MISMATCH", new RegExp(`schema version ${v + 1}.*schema version ${v}`)),
  );
  assert.equal(await currentSchemaVersion(target), 0);
});

test("a failure in the middle of loading rolls everything back", async () => {
  const target = await pglite();
  const bad = file("duplicate-row.ndjson.gz");
  // A well-formed, correctly summed file whose last security event appears twice: the primary
  // key refuses it after most tables were loaded.
  rewrite(backupFile, bad, (lines) => {
    const last = lines.findLastIndex((l) => l.startsWith('{"t":"security_events"'));
    const out = [...lines.slice(0, last + 1), lines[last]!, ...lines.slice(last + 1)];
    return editHeader(out, (h) => ({
      ...h,
      tables: h.tables.map((t) => (t.name === "security_events" ? { ...t, rows: t.rows + 1 } : t)),
    }));
  });
  await verifyBackup(bad);
  await assert.rejects(
    restoreDatabase(target, bad),
    appError("BACKUP_INVALID", /security_events.*duplicate key.*Nothing was restored/s),
  );
  const counts = await rowCounts(target, ["guifan_migrations"]);
  assert.ok(Object.keys(counts).length > 5);
  for (const [name, n] of Object.entries(counts)) assert.equal(n, 0, `${name} is empty`);
});

const exoticTables = `
  CREATE TABLE zz_exotic (
    a int NOT NULL, b text NOT NULL, PRIMARY KEY (a, b),
    big bigint, num numeric, f float8, bin bytea, j jsonb, js json, arr int[], ts timestamptz, iv interval,
    g int GENERATED ALWAYS AS (a * 2) STORED,
    parent_a int, parent_b text, FOREIGN KEY (parent_a, parent_b) REFERENCES zz_exotic (a, b)
  );
  CREATE TABLE zz_nokey (x text, y int GENERATED BY DEFAULT AS IDENTITY);
  CREATE TABLE zz_serial (id serial PRIMARY KEY, note text, exotic_a int, exotic_b text,
    FOREIGN KEY (exotic_a, exotic_b) REFERENCES zz_exotic (a, b));`;

test("generic tables: composite keys, no key, self-references, exact numbers, json vs SQL null", async (t) => {
  const src = await pglite({ migrate: true });
  await src.sqlTransaction((s) => s.exec(exoticTables));
  // Children sort before their parents in key order; restore must still load them.
  await src.query(`INSERT INTO zz_exotic (a, b, big, num, f, bin, j, js, arr, ts, iv, parent_a, parent_b) VALUES
    (9, 'root', 9007199254740993, 12345678901234567890.123456789, 0.1, '\\x00ff10', 'null'::jsonb,
     '{"b":1,  "a":2, "a":3}', '{1,NULL,3}', '2026-01-02 03:04:05.123456+08', '1 year 2 mons 3 days 04:05:06.7', NULL, NULL),
    (1, 'child', -9223372036854775808, 'NaN', 'Infinity', '', NULL, NULL, '{}', NULL, NULL, 9, 'root'),
    (1, 'grandchild "q"', 0, 1e-20, -0.0, NULL, '{"k":[1,{"n":null}]}', 'null', NULL, NULL, NULL, 1, 'child')`);
  await src.query(`INSERT INTO zz_nokey (x) SELECT 'row ' || g FROM generate_series(1, 23) g`);
  await src.query(`INSERT INTO zz_nokey (x) VALUES (NULL), (NULL)`);
  await src.query(
    `INSERT INTO zz_serial (note, exotic_a, exotic_b) SELECT 'n' || g, 1, 'child' FROM generate_series(1, 7) g`,
  );
  await src.query("DELETE FROM zz_serial WHERE id = 7");
  const want = await snapshot(src);
  const out = file("exotic.ndjson.gz");
  await backupDatabase(src, out, { pageSize: 2 });
  const names = (await readBackupHeader(out)).tables.map((x) => x.name);
  assert.ok(names.indexOf("zz_exotic") < names.indexOf("zz_serial"));

  const targets: [string, () => Promise<Database>][] = [["PGlite", () => pglite({ migrate: true })]];
  if (serverUrl) targets.push(["PostgreSQL server", server]);
  for (const [name, open] of targets) {
    await t.test(name, async () => {
      const target = await open();
      await migrate(target);
      await target.sqlTransaction((s) => s.exec(exoticTables));
      // One row per INSERT: the self-referencing table must still load (it is staged).
      await restoreDatabase(target, out, { batchRows: 1 });
      assert.deepEqual(await snapshot(target), want);
      const [serial] = await target.query<{ id: number }>(
        "INSERT INTO zz_serial (note) VALUES ('next') RETURNING id",
      );
      assert.equal(serial!.id, 7, "serial continues after the highest restored id (6)");
      const [nokey] = await target.query<{ y: number }>(
        "INSERT INTO zz_nokey (x) VALUES ('next') RETURNING y",
      );
      assert.equal(nokey!.y, 26);
      const [row] = await target.query<{ big: string; j_is_null: boolean; j: string | null; js: string }>(
        "SELECT big::text, j IS NULL AS j_is_null, j::text AS j, js::text AS js FROM zz_exotic WHERE a = 9",
      );
      assert.deepEqual(row, {
        big: "9007199254740993",
        j_is_null: false,
        j: "null",
        js: '{"b":1,  "a":2, "a":3}',
      });
    });
  }
});

test("a backup whose table is missing from the database is refused as a schema mismatch", async () => {
  const target = await pglite();
  const extra = file("extra-table.ndjson.gz");
  rewrite(backupFile, extra, (lines) =>
    editHeader(lines, (h) => ({
      ...h,
      tables: [...h.tables, { name: "zz_unknown", rows: 0, columns: ["id"], jsonColumns: [] }],
    })),
  );
  await assert.rejects(restoreDatabase(target, extra), appError("SCHEMA_MISMATCH", /zz_unknown/));
  const counts = await rowCounts(target, ["guifan_migrations"]);
  for (const [name, n] of Object.entries(counts)) assert.equal(n, 0, `${name} is empty`);
});
