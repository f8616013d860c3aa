import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { newId } from "../../src/core/ids.ts";
import { publicDecisions } from "../../src/modules/publicity/schema.ts";
import { walkNewestFirst } from "../../src/modules/publicity/search-plan.ts";
import {
  countedPagesAhead,
  searchPublicDecisions,
} from "../../src/modules/publicity/search-public-decisions.ts";
import { tokenFrequencies } from "../../src/modules/publicity/token-stats.ts";
import { queryTokenGroups, queryTokens, searchTokens } from "../../src/modules/publicity/tokens.ts";
import { type TestContext, testContext, testEngine } from "../support/index.ts";

type Row = { id: string; decidedOn: string; tokens: string[] };

/**
 * Whatever plan a search takes (token index, or the date index walked newest first with the
 * tokens tested on each row), it returns exactly what a brute-force filter of every decision
 * returns: the same page in the same order, and the same (capped) count. C13.
 */
describe(`public decision search plans (C13) on ${testEngine()}`, () => {
  let ctx: TestContext;
  const rows: Row[] = [];
  const agencyId = newId();
  before(async () => {
    ctx = await testContext({ calendar: false });
    await ctx.database.query(
      `INSERT INTO agencies (id, path, kind, name, short_name, seal_name) VALUES ($1, $2, 'city_bureau', '示范市综合行政执法局', '示范', '示范市综合行政执法局')`,
      [agencyId, `/${agencyId}/`],
    );
    const parties = ["宏达建筑工程有限公司", "恒通商贸有限公司", "张某某", "李某", "东方广告传媒有限公司"];
    const violations = [
      "占用城市道路设摊经营",
      "占用城市道路设摊经营",
      "夜间施工噪声扰民",
      "擅自设置户外广告",
    ];
    const values = [];
    for (let i = 0; i < 3000; i++) {
      const party = parties[(i * 7) % parties.length]!;
      const violation = violations[(i * 3) % violations.length]!;
      const decidedOn = new Date(Date.UTC(2023, 0, 1 + ((i * 37) % 900))).toISOString().slice(0, 10);
      const id = newId();
      const tokens = searchTokens(`${party}\n${violation}\n市容环境卫生`);
      rows.push({ id, decidedOn, tokens });
      values.push({
        id,
        agencyId,
        caseId: newId(),
        decisionEventId: newId(),
        caseNumber: `示范综执罚〔2026〕${i + 1}号`,
        title: "行政处罚决定书",
        agencyName: "示范市综合行政执法局",
        partyDisplay: party,
        creditCode: "",
        field: "市容环境卫生",
        violation,
        penalty: "警告",
        body: "（正文略）",
        decidedOn,
        tokens,
        publishedBy: agencyId,
        publishedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        ledgerEntryId: 0,
      });
    }
    for (let i = 0; i < values.length; i += 500)
      await ctx.db.insert(publicDecisions).values(values.slice(i, i + 500));
    await ctx.db.execute(sql`ANALYZE public_decisions`);
  });
  after(async () => {
    await ctx?.close();
  });

  const expected = (q: string, page: number, pageSize: number) => {
    const need = queryTokens(q);
    const all = rows
      .filter((r) => need.every((t) => r.tokens.includes(t)))
      .sort((a, b) =>
        a.decidedOn === b.decidedOn ? (a.id < b.id ? 1 : -1) : a.decidedOn < b.decidedOn ? 1 : -1,
      );
    const window = (page + countedPagesAhead) * pageSize;
    return {
      ids: all.slice((page - 1) * pageSize, page * pageSize).map((r) => r.id),
      total: Math.min(all.length, window),
      capped: all.length > window,
    };
  };

  test("every plan returns what a full scan returns (page, order, capped count)", async () => {
    const stats = await tokenFrequencies(ctx);
    const walked: string[] = [];
    for (const q of [
      "占用城市道路",
      "宏达建筑",
      "张某某",
      "广告",
      "恒通 设摊",
      "建筑工程 噪声",
      "无此单位",
      "某",
    ]) {
      if (walkNewestFirst(queryTokenGroups(q), stats, (1 + countedPagesAhead) * 20)) walked.push(q);
      for (const [page, pageSize] of [
        [1, 20],
        [3, 20],
        [2, 7],
      ] as const) {
        const got = await searchPublicDecisions(ctx, { q, page, pageSize, order: "desc" });
        const want = expected(q, page, pageSize);
        assert.deepEqual(
          got.items.map((i) => i.id),
          want.ids,
          `${q} page ${page}`,
        );
        assert.equal(got.total, want.total, `${q} total`);
        assert.equal(got.capped, want.capped, `${q} capped`);
      }
    }
    // The statistics were read (ANALYZE) and the common phrases took the walk.
    assert.ok(stats.common.size > 0);
    assert.ok(walked.includes("占用城市道路"), `walked: ${walked.join(", ")}`);
  });
});
