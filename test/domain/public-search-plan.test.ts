import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  indexTokens,
  matchDensity,
  type TokenFrequencies,
  walkNewestFirst,
} from "../../src/modules/publicity/search-plan.ts";
import { queryTokenGroups, queryTokens } from "../../src/modules/publicity/tokens.ts";

const stats: TokenFrequencies = {
  common: new Map([
    ["建筑", 0.25],
    ["筑工", 0.16],
    ["工程", 0.16],
    ["有限", 0.5],
    ["公司", 0.7],
    ["张某", 0.005],
    ["某某", 0.2],
  ]),
  rarerThan: 0.004,
  rows: 1_000_000,
};

describe("public search plan (C13)", () => {
  test("a query's tokens are grouped by word; a word of two or more characters needs only its bigrams", () => {
    assert.deepEqual(queryTokenGroups("宏达建筑 abc 张"), [["宏达", "达建", "建筑"], ["张"], ["abc"]]);
    assert.deepEqual(queryTokenGroups("某某某"), [["某某"]]);
    assert.deepEqual(queryTokens("建筑 建筑工程"), ["工程", "建筑", "筑工"]);
    assert.deepEqual(queryTokenGroups(" , "), []);
  });

  test("a word is as frequent as its rarest bigram; separate words multiply", () => {
    assert.equal(matchDensity([["建筑", "筑工", "工程"]], stats), 0.16);
    assert.equal(matchDensity([["张某", "某某"]], stats), 0.005);
    assert.equal(matchDensity([["宏达"]], stats), 0.004);
    assert.ok(Math.abs(matchDensity([["建筑"], ["某某"]], stats) - 0.05) < 1e-12);
  });

  test("a common phrase walks the date index; a rare one uses the token index; no statistics: the index", () => {
    assert.equal(walkNewestFirst([["建筑", "筑工", "工程"]], stats, 120), true);
    assert.equal(walkNewestFirst([["宏达", "达建", "建筑"]], stats, 120), false);
    assert.equal(walkNewestFirst([["张某", "某某"]], stats, 120), false);
    assert.equal(
      walkNewestFirst([["建筑"]], { common: new Map(), rarerThan: 0, rows: 1_000_000 }, 120),
      false,
    );
    assert.equal(walkNewestFirst([], stats, 120), false);
  });

  test("the index looks up a word's uncommon bigrams (or its rarest); common ones are tested on the rows found", () => {
    const r = indexTokens(queryTokenGroups("宏达建筑工程有限公司"), stats);
    assert.deepEqual(r.indexed, ["宏达", "达建", "程有", "限公"]);
    assert.ok(r.tested.includes("公司") && r.tested.includes("建筑") && !r.tested.includes("宏达"));
    assert.deepEqual(indexTokens(queryTokenGroups("建筑工程"), stats).indexed, ["筑工"]);
    assert.deepEqual(indexTokens([["建筑", "工程"]], { common: new Map(), rarerThan: 0, rows: 0 }), {
      indexed: ["建筑", "工程"],
      tested: [],
    });
  });
});
