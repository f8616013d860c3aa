import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Page<T> = { items: T[]; total: number };
type Law = { id: string; title: string; version: number };
type Article = { id: string; number: string; version: number; text: string; earlier: { id: string }[] };
type Flag = { id: string; targetKind: string; targetLabel: string; targetId: string; articleNumber: string };

const localTitle = "示范市市容和环境卫生管理条例";

describe(`laws library and law-change flags over HTTP on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const get = async <T>(as: string, url: string): Promise<T> => {
    const res = await t.call({ as: s[as], url });
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };
  const lawByTitle = async (title: string) => {
    const p = await get<Page<Law>>("admin", `/api/v1/laws?q=${encodeURIComponent(title)}`);
    return get<Law & { articles: Article[] }>(
      "admin",
      `/api/v1/laws/${p.items.find((l) => l.title === title)!.id}`,
    );
  };
  const openFlags = async (as = "admin") =>
    (await get<Page<Flag>>(as, "/api/v1/powers/needs-review?pageSize=200")).items;

  before(async () => {
    t = await testApp();
    for (const u of ["admin", "city.legal", "dh.legal", "xs.admin", "dh.hb.01", "supervisor"])
      s[u] = await t.login(u);
  });
  after(async () => t?.close());

  test("every staff member reads the laws library; the demo has the 行政处罚法 articles", async () => {
    const laws = await get<Page<Law>>("dh.hb.01", "/api/v1/laws?level=law");
    assert.deepEqual(
      laws.items.map((l) => l.title),
      ["中华人民共和国行政处罚法"],
    );
    const law = await get<{ articles: Article[] }>("dh.hb.01", `/api/v1/laws/${laws.items[0]!.id}`);
    for (const n of ["第二十九条", "第三十二条", "第三十三条", "第五十一条"]) {
      assert.ok(
        law.articles.some((a) => a.number === n),
        n,
      );
    }
    assert.deepEqual(
      law.articles.map((a) => a.number).slice(0, 2),
      ["第九条", "第二十九条"],
      "in article order",
    );
    assertError(await t.call({ as: s.supervisor, url: "/api/v1/laws" }), 403, "FORBIDDEN");
    assertError(
      await t.call({
        as: s["dh.hb.01"],
        method: "POST",
        url: `/api/v1/laws/${laws.items[0]!.id}/articles`,
        payload: { number: "第一条", text: "x" },
      }),
      403,
      "FORBIDDEN",
    );
  });

  test("a new version of a cited article flags exactly the items, violations and benchmarks citing it (C03)", async () => {
    // A county item citing the same article, and one citing another article of the law.
    const law = await lawByTitle(localTitle);
    const art48 = law.articles.find((a) => a.number === "第四十八条")!;
    const art18 = law.articles.find((a) => a.number === "第十八条")!;
    const mk = async (code: string, basis: string[]) => {
      const res = await t.call({
        as: s["dh.legal"],
        method: "POST",
        url: "/api/v1/powers",
        payload: {
          agencyId: t.agency.donghu,
          code,
          name: `东湖 ${code}`,
          kind: "penalty",
          field: "市容环境卫生",
          basisArticleIds: basis,
        },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { id: string };
    };
    const citing = await mk("DH-48", [art48.id]);
    await mk("DH-18", [art18.id]);
    assert.deepEqual(await openFlags(), []);
    const countsBefore = await businessRowCounts(t.ctx.database);

    const res = await t.call({
      as: s["city.legal"],
      method: "POST",
      url: `/api/v1/laws/${law.id}/articles`,
      payload: {
        number: "第四十八条",
        text: `${art48.text}（2026 年修正：罚款幅度调整。）`,
        effectiveOn: "2026-12-01",
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json() as { article: { version: number }; flagged: number };
    assert.equal(body.article.version, 2);
    assert.equal(body.flagged, 4);

    const flags = await openFlags();
    assert.deepEqual(flags.map((f) => f.targetLabel.split(" ")[0]).sort(), [
      "BZ-003",
      "CG-CF-003",
      "DH-48",
      "WF-003",
    ]);
    assert.ok(flags.every((f) => f.articleNumber === "第四十八条"));
    // The items themselves are untouched (a flag row, not an edit).
    const counts = await businessRowCounts(t.ctx.database);
    assert.equal(counts.power_item_versions, countsBefore.power_item_versions);
    assert.equal(counts.law_articles, countsBefore.law_articles! + 1);
    // The old version is kept and shown under the current one.
    const after = await lawByTitle(localTitle);
    const a48 = after.articles.find((a) => a.number === "第四十八条")!;
    assert.equal(a48.version, 2);
    assert.deepEqual(
      a48.earlier.map((e) => e.id),
      [art48.id],
    );

    // Scope: 西山 sees only the city's flags (inherited), not 东湖's.
    const xs = await openFlags("xs.admin");
    assert.deepEqual(xs.map((f) => f.targetLabel.split(" ")[0]).sort(), ["BZ-003", "CG-CF-003", "WF-003"]);
    // The same text again is not a new version.
    const same = await t.call({
      as: s["city.legal"],
      method: "POST",
      url: `/api/v1/laws/${law.id}/articles`,
      payload: { number: "第四十八条", text: a48.text },
    });
    assert.equal((same.json() as { created: boolean }).created, false);

    // Review: only the owning agency clears its flag.
    const dhFlag = flags.find((f) => f.targetId === citing.id)!;
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: `/api/v1/review-flags/${dhFlag.id}/clear`,
        payload: { note: "已核对" },
      }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    const cleared = await t.call({
      as: s["dh.legal"],
      method: "POST",
      url: `/api/v1/review-flags/${dhFlag.id}/clear`,
      payload: { note: "已核对新条文，无需修改" },
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assertError(
      await t.call({
        as: s["dh.legal"],
        method: "POST",
        url: `/api/v1/review-flags/${dhFlag.id}/clear`,
        payload: { note: "再次复核" },
      }),
      409,
      "CONFLICT",
    );
    assert.deepEqual((await openFlags()).map((f) => f.targetLabel.split(" ")[0]).sort(), [
      "BZ-003",
      "CG-CF-003",
      "WF-003",
    ]);
  });

  test("import from a structured file: new laws, new article versions flag citers, re-import changes nothing", async () => {
    const file = {
      laws: [
        {
          title: "示范市城市绿化管理办法",
          level: "local_government_rule",
          issuingBody: "示范市人民政府",
          documentNumber: "示范市人民政府令第8号",
          effectiveOn: "2022-03-01",
          articles: [
            { number: "第十条", text: "任何单位和个人不得擅自砍伐、移植城市树木。" },
            { number: "第二十条之一", text: "违反第十条规定的，责令停止侵害，可以并处罚款。" },
          ],
        },
        {
          title: "中华人民共和国行政处罚法",
          level: "law",
          issuingBody: "全国人民代表大会常务委员会",
          documentNumber: "中华人民共和国主席令第七十号",
          promulgatedOn: "2021-01-22",
          effectiveOn: "2021-07-15",
          articles: [
            {
              number: "第三十四条",
              text: "行政机关可以依法制定行政处罚裁量基准，规范行使行政处罚裁量权。行政处罚裁量基准应当向社会公布。",
            },
          ],
        },
      ],
    };
    const res = await t.call({
      as: s["city.legal"],
      method: "POST",
      url: "/api/v1/laws/import",
      payload: file,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      laws: 2,
      lawsCreated: 1,
      articlesCreated: 2,
      articleVersions: 0,
      unchanged: 1,
      flagged: 0,
    });
    const again = await t.call({
      as: s["city.legal"],
      method: "POST",
      url: "/api/v1/laws/import",
      payload: file,
    });
    assert.deepEqual(again.json(), {
      laws: 2,
      lawsCreated: 0,
      articlesCreated: 0,
      articleVersions: 0,
      unchanged: 3,
      flagged: 0,
    });
    const rule = await lawByTitle("示范市城市绿化管理办法");
    assert.deepEqual(
      rule.articles.map((a) => a.number),
      ["第十条", "第二十条之一"],
    );

    const before = await businessRowCounts(t.ctx.database);
    const bad = structuredClone(file);
    bad.laws[0]!.articles[1]!.number = "第二十条之";
    bad.laws[1]!.articles[0]!.text = "改动不应被导入";
    const refused = await t.call({
      as: s["city.legal"],
      method: "POST",
      url: "/api/v1/laws/import",
      payload: bad,
    });
    assertError(refused, 400, "LAW_IMPORT_INVALID");
    assert.match(
      (refused.json() as { error: { message: string } }).error.message,
      /laws\.0\.articles\.1\.number/,
    );
    assertError(
      await t.call({
        as: s["city.legal"],
        method: "POST",
        url: "/api/v1/laws/import",
        payload: { laws: [] },
      }),
      400,
      "LAW_IMPORT_INVALID",
    );
    assertError(
      await t.call({
        as: s["city.legal"],
        method: "POST",
        url: "/api/v1/laws",
        payload: { ...file.laws[0], articles: [] },
      }),
      409,
      "DUPLICATE",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });
});
