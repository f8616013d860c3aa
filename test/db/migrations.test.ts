import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Database } from "../../src/db/client.ts";
import {
  currentSchemaVersion,
  loadMigrations,
  type Migration,
  MigrationError,
  migrate,
  schemaVersion,
} from "../../src/db/migrate.ts";
import { rowCounts, tableNames, testDatabase, testEngine } from "../support/index.ts";

const opened: Database[] = [];
const fresh = async () => {
  const d = await testDatabase({ migrate: false });
  opened.push(d);
  return d;
};
after(async () => {
  await Promise.all(opened.map((d) => d.close()));
});

const fake = (idx: number, tag: string, sql: string): Migration => ({ idx, tag, sql, hash: `test-${idx}` });

const functionExists = async (d: Database, name: string) =>
  (await d.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_proc WHERE proname = $1", [name]))[0]!.n >
  0;

describe(`migrations on ${testEngine()}`, () => {
  test("all migrations apply to an empty database", async () => {
    const d = await fresh();
    assert.equal(await currentSchemaVersion(d), 0);
    assert.deepEqual(await tableNames(d), []);
    const all = loadMigrations();
    const r = await migrate(d);
    assert.deepEqual(
      r.applied,
      all.map((m) => m.tag),
    );
    assert.equal(r.version, schemaVersion());
    assert.equal(await currentSchemaVersion(d), all.length);
    const tables = await tableNames(d);
    for (const t of [
      "agencies",
      "users",
      "memberships",
      "sessions",
      "security_events",
      "setting_changes",
      "calendar_years",
      "calendar_days",
      "guifan_migrations",
    ]) {
      assert.ok(tables.includes(t), `table ${t} exists`);
    }
    const rows = await d.query<{ idx: number; tag: string; hash: string }>(
      "SELECT idx, tag, hash FROM guifan_migrations ORDER BY idx",
    );
    assert.deepEqual(
      rows.map((r) => [r.idx, r.tag, r.hash]),
      all.map((m) => [m.idx, m.tag, m.hash]),
    );
  });

  test("re-running the migrations is a no-op", async () => {
    const d = await fresh();
    await migrate(d);
    const before = await rowCounts(d);
    const tablesBefore = await tableNames(d);
    const again = await migrate(d);
    assert.deepEqual(again.applied, []);
    assert.equal(again.version, schemaVersion());
    assert.deepEqual(await rowCounts(d), before);
    assert.deepEqual(await tableNames(d), tablesBefore);
  });

  test("a partly migrated database gets only the pending migrations", async () => {
    const d = await fresh();
    const all = loadMigrations();
    await migrate(d, all.slice(0, 1));
    assert.equal(await currentSchemaVersion(d), 1);
    const r = await migrate(d, all);
    assert.deepEqual(
      r.applied,
      all.slice(1).map((m) => m.tag),
    );
    assert.equal(await currentSchemaVersion(d), all.length);
  });

  test("a database written by a newer version is refused, and nothing is changed", async () => {
    const d = await fresh();
    const all = loadMigrations();
    // The database has the first migration plus one this build does not know; migration 0001
    // (append-only triggers) is pending and must NOT be applied.
    await migrate(d, all.slice(0, 1));
    await d.query("INSERT INTO guifan_migrations (idx, tag, hash) VALUES (999, '0999_from_the_future', 'x')");
    const before = await rowCounts(d);
    const tablesBefore = await tableNames(d);
    await assert.rejects(migrate(d, all), (e: unknown) => {
      assert.ok(e instanceof MigrationError, String(e));
      assert.match(e.message, /newer version/);
      assert.match(e.message, /0999_from_the_future/);
      return true;
    });
    assert.equal(await functionExists(d, "guifan_refuse_change"), false, "pending migration not applied");
    assert.deepEqual(await rowCounts(d), before);
    assert.deepEqual(await tableNames(d), tablesBefore);
  });

  test("a migration recorded under a different name is refused", async () => {
    const d = await fresh();
    await migrate(d, [fake(0, "0000_other", "CREATE TABLE t_other (a int)")]);
    await assert.rejects(
      migrate(d),
      (e: unknown) => e instanceof MigrationError && /0000_other/.test(e.message),
    );
    assert.ok(!(await tableNames(d)).includes("agencies"));
  });

  test("a broken migration leaves no trace of the good ones before it (one transaction)", async () => {
    const d = await fresh();
    const list = [
      fake(0, "0000_good", "CREATE TABLE t_good (id int PRIMARY KEY); INSERT INTO t_good VALUES (1);"),
      fake(1, "0001_also_good", "CREATE TABLE t_good_too (id int)"),
      fake(2, "0002_broken", "CREATE TABLE t_broken (id int); SELECT * FROM no_such_table;"),
    ];
    await assert.rejects(migrate(d, list), (e: unknown) => {
      assert.ok(e instanceof MigrationError, String(e));
      assert.match(e.message, /0002_broken/);
      return true;
    });
    assert.deepEqual(await tableNames(d), [], "no table, not even guifan_migrations");
    assert.equal(await currentSchemaVersion(d), 0);
    // The same database then migrates normally.
    const r = await migrate(d);
    assert.equal(r.version, schemaVersion());
  });

  test("a broken migration on an up-to-date database changes nothing", async () => {
    const d = await fresh();
    const all = loadMigrations();
    await migrate(d, all);
    const before = await rowCounts(d);
    const next = all.length;
    await assert.rejects(
      migrate(d, [
        ...all,
        fake(next, "9000_add_table", "CREATE TABLE t_new (id int)"),
        fake(next + 1, "9001_bad", "ALTER TABLE agencies ADD COLUMN oops no_such_type"),
      ]),
      MigrationError,
    );
    assert.ok(!(await tableNames(d)).includes("t_new"));
    assert.deepEqual(await rowCounts(d), before);
  });

  test("two servers starting together both succeed, and the migrations run once", async () => {
    const d = await fresh();
    const [a, b] = await Promise.all([migrate(d), migrate(d)]);
    assert.equal(a.applied.length + b.applied.length, loadMigrations().length);
    assert.equal(await currentSchemaVersion(d), loadMigrations().length);
  });
});
