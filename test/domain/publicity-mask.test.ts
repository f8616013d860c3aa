import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { maskName, maskText } from "../../src/modules/publicity/mask.ts";
import { queryTokens, searchTokens } from "../../src/modules/publicity/tokens.ts";

/** A small deterministic generator of realistic personal data (seeded, no randomness across runs). */
function people(seed: number, n: number) {
  const surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "欧阳", "司马"];
  const given = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛"];
  const roads = ["解放路", "人民路", "中山路", "建设路", "文化路", "新华街"];
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
  const digits = (k: number) => Array.from({ length: k }, () => String(next() % 10)).join("");
  return Array.from({ length: n }, () => {
    const name =
      surnames[next() % surnames.length]! +
      given[next() % given.length]! +
      (next() % 2 ? given[next() % given.length]! : "");
    const checksum = "0123456789X"[next() % 11]!;
    return {
      name,
      idNumber: `3307${digits(2)}19${digits(2)}0${(next() % 9) + 1}1${next() % 9}${digits(3)}${checksum}`,
      phone: `1${[3, 5, 7, 8, 9][next() % 5]}${digits(9)}`,
      address: `示范市东湖区${roads[next() % roads.length]}${(next() % 200) + 1}号${(next() % 20) + 1}幢${(next() % 6) + 1}0${(next() % 4) + 1}室`,
    };
  });
}

describe("G6: masking personal information in published text", () => {
  test("names become 张某某 / 张某; compound surnames stay whole", () => {
    assert.equal(maskName("张三丰"), "张某某");
    assert.equal(maskName("王五"), "王某");
    assert.equal(maskName("欧阳修"), "欧阳某");
    assert.equal(maskName("司马相如"), "司马某某");
  });

  test("generated names, 18-digit ID numbers, mobiles and addresses inside free text leak nowhere", () => {
    const ps = people(20261122, 200);
    for (const [i, p] of ps.entries()) {
      const other = ps[(i + 1) % ps.length]!;
      const text = `当事人${p.name}（身份证号码${p.idNumber}，联系电话${p.phone}，住${p.address}）于2026年5月6日在东湖区湖滨路占道经营。证人${other.name}证实：${p.name}每日在此摆摊。当事人另留电话 ${p.phone.slice(0, 3)}-${p.phone.slice(3)}；统一社会信用代码91330702MA2D4K7L3X的东湖市场公司予以配合。`;
      const masked = maskText(text, [p, { name: other.name }]);
      for (const secret of [p.name, p.idNumber, p.phone, p.address, other.name])
        assert.ok(!masked.includes(secret), `${secret} leaked in: ${masked}`);
      assert.ok(!/\d{17}[\dXx]/.test(masked), masked);
      assert.ok(!/1[3-9]\d{9}/.test(masked), masked);
      // Organisations and their credit codes stay visible (G6).
      assert.ok(masked.includes("91330702MA2D4K7L3X"));
      assert.ok(masked.includes("东湖市场公司"));
    }
  });

  test("an ID number or mobile of someone unknown is masked by its shape", () => {
    const masked = maskText("举报人身份证 330702199001011234，手机 13912345678，座机 0579-82345678", []);
    assert.ok(!masked.includes("330702199001011234"));
    assert.ok(!masked.includes("13912345678"));
    assert.ok(!masked.includes("82345678"));
  });
});

describe("search tokens (C13): Chinese bigrams that work on both engines", () => {
  test("a query's tokens are contained in the tokens of a text containing it", () => {
    const t = new Set(searchTokens("西山县宏达建筑工程有限公司 围挡外堆放建筑材料 ABC-123"));
    for (const q of ["宏达建筑", "堆放", "建", "abc", "宏达 围挡"])
      assert.ok(
        queryTokens(q).every((x) => t.has(x)),
        q,
      );
    assert.equal(
      queryTokens("东湖").every((x) => t.has(x)),
      false,
    );
  });
});
