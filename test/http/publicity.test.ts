import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { addWorkingDays } from "../../src/modules/calendar/working-days.ts";
import { canonicalJson } from "../../src/modules/ledger/canonical-json.ts";
import { leafBytes } from "../../src/modules/ledger/entry.ts";
import { checkpointNow, integrateAll } from "../../src/modules/ledger/integrate.ts";
import { leafHash, verifyInclusion } from "../../src/modules/ledger/merkle.ts";
import { caseClient } from "../support/cases.ts";
import {
  assertError,
  packageCalendar,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Detail = {
  id: string;
  agencyId: string;
  caseNumber: string;
  title: string;
  agencyName: string;
  partyDisplay: string;
  creditCode: string;
  field: string;
  violation: string;
  penalty: string;
  body: string;
  decidedOn: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  ledger: {
    agencyId: string;
    seq: number;
    at: string;
    actorId: string | null;
    caseId: string | null;
    type: string;
    treeSize: number;
    proof: string[];
    checkpoint: { rootHash: string; treeSize: number };
  } | null;
};

/** What a reader's browser does: rebuild the entry from the record shown and check the proof. */
function verifies(d: Detail): boolean {
  if (!d.ledger) return false;
  const payload = {
    publicationId: d.id,
    caseNumber: d.caseNumber,
    title: d.title,
    agencyName: d.agencyName,
    partyDisplay: d.partyDisplay,
    creditCode: d.creditCode,
    field: d.field,
    violation: d.violation,
    penalty: d.penalty,
    body: d.body,
    decidedOn: d.decidedOn,
  };
  const leaf = leafHash(
    leafBytes({
      agencyId: d.ledger.agencyId,
      seq: d.ledger.seq,
      at: d.ledger.at,
      actorId: d.ledger.actorId,
      caseId: d.ledger.caseId,
      eventType: d.ledger.type,
      payload: canonicalJson(payload),
    }),
  );
  return verifyInclusion(
    d.ledger.seq,
    d.ledger.treeSize,
    leaf,
    d.ledger.proof.map((p) => Buffer.from(p, "base64")),
    Buffer.from(d.ledger.checkpoint.rootHash, "base64"),
  );
}

describe(`publication of decisions (C13, G3, G4, G6) (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let c: ReturnType<typeof caseClient>;
  const party = {
    type: "individual",
    name: "欧阳明辉",
    idNumber: "330702198807154321",
    phone: "13857901234",
    address: "示范市东湖区解放路 88 号 3 幢 502 室",
  };

  before(async () => {
    t = await testApp();
    for (const u of ["dh.hb.lead", "dh.hb.01", "dh.leader", "dh.legal", "xs.leader"]) s[u] = await t.login(u);
    c = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  });
  after(async () => t?.close());

  async function decidedCase(over: Record<string, unknown> = {}, decideOn = -66) {
    const x = await c.lead({ party, summary: `${party.name}在解放路人行道占道经营`, ...over });
    await c.ok(x.id, "file", c.day(-80), {}, s["dh.hb.lead"]);
    await c.ok(x.id, "start_investigation", c.day(-79));
    await c.ok(x.id, "record_inspection", c.day(-78), {
      record: `现场检查：${party.name}（电话 ${party.phone}）在人行道摆摊约 3 平方米`,
    });
    await c.ok(x.id, "record_interview", c.day(-77), {
      record: "证人称其每日摆摊",
      interviewee: "证人孙丽华",
    });
    await c.ok(x.id, "finish_investigation", c.day(-70), { report: "事实清楚" });
    await c.ok(x.id, "notify", c.day(-69), {
      penalty: { fineFen: 50_000 },
      facts: `${party.name}在解放路占道经营`,
      legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
    });
    await c.ok(x.id, "waive_statement", c.day(-68), { note: "放弃" });
    await c.ok(
      x.id,
      "decide",
      c.day(decideOn),
      { outcome: "penalty", penalty: { fineFen: 50_000 }, reasons: "依基准属一般情节" },
      s["dh.hb.lead"],
    );
    return x;
  }

  const secrets = [party.name, party.idNumber, party.phone, party.address, "孙丽华"];
  const assertNoSecrets = (text: string, what: string) => {
    for (const x of secrets) assert.ok(!text.includes(x), `${what} leaks ${x}`);
  };

  test("G3/G6: a published decision carries masked text only, in JSON, CSV, Excel and the Atom feed", async () => {
    const x = await decidedCase();
    // G3: the decision waits on the compliance list with its due date.
    const before = await t.call({ url: "/api/v1/publication-compliance", as: s["dh.leader"] });
    assert.equal(before.statusCode, 200, before.body);
    const waiting = (before.json() as { caseId: string; dueOn: string; ruleId: string }[]).find(
      (r) => r.caseId === x.id,
    );
    assert.ok(waiting?.dueOn && waiting.ruleId === "G3");
    assertError(
      await t.call({ method: "POST", url: `/api/v1/cases/${x.id}/publication`, as: s["dh.hb.01"] }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    const pub = await t.call({ method: "POST", url: `/api/v1/cases/${x.id}/publication`, as: s["dh.legal"] });
    assert.equal(pub.statusCode, 201, pub.body);
    const id = (pub.json() as { publicationId: string }).publicationId;
    assertError(
      await t.call({ method: "POST", url: `/api/v1/cases/${x.id}/publication`, as: s["dh.legal"] }),
      409,
      "DUPLICATE",
    );
    const after = (await t.call({ url: "/api/v1/publication-compliance", as: s["dh.leader"] })).json() as {
      caseId: string;
    }[];
    assert.ok(!after.some((r) => r.caseId === x.id));

    const list = await t.call({ url: "/api/v1/public/decisions?q=欧阳" });
    assert.equal(list.statusCode, 200, list.body);
    assertNoSecrets(list.body, "list");
    const detail = await t.call({ url: `/api/v1/public/decisions/${id}` });
    assert.equal(detail.statusCode, 200, detail.body);
    assertNoSecrets(detail.body, "detail");
    const d = detail.json() as Detail;
    assert.equal(d.partyDisplay, "欧阳某某");
    assert.ok(d.body.includes("欧阳某某"));
    assert.ok(d.body.includes("罚款"));
    for (const url of [
      "/api/v1/public/decisions/export.csv",
      "/api/v1/public/decisions/feed.atom",
      "/api/v1/public/decisions/export.xlsx",
    ]) {
      const res = await t.call({ url });
      assert.equal(res.statusCode, 200, url);
      let text = res.body;
      if (url.endsWith(".xlsx")) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
        text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
      }
      assert.ok(text.includes(x.id) || text.includes("欧阳某某"), url);
      assertNoSecrets(text, url);
    }
  });

  test("G3: the publication deadline is counted in working days across the Labour Day holiday (D1, D4)", async () => {
    // 2026-04-28 (Tuesday) + 7 working days: 4/29, 4/30, then the 5/1–5/5 holiday, 5/6, 5/7, 5/8,
    // 5/9 (a make-up working Saturday), 5/11.
    assert.equal(c.day(-48), "2026-04-28");
    const x = await decidedCase({ party: { ...party, idNumber: "330702198807152222" } }, -48);
    const rows = (await t.call({ url: "/api/v1/publication-compliance", as: s["dh.leader"] })).json() as {
      caseId: string;
      dueOn: string;
      light: string;
    }[];
    const row = rows.find((r) => r.caseId === x.id)!;
    assert.equal(row.dueOn, addWorkingDays(packageCalendar(), "2026-04-28", 7));
    assert.ok(row.dueOn > "2026-05-07", row.dueOn);
    assert.equal(row.light, "red", "overdue on the test date (2026-06-15)");
  });

  test("G3: an on-the-spot ticket (C07) is published like any penalty decision", async () => {
    const list = await t.call({ url: "/api/v1/cases?procedure=simple&pageSize=50", as: s["xs.leader"] });
    const ticket = (list.json() as { items: { id: string; partyName: string }[] }).items.find(
      (x) => x.partyName === "周海涛",
    )!;
    const pub = await t.call({
      method: "POST",
      url: `/api/v1/cases/${ticket.id}/publication`,
      as: s["xs.leader"],
    });
    assert.equal(pub.statusCode, 201, pub.body);
    const body = (pub.json() as { body: string }).body;
    assert.ok(body.includes("周某某") && !body.includes("周海涛"), body);
  });

  test("C13: search by words of the violation and organisation name, field and date; pagination", async () => {
    const org = await decidedCase({
      party: {
        type: "organisation",
        name: "东湖宏达建筑工程有限公司",
        creditCode: "91330702MA2D4K7L3X",
        legalRepresentative: "吴宏达",
        address: "东湖区建设路 1 号",
      },
      summary: "宏达公司工地围挡外堆放建筑材料",
    });
    const pub = await t.call({
      method: "POST",
      url: `/api/v1/cases/${org.id}/publication`,
      as: s["dh.legal"],
    });
    assert.equal(pub.statusCode, 201, pub.body);
    const found = (q: string) =>
      t
        .call({ url: `/api/v1/public/decisions?q=${encodeURIComponent(q)}&pageSize=5` })
        .then((r) => r.json() as { items: { caseNumber: string; creditCode: string }[]; total: number });
    const byName = await found("宏达建筑");
    assert.equal(byName.total, 1);
    assert.equal(byName.items[0]!.creditCode, "91330702MA2D4K7L3X");
    assert.equal((await found("堆放建筑材料")).total, 1);
    assert.equal((await found("不存在的公司")).total, 0);
    const dated = await t.call({
      url: `/api/v1/public/decisions?from=${c.day(-66)}&to=${c.day(-66)}&field=市容环境卫生`,
    });
    assert.ok((dated.json() as { total: number }).total >= 1);
    assertError(await t.call({ url: "/api/v1/public/decisions?from=yesterday" }), 400, "VALIDATION_FAILED");
  });

  test("C7/C13: the published decision verifies against the signed checkpoint; a changed stored text does not", async () => {
    const x = await decidedCase({ party: { ...party, idNumber: "330702198807150000" } });
    const pub = await t.call({ method: "POST", url: `/api/v1/cases/${x.id}/publication`, as: s["dh.legal"] });
    const id = (pub.json() as { publicationId: string }).publicationId;
    assert.equal(((await t.call({ url: `/api/v1/public/decisions/${id}` })).json() as Detail).ledger, null);
    await integrateAll(t.ctx);
    await checkpointNow(t.ctx);
    const d = (await t.call({ url: `/api/v1/public/decisions/${id}` })).json() as Detail;
    assert.ok(d.ledger, "a proof once integrated and checkpointed");
    assert.equal(verifies(d), true);
    // Someone with database access changes the stored text (the trigger must be switched off first).
    await t.ctx.db.execute(sql`ALTER TABLE public_decisions DISABLE TRIGGER public_decisions_append_only`);
    await t.ctx.db.execute(sql`UPDATE public_decisions SET penalty = '警告' WHERE id = ${id}`);
    await t.ctx.db.execute(sql`ALTER TABLE public_decisions ENABLE TRIGGER public_decisions_append_only`);
    const changed = (await t.call({ url: `/api/v1/public/decisions/${id}` })).json() as Detail;
    assert.equal(changed.penalty, "警告");
    assert.equal(verifies(changed), false);
  });

  test("G4: a withdrawal shows its reason instead of the text; both stay in the ledger; append-only", async () => {
    const x = await decidedCase({ party: { ...party, idNumber: "330702198807151111" } });
    const pub = await t.call({ method: "POST", url: `/api/v1/cases/${x.id}/publication`, as: s["dh.legal"] });
    const id = (pub.json() as { publicationId: string }).publicationId;
    const number = (pub.json() as { caseNumber: string }).caseNumber;
    // The public list (served from the search cache) shows the withdrawal at once.
    const listed = async () =>
      (
        (await t.call({ url: `/api/v1/public/decisions?q=${encodeURIComponent(number)}` })).json() as {
          items: Detail[];
        }
      ).items.find((i) => i.id === id);
    assert.equal((await listed())?.withdrawnAt, null);
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/public-decisions/${id}/withdrawal`,
        as: s["xs.leader"],
        payload: { reason: "x" },
      }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/public-decisions/${id}/withdrawal`,
        as: s["dh.legal"],
        payload: {},
      }),
      400,
      "VALIDATION_FAILED",
    );
    const w = await t.call({
      method: "POST",
      url: `/api/v1/public-decisions/${id}/withdrawal`,
      as: s["dh.legal"],
      payload: { reason: "该决定经行政复议被撤销" },
    });
    assert.equal(w.statusCode, 200, w.body);
    const d = (await t.call({ url: `/api/v1/public/decisions/${id}` })).json() as Detail;
    assert.equal(d.withdrawalReason, "该决定经行政复议被撤销");
    assert.equal(d.body, "");
    assert.equal((await listed())?.withdrawalReason, "该决定经行政复议被撤销");
    await assert.rejects(t.ctx.db.execute(sql`DELETE FROM public_withdrawals WHERE decision_id = ${id}`));
    const types = await t.ctx.db.execute<{ event_type: string }>(
      sql`SELECT event_type FROM ledger_entries WHERE case_id = ${x.id} AND event_type LIKE 'publicity.%' ORDER BY id`,
    );
    assert.deepEqual(
      (types as unknown as { rows: { event_type: string }[] }).rows.map((r) => r.event_type),
      ["publicity.published", "publicity.withdrawn"],
    );
  });
});
