import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Database } from "../../src/db/client.ts";
import { loadMigrations, migrate } from "../../src/db/migrate.ts";
import { testDatabase, testEngine } from "../support/index.ts";

const tag = "0017_violations_move_and_append_only";

describe(`migration ${tag}: benchmarks' embedded violations become violation rows (C03) on ${testEngine()}`, () => {
  const opened: Database[] = [];
  after(async () => {
    await Promise.all(opened.map((d) => d.close()));
  });

  test("each benchmark gets a violation with its code, name, provisions, power item and field, and points at it", async () => {
    const d = await testDatabase({ migrate: false });
    opened.push(d);
    const all = loadMigrations();
    const at = all.findIndex((m) => m.tag === tag);
    assert.ok(at > 0, `${tag} is in the journal`);
    await migrate(d, all.slice(0, at));
    const agency = "0190f000-0000-7000-8000-000000000001";
    const item = "0190f000-0000-7000-8000-000000000002";
    const art = "0190f000-0000-7000-8000-000000000003";
    await d.query(
      `INSERT INTO agencies (id, path, kind, name, short_name, seal_name) VALUES ($1, $2, 'city_bureau', '测试局', '测试', '测试局')`,
      [agency, `/${agency}/`],
    );
    await d.query(
      `INSERT INTO power_items (id, agency_id, code, name, kind, field) VALUES ($1, $2, 'P-1', '测试事项', 'penalty', '城乡规划')`,
      [item, agency],
    );
    await d.query(
      `INSERT INTO benchmarks (id, agency_id, code, violation_name, power_item_id, violated_article_ids, penalty_article_ids, tiers, published)
       VALUES (gen_random_uuid(), $1, 'B-1', '违法行为一', $2, ARRAY[$3]::uuid[], ARRAY[$3]::uuid[], '[]', true),
              (gen_random_uuid(), $1, 'B-2', '违法行为二', NULL, '{}', '{}', '[]', false)`,
      [agency, item, art],
    );
    await migrate(d, all);
    const rows = await d.query<{
      code: string;
      name: string;
      field: string;
      power_item_id: string | null;
      violated: string[];
      published: boolean;
      linked: number;
      versions: number;
    }>(
      `SELECT v.code, v.name, v.field, v.power_item_id, v.violated_article_ids::text[] AS violated, v.published,
              (SELECT count(*)::int FROM benchmarks b WHERE b.violation_id = v.id) AS linked,
              (SELECT count(*)::int FROM violation_versions x WHERE x.violation_id = v.id) AS versions
       FROM violations v ORDER BY v.code`,
    );
    assert.deepEqual(
      rows.map((r) => [
        r.code,
        r.name,
        r.field,
        r.power_item_id,
        r.violated,
        r.published,
        r.linked,
        r.versions,
      ]),
      [
        ["B-1", "违法行为一", "城乡规划", item, [art], true, 1, 1],
        ["B-2", "违法行为二", "其他", null, [], false, 1, 1],
      ],
    );
    // The version history is append-only (C7).
    await assert.rejects(d.query("UPDATE violation_versions SET version = 9"), /append-only/);
  });
});
