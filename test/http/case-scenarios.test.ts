import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { caseClient } from "../support/cases.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

/**
 * Whole cases over HTTP (issue 5, "Done when"): three-step enforcement corrected in time and not
 * corrected (C08), a first-violation no-penalty case (P11), a transfer to judicial organs (P15),
 * service (X3) and execution money with instalments, late fee, reminder and court application
 * (X4–X6, K5, K7), the item inventory (C14, X7) and the deadline lists.
 */
describe(`whole cases over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let c: ReturnType<typeof caseClient>;
  const powerId: Record<string, string> = {};

  before(async () => {
    t = await testApp();
    for (const u of ["dh.hb.lead", "dh.hb.01", "dh.legal", "dh.hb.02", "xs.cg.lead"]) s[u] = await t.login(u);
    c = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
    const res = await t.call({ url: "/api/v1/powers?pageSize=100", as: s["dh.legal"] });
    assert.equal(res.statusCode, 200, res.body);
    for (const p of (res.json() as { items: { id: string; code: string }[] }).items) powerId[p.code] = p.id;
    assert.ok(powerId["CG-CF-001"] && powerId["CG-CF-005"]);
  });
  after(async () => t?.close());

  const approver = () => s["dh.hb.lead"]!;
  const changeList = (list: string, code: string, action: "add" | "remove", as = s["dh.legal"]!) =>
    t.call({
      method: "POST",
      url: `/api/v1/agencies/${t.agency.donghu}/procedure-lists/${list}`,
      as,
      payload: { powerItemId: powerId[code], action, reason: "局务会研究确定" },
    });

  /** A general case brought to a decision of `decision` (the P10 gate lets small fines through). */
  async function decided(decision: Record<string, unknown>, over: Record<string, unknown> = {}) {
    const x = await c.lead(over);
    await c.ok(x.id, "file", c.day(-80), {}, approver());
    await c.ok(x.id, "start_investigation", c.day(-79));
    await c.ok(x.id, "record_inspection", c.day(-78), { record: "现场检查：店外占道摆放商品约 4 平方米" });
    await c.ok(x.id, "finish_investigation", c.day(-70), { report: "事实清楚，证据确凿" });
    if (decision.outcome === "penalty") {
      await c.ok(x.id, "notify", c.day(-69), {
        penalty: decision.penalty,
        facts: "在湖滨路占道经营",
        legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
      });
      await c.ok(x.id, "waive_statement", c.day(-68), { note: "当事人书面放弃陈述申辩" });
    }
    await c.ok(x.id, "decide", c.day(-66), { reasons: "依法作出决定", ...decision }, approver());
    return x;
  }

  test("procedure lists (C08, P11): only holders of power.manage change them; an item of the agency or above; every change is kept", async () => {
    assertError(await changeList("three_step", "CG-CF-001", "add", s["dh.hb.01"]), 403, [
      "FORBIDDEN",
      "FORBIDDEN_AGENCY",
    ]);
    const added = await changeList("three_step", "CG-CF-001", "add");
    assert.equal(added.statusCode, 200, added.body);
    assert.deepEqual(
      (added.json() as { items: { code: string }[] }).items.map((i) => i.code),
      ["CG-CF-001"],
    );
    // The squad below the bureau follows the bureau's list.
    const squad = await t.call({
      url: `/api/v1/agencies/${t.agency["donghu-1"]}/procedure-lists/three_step`,
      as: s["dh.hb.01"],
    });
    assert.equal(squad.statusCode, 200, squad.body);
    assert.equal((squad.json() as { items: unknown[] }).items.length, 1);
    // Removing is a new row too; the item is off the list in force.
    const removed = await changeList("three_step", "CG-CF-001", "remove");
    assert.equal((removed.json() as { items: unknown[] }).items.length, 0);
    assert.equal((await changeList("three_step", "CG-CF-001", "add")).statusCode, 200);
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/agencies/${t.agency.donghu}/procedure-lists/nonsense`,
        as: s["dh.legal"],
        payload: { powerItemId: powerId["CG-CF-001"], action: "add", reason: "x" },
      }),
      400,
      "VALIDATION_FAILED",
    );
  });

  test("three-step enforcement corrected in time (C08): educate → order → re-inspect → closed without a penalty", async () => {
    (await changeList("three_step", "CG-CF-001", "add")).statusCode;
    const notListed = await c.lead({ procedure: "three_step", powerItemIds: [powerId["CG-CF-005"]] });
    assertError(
      await c.step(notListed.id, "educate", c.day(-10), { record: "教育" }),
      422,
      "NOT_ON_PROCEDURE_LIST",
    );

    const x = await c.lead({ procedure: "three_step", powerItemIds: [powerId["CG-CF-001"]] });
    await c.ok(x.id, "educate", c.day(-10), {
      record: "向当事人宣讲《城市市容和环境卫生管理条例》，当事人表示理解",
    });
    assertError(
      await c.step(x.id, "order_correction", c.day(-9), { requirement: "清理", dueOn: c.day(-9) }),
      400,
      "VALIDATION_FAILED",
    );
    await c.ok(x.id, "order_correction", c.day(-9), {
      requirement: "三日内清理店外堆放物品",
      dueOn: c.day(-6),
    });
    let detail = await c.get(x.id);
    assert.equal(detail.state, "ordered");
    assert.equal(detail.deadlines.find((d) => d.kind === "correction")?.dueOn, c.day(-6));
    // Not yet overdue: "not corrected" is refused until the period has run.
    assertError(
      await c.step(x.id, "reinspect_not_corrected", c.day(-7), { record: "未清理" }),
      422,
      "CORRECTION_PERIOD_RUNNING",
    );
    await c.ok(x.id, "reinspect_corrected", c.day(-6), { record: "复查：店外物品已清理" });
    detail = await c.get(x.id);
    assert.equal(detail.state, "closed");
    assert.equal(detail.number, null, "no case was filed");
    assert.ok(detail.deadlines.every((d) => d.status === "closed"));
    assert.equal((await c.ok(x.id, "archive", c.day(-5), {}, approver())).state, "archived");
  });

  test("three-step enforcement not corrected (C08): the case continues under the general procedure and is filed", async () => {
    await changeList("three_step", "CG-CF-001", "add");
    const x = await c.lead({ procedure: "three_step", powerItemIds: [powerId["CG-CF-001"]] });
    await c.ok(x.id, "educate", c.day(-30), { record: "教育" });
    await c.ok(x.id, "order_correction", c.day(-29), { requirement: "限期清理", dueOn: c.day(-25) });
    const r = await c.ok(x.id, "reinspect_not_corrected", c.day(-20), { record: "逾期仍未清理" });
    assert.equal(r.state, "lead");
    const detail = await c.get(x.id);
    assert.equal(detail.procedure, "general");
    assert.ok(detail.actions.some((a) => a.event === "file"));
    const filed = await c.ok(x.id, "file", c.day(-19), {}, approver());
    assert.match(filed.number ?? "", /罚〔2026〕\d+号$/);
  });

  test("a first-violation no-penalty case (P11): on the list, education recorded; a second violation is refused", async () => {
    const decision = {
      outcome: "no_penalty",
      ground: "first_violation",
      education: "对当事人进行了批评教育，当事人当场改正",
    };
    const party = {
      type: "individual",
      name: "钱某",
      idNumber: "330702199202023456",
      phone: "",
      address: "",
    };
    // Not on the first-violation list yet.
    const early = await decided({ outcome: "no_penalty", ground: "minor_corrected" }, { party }).catch(
      (e) => e,
    );
    assert.ok(early instanceof Error, "education is required in every no-penalty case (P11, art. 33)");
    assert.match(String(early.message), /education/);

    const off = await c.lead({ party, powerItemIds: [powerId["CG-CF-005"]] });
    await c.ok(off.id, "file", c.day(-80), {}, approver());
    await c.ok(off.id, "start_investigation", c.day(-79));
    await c.ok(off.id, "finish_investigation", c.day(-70), { report: "情节轻微" });
    assertError(
      await c.step(off.id, "decide", c.day(-66), { reasons: "首违", ...decision }, approver()),
      422,
      "NOT_ON_PROCEDURE_LIST",
    );

    assert.equal((await changeList("first_violation", "CG-CF-005", "add")).statusCode, 200);
    const first = await decided({ ...decision }, { party, powerItemIds: [powerId["CG-CF-005"]] });
    await c.ok(first.id, "serve", c.day(-65), { method: "on_the_spot", receipt: "当事人签收" });
    await c.ok(first.id, "record_execution", c.day(-64), { paidFen: 0, note: "不予处罚，无需执行" });
    await c.ok(first.id, "close", c.day(-63), { report: "首违不罚，已教育" }, approver());
    assert.equal((await c.get(first.id)).state, "closed");

    const second = await c.lead({ party, powerItemIds: [powerId["CG-CF-005"]] });
    await c.ok(second.id, "file", c.day(-60), {}, approver());
    await c.ok(second.id, "start_investigation", c.day(-59));
    await c.ok(second.id, "finish_investigation", c.day(-50), { report: "再次违法" });
    assertError(
      await c.step(second.id, "decide", c.day(-49), { reasons: "首违", ...decision }, approver()),
      422,
      "NOT_FIRST_VIOLATION",
    );
  });

  test("a transfer to judicial organs (P15): not served on the party, transferred, closed", async () => {
    const x = await decided({ outcome: "transfer" });
    assertError(
      await c.step(x.id, "serve", c.day(-65), { method: "on_the_spot", receipt: "x" }),
      422,
      "SERVICE_METHOD_NOT_ALLOWED",
    );
    await c.ok(x.id, "transfer_out", c.day(-65), { organ: "东湖区公安分局", receipt: "移送回执 2026-01 号" });
    assert.equal(
      (await c.ok(x.id, "close", c.day(-60), { report: "已移送公安机关" }, approver())).state,
      "closed",
    );
  });

  test("service (X3) and money (X4, X5, X6): consent for electronic service; instalments; late fee charged; paid in full", async () => {
    const x = await decided({ outcome: "penalty", penalty: { fineFen: 60_000 } });
    let detail = await c.get(x.id);
    assert.equal(detail.deadlines.find((d) => d.kind === "service")?.status, "open");
    assertError(
      await c.step(x.id, "serve", c.day(-65), { method: "electronic", receipt: "已发送" }),
      422,
      "SERVICE_CONSENT_REQUIRED",
    );
    assertError(
      await c.step(x.id, "serve", c.day(-65), { method: "public_notice", receipt: "公告" }),
      422,
      "SERVICE_METHOD_NOT_ALLOWED",
    );
    await c.ok(x.id, "serve", c.day(-65), {
      method: "electronic",
      receipt: "系统送达记录",
      consent: "当事人签署的送达地址确认书（同意电子送达）",
    });
    detail = await c.get(x.id);
    assert.equal(detail.money?.fineOutstandingFen, 60_000);
    const due = detail.money!.nextDueOn!;
    // K5: no reminder before the time to pay has run.
    assertError(await c.step(x.id, "remind", c.day(-64)), 422, "PAYMENT_NOT_OVERDUE");
    // X6: three instalments of 200 yuan, a month apart.
    await c.ok(
      x.id,
      "approve_instalments",
      c.day(-64),
      { count: 3, firstDueOn: c.day(-60), intervalMonths: 1, reason: "经济困难，经申请批准分期" },
      approver(),
    );
    detail = await c.get(x.id);
    assert.deepEqual(
      detail.money?.schedule.map((i) => i.amountFen),
      [20_000, 20_000, 20_000],
    );
    assert.notEqual(detail.money?.nextDueOn, due);
    await c.ok(x.id, "record_payment", c.day(-60), { paidFen: 20_000, receipt: "银行缴款书 001" });
    // The second instalment is paid 2 days late: 20,000 × 3% × 2 = 1,200 fen.
    const second = detail.money!.schedule[1]!.dueOn;
    const late = new Date(Date.parse(`${second}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    assert.ok(late <= c.today());
    await c.ok(x.id, "record_payment", late, { paidFen: 20_000, receipt: "银行缴款书 002" });
    detail = await c.get(x.id);
    assert.equal(detail.money?.fineOutstandingFen, 20_000);
    assert.ok((detail.money?.lateFeeFen ?? 0) >= 1_200);
    // X5: the last payment must cover the fine and the late fee.
    assertError(
      await c.step(x.id, "record_execution", late, { paidFen: 20_000 }),
      422,
      "PAYMENT_INSUFFICIENT",
    );
    await c.ok(x.id, "record_execution", late, { paidFen: 21_200, note: "含加处罚款 12 元" });
    detail = await c.get(x.id);
    assert.equal(detail.state, "executed");
    assert.equal(detail.money?.totalFen, 0);
    assert.equal(detail.money?.lateFeeFen, 1_200);
  });

  test("reminder (K5) and court enforcement (K7): only after the time to pay, and in the window after the time to sue", async () => {
    const x = await c.lead({ actOn: c.day(-330), discoveredOn: c.day(-320) });
    await c.ok(x.id, "file", c.day(-300), {}, approver());
    await c.ok(x.id, "start_investigation", c.day(-299));
    await c.ok(x.id, "record_inspection", c.day(-298), { record: "现场检查" });
    await c.ok(x.id, "finish_investigation", c.day(-290), { report: "事实清楚" });
    await c.ok(x.id, "notify", c.day(-289), {
      penalty: { fineFen: 50_000 },
      facts: "占道经营",
      legalBasis: "第三十六条",
    });
    await c.ok(x.id, "waive_statement", c.day(-288), { note: "放弃" });
    await c.ok(
      x.id,
      "decide",
      c.day(-287),
      { outcome: "penalty", penalty: { fineFen: 50_000 }, reasons: "x" },
      approver(),
    );
    await c.ok(x.id, "serve", c.day(-286), { method: "on_the_spot", receipt: "签收" });
    await c.ok(x.id, "remind", c.day(-250), { note: "催告缴纳罚款及加处罚款" });
    // The time to sue (6 months after service) has not run yet.
    assertError(
      await c.step(x.id, "apply_court_enforcement", c.day(-200), { court: "东湖区人民法院" }, approver()),
      422,
      "COURT_APPLICATION_OUT_OF_WINDOW",
    );
    const detail = await c.get(x.id);
    const window = detail.deadlines.find((d) => d.kind === "court_application")!;
    assert.equal(window.status, "open");
    const r = await c.ok(
      x.id,
      "apply_court_enforcement",
      c.day(-100),
      { court: "东湖区人民法院" },
      approver(),
    );
    assert.equal(r.state, "enforcement_applied");
    // Late fee capped at the fine (X5): the court collects 1,000 yuan in all.
    assert.equal((await c.get(x.id)).money?.totalFen, 100_000);
    await c.ok(x.id, "record_execution", c.day(-50), { paidFen: 100_000, note: "法院强制执行到位" });
  });

  test("the item inventory (C14): preserved items decided on, confiscated ones auctioned (X7); deadline lists (P3)", async () => {
    const x = await c.lead({
      party: {
        type: "individual",
        name: "孙某",
        idNumber: "330702198803034567",
        phone: "",
        address: "湖滨路 7 号",
      },
    });
    await c.ok(x.id, "file", c.day(-80), {}, approver());
    await c.ok(x.id, "start_investigation", c.day(-79));
    await c.ok(x.id, "preserve_evidence", c.day(-78), {
      items: [
        { name: "三轮车", quantity: 1, unit: "辆" },
        { name: "遮阳伞", quantity: 2, unit: "把" },
      ],
      approval: "先行登记保存审批表 3 号",
    });
    assertError(
      await c.step(x.id, "preserve_evidence", c.day(-78), { items: [], approval: "x" }),
      400,
      "VALIDATION_FAILED",
    );
    await c.ok(
      x.id,
      "decide_preserved",
      c.day(-75),
      { decision: "confiscate", note: "依法没收" },
      approver(),
    );
    await c.ok(x.id, "finish_investigation", c.day(-70), { report: "调查终结" });
    await c.ok(x.id, "notify", c.day(-69), { penalty: { fineFen: 10_000 }, facts: "x", legalBasis: "y" });
    await c.ok(x.id, "waive_statement", c.day(-68), { note: "放弃" });
    await c.ok(
      x.id,
      "decide",
      c.day(-66),
      { outcome: "penalty", penalty: { fineFen: 10_000 }, reasons: "x" },
      approver(),
    );
    assertError(
      await c.step(
        x.id,
        "dispose_items",
        c.day(-60),
        { itemNos: [9], disposal: "destroy", note: "x" },
        approver(),
      ),
      422,
      "ITEMS_NOT_DISPOSABLE",
    );
    await c.ok(
      x.id,
      "dispose_items",
      c.day(-60),
      { itemNos: [1], disposal: "auction", proceedsFen: 30_000, note: "公开拍卖，款项上缴国库" },
      approver(),
    );
    const detail = await c.get(x.id);
    assert.deepEqual(
      detail.items.map((i) => [i.no, i.name, i.status]),
      [
        [1, "三轮车", "auctioned"],
        [2, "遮阳伞", "confiscated"],
      ],
    );
    // The service deadline (X3: 7 working days after the decision) is overdue: it is on the lists.
    const mine = await t.call({
      url: "/api/v1/case-deadlines?mine=true&light=red&pageSize=100",
      as: s["dh.hb.01"],
    });
    assert.equal(mine.statusCode, 200, mine.body);
    const rows = (mine.json() as { items: { caseId: string; kind: string; light: string }[] }).items;
    assert.ok(rows.some((r) => r.caseId === x.id && r.kind === "service" && r.light === "red"));
    const byParty = await t.call({
      url: `/api/v1/case-deadlines?q=${encodeURIComponent("孙某")}`,
      as: s["dh.hb.01"],
    });
    const partyRows = (byParty.json() as { items: { caseId: string }[] }).items;
    assert.ok(partyRows.length > 0 && partyRows.every((r) => r.caseId === x.id));
    const other = await t.call({ url: "/api/v1/case-deadlines?mine=true", as: s["dh.hb.02"] });
    assert.equal(other.statusCode, 200, other.body);
    assert.ok(!(other.json() as { items: { caseId: string }[] }).items.some((r) => r.caseId === x.id));
    // Another county's squad leader sees none of 东湖's deadlines.
    const xs = await t.call({ url: "/api/v1/case-deadlines?pageSize=100", as: s["xs.cg.lead"] });
    assert.ok(!(xs.json() as { items: { caseId: string }[] }).items.some((r) => r.caseId === x.id));
  });
});
