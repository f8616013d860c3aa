import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createBenchmarkInput } from "../../src/modules/benchmarks/benchmark.ts";
import { createBenchmark } from "../../src/modules/benchmarks/save-benchmark.ts";
import { addArticleVersion } from "../../src/modules/laws/add-article-version.ts";
import { importLaws, parseLawImportFile } from "../../src/modules/laws/import-laws.ts";
import { createPowerItemInput } from "../../src/modules/powers/power.ts";
import { createPowerItem } from "../../src/modules/powers/save-power-item.ts";
import { type SmallTree, smallTree, type TestContext, testContext, testEngine } from "../support/index.ts";

describe(`laws, powers and benchmarks in the database on ${testEngine()}`, () => {
  let ctx: TestContext;
  let tree: SmallTree;
  let lawId: string;
  let articleId: string;

  before(async () => {
    ctx = await testContext({ calendar: false });
    tree = await smallTree(ctx);
    const file = parseLawImportFile({
      laws: [
        {
          title: "测试条例",
          level: "local_regulation",
          issuingBody: "测试市人大常委会",
          articles: [
            { number: "第一条", text: "第一条原文。" },
            { number: "第二条", text: "第二条原文。" },
          ],
        },
      ],
    });
    await importLaws(ctx, tree.admin, file);
    const [row] = await ctx.database.query<{ id: string; law_id: string }>(
      "SELECT id, law_id FROM law_articles WHERE number = '第一条'",
    );
    articleId = row!.id;
    lawId = row!.law_id;
  });
  after(async () => ctx?.close());

  const count = async (sql: string) => (await ctx.database.query<{ n: number }>(sql))[0]!.n;

  test("a new article version flags exactly the items and benchmarks citing that article", async () => {
    const [second] = await ctx.database.query<{ id: string }>(
      "SELECT id FROM law_articles WHERE number = '第二条'",
    );
    const item = (code: string, basis: string[]) =>
      createPowerItem(
        ctx,
        tree.admin,
        createPowerItemInput.parse({
          agencyId: tree.city,
          code,
          name: `事项${code}`,
          kind: "penalty",
          field: "水利",
          basisArticleIds: basis,
        }),
      );
    const citing = await item("A-1", [articleId]);
    await item("A-2", [second!.id]);
    const bench = await createBenchmark(
      ctx,
      tree.admin,
      createBenchmarkInput.parse({
        agencyId: tree.city,
        code: "B-1",
        violationName: "测试违法行为",
        penaltyArticleIds: [articleId],
        tiers: [{ level: "ordinary", conditions: "一般情形", ranges: [{ minFen: 100, maxFen: 200 }] }],
      }),
    );
    const versionsBefore = await count("SELECT count(*)::int AS n FROM power_item_versions");
    const change = await addArticleVersion(ctx, tree.admin, lawId, {
      number: "第一条",
      text: "第一条修改后。",
    });
    assert.equal(change.article.version, 2);
    assert.equal(change.flagged, 2);
    const flags = await ctx.database.query<{ target_id: string }>(
      "SELECT target_id FROM review_flags WHERE cleared_at IS NULL ORDER BY target_kind",
    );
    assert.deepEqual(flags.map((f) => f.target_id).sort(), [bench.id, citing.id].sort());
    assert.equal(await count("SELECT count(*)::int AS n FROM power_item_versions"), versionsBefore);
  });

  for (const [table, statement] of [
    ["law_articles", "UPDATE law_articles SET text = 'tampered'"],
    ["law_articles", "DELETE FROM law_articles"],
    ["power_item_versions", "DELETE FROM power_item_versions"],
    ["benchmark_versions", "TRUNCATE benchmark_versions"],
  ] as const) {
    test(`${table}: "${statement.split(" ")[0]}" is refused (legal records are append-only)`, async () => {
      await assert.rejects(ctx.database.query(statement), /append-only/);
    });
  }

  test("an import by someone without law.manage is refused and writes nothing", async () => {
    const before = await count("SELECT count(*)::int AS n FROM law_articles");
    const file = parseLawImportFile({
      laws: [
        {
          title: "另一条例",
          level: "local_regulation",
          issuingBody: "测试市人大常委会",
          articles: [{ number: "第一条", text: "x" }],
        },
        {
          title: "测试条例",
          level: "normative_document",
          issuingBody: "测试",
          articles: [{ number: "第三条", text: "新增" }],
        },
      ],
    });
    const actorWithout = { ...tree.admin, memberships: [] };
    await assert.rejects(importLaws(ctx, actorWithout, file), /权限/);
    assert.equal(await count("SELECT count(*)::int AS n FROM law_articles"), before);
  });
});
