import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { ledgerEntries } from "../../src/modules/ledger/schema.ts";
import { caseClient } from "../support/cases.ts";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";
import { multipart } from "../support/multipart.ts";

describe(`case handling over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  before(async () => {
    t = await testApp();
    for (const u of [
      "dh.hb.lead",
      "dh.hb.01",
      "dh.hb.xg",
      "xs.cg.lead",
      "xs.leader",
      "city.leader",
      "dh.leader",
      "dh.xc.lead",
    ])
      s[u] = await t.login(u);
    c0 = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  });
  after(async () => t?.close());

  let c0: ReturnType<typeof caseClient>;
  const day = (n: number) => c0.day(n);
  const lead = (over: Record<string, unknown> = {}, as = s["dh.hb.01"]!) => c0.lead(over, as);
  const get = (id: string, as = s["dh.hb.lead"]!) => c0.get(id, as);
  const step = (
    id: string,
    event: string,
    on: string,
    data: Record<string, unknown> = {},
    as = s["dh.hb.01"]!,
  ) => c0.step(id, event, on, data, as);
  const ok = (
    id: string,
    event: string,
    on: string,
    data: Record<string, unknown> = {},
    as = s["dh.hb.01"]!,
  ) => c0.ok(id, event, on, data, as);
  const approver = () => s["dh.hb.lead"]!;

  test("a general case from lead to archive, with the rule refusals on the way (C5, C2, P4, P5, P6, P7, P3)", async () => {
    const c = await lead();
    assert.deepEqual((await get(c.id, s["dh.hb.01"])).actions, [], "an officer cannot approve filing");
    assertError(await step(c.id, "file", day(-80)), 403, "CASE_ROLE_REQUIRED");
    // The bureau's leader (dh.leader) may approve; a squad leader of another squad may not.
    assert.deepEqual((await get(c.id, s["dh.leader"])).actions.map((a) => a.event).sort(), [
      "cancel",
      "change_officers",
      "decline",
      "file",
    ]);
    assertError(await step(c.id, "file", day(-80), {}, s["dh.xc.lead"]), 403, [
      "FORBIDDEN_AGENCY",
      "CASE_ROLE_REQUIRED",
    ]);
    const filed = await ok(c.id, "file", day(-80), {}, s["dh.leader"]);
    assert.equal(filed.state, "filed");
    assert.match(filed.number!, /^东湖综执罚〔\d{4}〕1号$/);
    assertError(await step(c.id, "notify", day(-79)), 409, "TRANSITION_NOT_ALLOWED");
    await ok(c.id, "start_investigation", day(-79));
    await ok(c.id, "record_inspection", day(-78), { record: "现场检查：在人行道摆摊约 3 平方米" });
    await ok(c.id, "record_interview", day(-77), { record: "当事人承认摆摊", interviewee: "王某" });
    await ok(c.id, "finish_investigation", day(-70), { report: "事实清楚，证据确凿" });
    // P4: no penalty decision without the notice of proposed penalty.
    assertError(
      await step(
        c.id,
        "decide",
        day(-69),
        { outcome: "penalty", penalty: { fineFen: 100_000 }, reasons: "x" },
        approver(),
      ),
      422,
      "NOTICE_REQUIRED",
    );
    await ok(c.id, "notify", day(-60), {
      penalty: { fineFen: 100_000 },
      facts: "占道经营",
      legalBasis: "《城市市容和环境卫生管理条例》",
    });
    let d = await get(c.id);
    assert.equal(d.deadlines.find((x) => x.kind === "statement")?.status, "open");
    assert.equal(
      d.deadlines.find((x) => x.kind === "hearing_request"),
      undefined,
      "1,000 yuan: no hearing right (P6)",
    );
    assert.equal(d.deadlines.find((x) => x.kind === "decision")?.status, "open");
    assertError(await step(c.id, "request_hearing", day(-59)), 422, "HEARING_RIGHT_NOT_APPLICABLE");
    assertError(await step(c.id, "statement_period_expired", day(-60)), 422, "STATEMENT_PERIOD_RUNNING");
    await ok(c.id, "record_statement", day(-55), { statement: "请求从轻", adopted: false });
    // P5: not heavier than the notice.
    assertError(
      await step(
        c.id,
        "decide",
        day(-50),
        { outcome: "penalty", penalty: { fineFen: 200_000 }, reasons: "x" },
        approver(),
      ),
      422,
      "PENALTY_HEAVIER_THAN_NOTICE",
    );
    await ok(
      c.id,
      "decide",
      day(-50),
      { outcome: "penalty", penalty: { fineFen: 100_000 }, reasons: "依基准一般情节" },
      approver(),
    );
    await ok(c.id, "serve", day(-48), { method: "on_the_spot", receipt: "当事人签收" });
    d = await get(c.id);
    assert.equal(d.deadlines.find((x) => x.kind === "payment")?.status, "open");
    assert.equal(d.deadlines.find((x) => x.kind === "decision")?.status, "closed");
    await ok(c.id, "record_execution", day(-40), { paidFen: 100_000 });
    await ok(c.id, "close", day(-39), { report: "已执行完毕" }, approver());
    const done = await ok(c.id, "archive", day(-38), {}, approver());
    assert.equal(done.state, "archived");
    d = await get(c.id);
    assert.deepEqual(
      d.events.map((e) => e.event),
      [
        "create",
        "file",
        "start_investigation",
        "record_inspection",
        "record_interview",
        "finish_investigation",
        "notify",
        "record_statement",
        "decide",
        "serve",
        "record_execution",
        "close",
        "archive",
      ],
    );
    assert.deepEqual(
      d.events.map((e) => e.seq),
      d.events.map((_, i) => i + 1),
    );
    assert.ok(d.deadlines.every((x) => x.status === "closed"));
    assert.deepEqual(d.actions, []);
    // Every step is in the full-process record with the case id.
    const entries = await t.ctx.db
      .select({ type: ledgerEntries.eventType })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.caseId, c.id))
      .orderBy(asc(ledgerEntries.id));
    const types = entries.map((r) => r.type);
    assert.deepEqual(types, ["case.created", ...d.events.slice(1).map((e) => `case.${e.event}`)]);
    // The next filing of the bureau gets the next number (gapless per agency and year).
    const c2 = await lead();
    const f2 = await ok(c2.id, "file", day(-80), {}, approver());
    assert.match(f2.number!, /〔\d{4}〕2号$/);
    // P13: the same party, act and field already got a fine: no second fine (a warning remains possible).
    await ok(c2.id, "start_investigation", day(-79));
    await ok(c2.id, "record_inspection", day(-78), { record: "现场检查" });
    await ok(c2.id, "finish_investigation", day(-70), { report: "同一行为" });
    await ok(c2.id, "notify", day(-60), {
      penalty: { fineFen: 50_000, warning: true },
      facts: "x",
      legalBasis: "y",
    });
    await ok(c2.id, "waive_statement", day(-59), { note: "当事人书面放弃" });
    assertError(
      await step(
        c2.id,
        "decide",
        day(-58),
        { outcome: "penalty", penalty: { fineFen: 50_000 }, reasons: "x" },
        approver(),
      ),
      422,
      "SECOND_FINE",
    );
    await ok(
      c2.id,
      "decide",
      day(-58),
      { outcome: "penalty", penalty: { warning: true }, reasons: "已罚款，仅予警告" },
      approver(),
    );
  });

  test("P3: a case past its 90-day decision period is refused the notice and the decision", async () => {
    const c = await lead({ actOn: day(-130), discoveredOn: day(-125) });
    await ok(c.id, "file", day(-120), {}, approver());
    const due = (await get(c.id)).deadlines.find((x) => x.kind === "decision")!;
    assert.equal(due.status, "open");
    assert.equal(due.light, "red");
    await ok(c.id, "start_investigation", day(-119));
    await ok(c.id, "finish_investigation", day(-100), { report: "调查终结" });
    assertError(
      await step(c.id, "notify", day(-20), { penalty: { fineFen: 10_000 }, facts: "x", legalBasis: "y" }),
      422,
      "DECISION_OVERDUE",
    );
    assertError(
      await step(
        c.id,
        "decide",
        day(-20),
        { outcome: "no_penalty", reasons: "情节轻微", ground: "minor_corrected", education: "当场教育" },
        approver(),
      ),
      422,
      "DECISION_OVERDUE",
    );
    await ok(
      c.id,
      "decide",
      day(-40),
      {
        outcome: "no_penalty",
        reasons: "情节轻微并及时改正（P11）",
        ground: "minor_corrected",
        education: "已对当事人进行法治教育",
      },
      approver(),
    );
  });

  test("a case with a hearing: P6 right, P7 request and notice timing, presiding officer; P10 gate refuses the decision until a passed legal review; cancellation", async () => {
    const c = await lead({ actOn: day(-95) });
    await ok(c.id, "file", day(-60), {}, approver());
    await ok(c.id, "start_investigation", day(-59));
    await ok(c.id, "record_inspection", day(-58), { record: "现场检查：占道经营约 6 平方米" });
    await ok(c.id, "finish_investigation", day(-40), { report: "事实清楚" });
    await ok(c.id, "notify", day(-30), {
      penalty: { fineFen: 600_000 },
      facts: "占道经营",
      legalBasis: "条例",
    });
    const d = await get(c.id);
    assert.equal(
      d.deadlines.find((x) => x.kind === "hearing_request")?.status,
      "open",
      "6,000 yuan ≥ threshold (P6)",
    );
    assertError(await step(c.id, "request_hearing", day(-20)), 422, "HEARING_REQUEST_LATE");
    await ok(c.id, "request_hearing", day(-29));
    const presider = t.user["dh.hb.02"]!;
    assertError(
      await step(c.id, "notify_hearing", day(-28), {
        hearingOn: day(-26),
        presidingUserId: presider,
        place: "听证室",
      }),
      422,
      "HEARING_NOTICE_TOO_SHORT",
    );
    assertError(
      await step(c.id, "notify_hearing", day(-28), {
        hearingOn: day(-10),
        presidingUserId: t.user["dh.hb.01"],
        place: "听证室",
      }),
      422,
      "HEARING_PRESIDER_CONFLICT",
    );
    await ok(c.id, "notify_hearing", day(-28), {
      hearingOn: day(-10),
      presidingUserId: presider,
      place: "听证室",
    });
    assertError(await step(c.id, "hearing_absent", day(-20), { note: "未到" }), 422, "HEARING_DATES_INVALID");
    await ok(c.id, "record_hearing", day(-10), { record: "听证笔录", report: "听证报告" });
    assertError(
      await step(
        c.id,
        "decide",
        day(-5),
        { outcome: "penalty", penalty: { fineFen: 600_000 }, reasons: "x" },
        approver(),
      ),
      422,
      "LEGAL_REVIEW_REQUIRED",
    );
    // P10: after a passed legal review (a legal reviewer of the bureau, not on the case team) the decision is made.
    const proposal = {
      outcome: "penalty",
      penalty: { fineFen: 600_000 },
      reasons: "占道经营，经听证，依法处罚",
    };
    const submitted = await t.call({
      method: "POST",
      url: "/api/v1/reviews",
      as: approver(),
      payload: {
        caseId: c.id,
        proposal,
        materials: ["investigation_report", "proposal", "evidence", "legal_basis", "hearing_report"],
        reviewerId: t.user["dh.legal"],
      },
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const review = submitted.json() as { id: string; checks: { item: string; ok: boolean | null }[] };
    assertError(await step(c.id, "decide", day(-5), proposal, approver()), 422, "LEGAL_REVIEW_PENDING");
    const reviewer = await t.login("dh.legal");
    const agreed = await t.call({
      method: "POST",
      url: `/api/v1/reviews/${review.id}/opinion`,
      as: reviewer,
      payload: {
        opinion: "agree",
        items: [...review.checks.map((k) => k.item), "facts", "law"].map((item) => ({
          item,
          ok: true,
          comment: review.checks.find((k) => k.item === item)?.ok === false ? "经核实无碍" : "",
        })),
        comment: "同意",
      },
    });
    assert.equal(agreed.statusCode, 200, agreed.body);
    assert.equal((await ok(c.id, "decide", day(-5), proposal, approver())).state, "decided");
    // Cancellation (销案) of an open case needs an approver and closes every deadline.
    const other = await lead({
      actOn: day(-95),
      party: { type: "individual", name: "赵某", idNumber: "330702199202021234" },
    });
    await ok(other.id, "file", day(-60), {}, approver());
    assertError(await step(other.id, "cancel", day(-5), { reason: "x" }), 403, "CASE_ROLE_REQUIRED");
    const cancelled = await ok(other.id, "cancel", day(-5), { reason: "当事人已死亡" }, approver());
    assert.equal(cancelled.state, "cancelled");
    assert.ok((await get(other.id)).deadlines.every((x) => x.status === "closed"));
  });

  test("C5: filing refused after the limitation period; a reasoned decision not to file", async () => {
    const c = await lead({ actOn: day(-365 * 3), discoveredOn: day(-1) });
    assertError(await step(c.id, "file", day(-1), {}, approver()), 422, "LIMITATION_EXPIRED");
    assertError(await step(c.id, "decline", day(-1), {}, approver()), 400, "VALIDATION_FAILED");
    assert.equal(
      (await ok(c.id, "decline", day(-1), { reason: "已超过追责时效（C5）" }, approver())).state,
      "declined",
    );
  });

  test("C2: fewer than two officers, or an invalid certificate, refuses the investigation step", async () => {
    const one = await lead({ officerIds: [t.user["dh.hb.01"]] });
    await ok(one.id, "file", day(-60), {}, approver());
    assertError(await step(one.id, "start_investigation", day(-59)), 422, "CERTIFICATE_INVALID");
    // 李娜 (dh.hb.02): certificate expired 10 days ago; valid on an earlier step date.
    const expired = await lead({ officerIds: [t.user["dh.hb.01"], t.user["dh.hb.02"]] });
    await ok(expired.id, "file", day(-60), {}, approver());
    assertError(await step(expired.id, "start_investigation", day(-1)), 422, "CERTIFICATE_INVALID");
    await ok(expired.id, "start_investigation", day(-15));
    // An assistant without a certificate.
    const assistant = await lead({ officerIds: [t.user["dh.hb.01"], t.user["dh.hb.xg"]] });
    await ok(assistant.id, "file", day(-60), {}, approver());
    assertError(await step(assistant.id, "start_investigation", day(-59)), 422, "CERTIFICATE_INVALID");
  });

  test("L5: a step the agency's list requires recorded is refused without audio-video evidence", async () => {
    const put = await t.call({
      method: "PUT",
      url: `/api/v1/recording-list?agencyId=${t.agency["donghu-1"]}`,
      as: approver(),
      payload: {
        items: [{ action: "onsite_inspection", label: "现场检查", level: "full" }],
        reason: "现场检查全程录像",
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    try {
      const c = await lead();
      await ok(c.id, "file", day(-60), {}, approver());
      await ok(c.id, "start_investigation", day(-9));
      assertError(
        await step(c.id, "record_inspection", day(-8), { record: "检查" }),
        422,
        "RECORDING_REQUIRED",
      );
      const up = await t.call({
        method: "POST",
        url: "/api/v1/evidence",
        as: s["dh.hb.01"],
        ...multipart(
          { agencyId: t.agency["donghu-1"], caseId: c.id, action: "onsite_inspection", kind: "video" },
          { name: "inspection.mp4", type: "video/mp4", bytes: Buffer.from("fake video") },
        ),
      });
      assert.equal(up.statusCode, 201, up.body);
      await ok(c.id, "record_inspection", day(-8), { record: "检查" });
    } finally {
      await t.call({
        method: "PUT",
        url: `/api/v1/recording-list?agencyId=${t.agency["donghu-1"]}`,
        as: approver(),
        payload: { inherit: true, reason: "恢复" },
      });
    }
  });

  test("a simple-procedure ticket (C07): P1 limit refused, then decided on the spot, served, paid and closed", async () => {
    const c = await lead({
      procedure: "simple",
      actOn: day(-3),
      discoveredOn: day(-3),
      party: { type: "individual", name: "钱某", idNumber: "330702198001011111", address: "湖滨路 3 号" },
    });
    assert.deepEqual(
      (await get(c.id, s["dh.hb.01"])).actions.map((a) => a.event),
      ["decide"],
    );
    const ticket = (fineFen: number) => ({
      penalty: { fineFen },
      facts: "乱扔垃圾",
      legalBasis: "《城市市容和环境卫生管理条例》",
      partySigned: true,
    });
    assertError(await step(c.id, "decide", day(-3), ticket(20_001)), 422, "SIMPLE_PROCEDURE_LIMIT");
    const decided = await ok(c.id, "decide", day(-3), ticket(20_000));
    assert.equal(decided.state, "decided");
    assert.match(decided.number!, /^东湖综执罚〔\d{4}〕\d+号$/);
    await ok(c.id, "serve", day(-3), { method: "on_the_spot", receipt: "当场交付，当事人签收" });
    assert.equal((await get(c.id)).deadlines.find((x) => x.kind === "payment")?.status, "open");
    await ok(c.id, "record_execution", day(-2), { paidFen: 20_000 });
    assert.equal(
      (await ok(c.id, "close", day(-1), { report: "当场处罚已执行" }, approver())).state,
      "closed",
    );
  });

  test("C4 evidence preservation and K2/K3 sealing or seizure: periods, L5 recording, no investigation end while pending", async () => {
    const c = await lead({
      actOn: day(-75),
      discoveredOn: day(-70),
      party: { type: "individual", name: "孙某", idNumber: "330702197001012222" },
    });
    await ok(c.id, "file", day(-60), {}, approver());
    await ok(c.id, "start_investigation", day(-59));
    await ok(c.id, "preserve_evidence", day(-58), {
      items: [{ name: "三轮车", quantity: 1, unit: "辆" }],
      approval: "张中队批准，审批表 1 号",
    });
    const preservation = (await get(c.id)).deadlines.find((x) => x.kind === "preservation")!;
    assert.equal(preservation.status, "open");
    assertError(await step(c.id, "finish_investigation", day(-57), { report: "x" }), 422, "MEASURES_PENDING");
    assertError(
      await step(c.id, "decide_preserved", day(-40), { decision: "confiscate", note: "逾期" }, approver()),
      422,
      "MEASURE_DECISION_OVERDUE",
    );
    await ok(
      c.id,
      "decide_preserved",
      day(-40),
      { decision: "return", note: "逾期，解除保存并退还" },
      approver(),
    );
    // Sealing/seizure: the default L5 list requires full audio-video recording.
    assertError(
      await step(c.id, "seal_seize", day(-39), {
        items: [{ name: "货架", quantity: 2, unit: "个" }],
        approval: "审批表 2 号",
      }),
      422,
      "RECORDING_REQUIRED",
    );
    const up = await t.call({
      method: "POST",
      url: "/api/v1/evidence",
      as: s["dh.hb.01"],
      ...multipart(
        { agencyId: t.agency["donghu-1"], caseId: c.id, action: "seal_seize", kind: "video" },
        { name: "seizure.mp4", type: "video/mp4", bytes: Buffer.from("fake seizure video") },
      ),
    });
    assert.equal(up.statusCode, 201, up.body);
    await ok(c.id, "seal_seize", day(-39), {
      items: [{ name: "货架", quantity: 2, unit: "个" }],
      approval: "审批表 2 号",
    });
    const seizure = (await get(c.id)).deadlines.find((x) => x.kind === "seizure")!;
    assert.equal(seizure.status, "open");
    assert.ok(seizure.dueOn >= day(-9), `30 days: ${seizure.dueOn}`);
    await ok(c.id, "decide_seized", day(-20), { decision: "confiscate", note: "依法没收" }, approver());
    assert.equal(
      (await ok(c.id, "finish_investigation", day(-19), { report: "调查终结" })).state,
      "investigated",
    );
  });

  test("the procedure tables are published for readers (rule IDs, roles, deadlines, documents)", async () => {
    const res = await t.call({ url: "/api/v1/case-procedures/general", as: s["city.leader"] });
    assert.equal(res.statusCode, 200, res.body);
    const rows = res.json() as { event: string; from: string; guards: string[]; roles: string[] }[];
    const file = rows.find((r) => r.event === "file")!;
    assert.deepEqual(file.guards, ["C5"]);
    assert.deepEqual(file.roles, ["中队长", "机关负责人"]);
    const simple = await t.call({ url: "/api/v1/case-procedures/simple", as: s["dh.hb.01"] });
    assert.ok((simple.json() as { guards: string[] }[]).some((r) => r.guards.includes("P1")));
    assertError(
      await t.call({ url: "/api/v1/case-procedures/general", as: s["dh.hb.xg"] }),
      403,
      "FORBIDDEN",
    );
  });

  test("a stale version gets 409 CONFLICT and changes nothing", async () => {
    const c = await lead();
    const before = await get(c.id);
    const rows = await businessRowCounts(t.ctx.database);
    const res = await t.call({
      method: "POST",
      url: `/api/v1/cases/${c.id}/events/file`,
      as: approver(),
      payload: { version: before.version + 1, on: day(-1), data: {} },
    });
    assertError(res, 409, "CONFLICT");
    assert.deepEqual(await businessRowCounts(t.ctx.database), rows);
    const after = await get(c.id);
    assert.equal(after.version, before.version);
    assert.equal(after.state, "lead");
    assert.equal(after.number, null);
  });

  test("a case id written in upper case is the same case: its step is taken", async () => {
    const c = await lead();
    const { version } = await ok(c.id, "file", day(-60), {}, approver());
    const res = await t.call({
      method: "POST",
      url: `/api/v1/cases/${c.id.toUpperCase()}/events/start_investigation`,
      as: s["dh.hb.01"]!,
      payload: { version, on: day(-59), data: {} },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal((await get(c.id)).state, "investigating");
  });

  test("two approvals of the same filing at once: one succeeds, the other gets 409; numbers stay gapless", async () => {
    const a = await lead();
    const b = await lead();
    const file = (id: string) =>
      t.call({
        method: "POST",
        url: `/api/v1/cases/${id}/events/file`,
        as: approver(),
        payload: { version: 1, on: day(-60), data: {} },
      });
    const answers = await Promise.all([file(a.id), file(a.id), file(a.id)]);
    assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409, 409]);
    for (const r of answers.filter((x) => x.statusCode === 409)) assertError(r, 409, "CONFLICT");
    const first = answers.find((r) => r.statusCode === 200)!.json().number as string;
    const next = (await ok(b.id, "file", day(-60), {}, approver())).number!;
    const seq = (n: string) => Number(/〕(\d+)号$/.exec(n)![1]);
    assert.equal(seq(next), seq(first) + 1);
    assert.equal((await get(a.id)).events.filter((e) => e.event === "file").length, 1);
  });

  test("steps of many cases at once (written together) each get their step row and ledger entry; the same step twice at once on one case: one 200, one 409 and one row", async () => {
    const cases = [];
    for (let i = 0; i < 6; i++) {
      const c = await lead({ summary: `并发办理 ${i + 1}` });
      await ok(c.id, "file", day(-80), {}, approver());
      cases.push({ id: c.id, version: (await ok(c.id, "start_investigation", day(-79))).version });
    }
    const inspect = (c: { id: string; version: number }, record: string) =>
      t.call({
        method: "POST",
        url: `/api/v1/cases/${c.id}/events/record_inspection`,
        as: s["dh.hb.01"]!,
        payload: { version: c.version, on: day(-78), data: { record } },
      });
    const rows = await businessRowCounts(t.ctx.database);
    // Every case once, and the first two a second time with the same version.
    const answers = await Promise.all([
      ...cases.map((c, i) => inspect(c, `现场检查 ${i + 1}`)),
      inspect(cases[0]!, "重复提交 1"),
      inspect(cases[1]!, "重复提交 2"),
    ]);
    const codes = answers.map((r) => r.statusCode);
    assert.deepEqual(codes.slice(2, 6), [200, 200, 200, 200], answers.map((r) => r.body).join("\n"));
    for (const i of [0, 1]) {
      assert.deepEqual([codes[i], codes[6 + i]].sort(), [200, 409], `case ${i + 1}`);
      assertError([answers[i]!, answers[6 + i]!].find((r) => r.statusCode === 409)!, 409, "CONFLICT");
    }
    const after = await businessRowCounts(t.ctx.database);
    assert.equal(after.case_events, (rows.case_events ?? 0) + 6);
    for (const c of cases) {
      const detail = await get(c.id);
      assert.equal(detail.version, c.version + 1);
      assert.equal(detail.events.filter((e) => e.event === "record_inspection").length, 1);
      const entries = await t.ctx.db
        .select({ type: ledgerEntries.eventType, payload: ledgerEntries.payload })
        .from(ledgerEntries)
        .where(eq(ledgerEntries.caseId, c.id))
        .orderBy(asc(ledgerEntries.id));
      const inspections = entries.filter((e) => e.type === "case.record_inspection");
      assert.equal(inspections.length, 1);
      // The entry is the step that was written (its record and the version it made).
      const step = detail.events.find((e) => e.event === "record_inspection")!;
      const payload = JSON.parse(inspections[0]!.payload);
      assert.equal(payload.eventId, step.id);
      assert.equal(payload.seq, c.version + 1);
      assert.deepEqual(payload.data, step.data);
    }
  });

  test("another county cannot read or act on the case; the city reads it; lists are scoped", async () => {
    const c = await lead({ summary: "跨县可见性测试" });
    assertError(
      await t.call({ url: `/api/v1/cases/${c.id}`, as: s["xs.cg.lead"] }),
      [403, 404],
      ["FORBIDDEN_AGENCY", "NOT_FOUND"],
    );
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/cases/${c.id}/events/file`,
        as: s["xs.cg.lead"],
        payload: { version: 1, data: {} },
      }),
      [403, 404],
      ["FORBIDDEN_AGENCY", "NOT_FOUND"],
    );
    const other = await t.call({ url: `/api/v1/cases?q=${encodeURIComponent("跨县")}`, as: s["xs.leader"] });
    assert.equal(other.statusCode, 200, other.body);
    assert.equal(other.json().total, 0);
    const city = await t.call({ url: `/api/v1/cases?q=${encodeURIComponent("跨县")}`, as: s["city.leader"] });
    assert.equal(city.json().total, 1);
    assert.equal((await t.call({ url: `/api/v1/cases/${c.id}`, as: s["city.leader"] })).statusCode, 200);
    // The city leader supervises (reads) but does not approve another agency's case.
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/cases/${c.id}/events/file`,
        as: s["city.leader"],
        payload: { version: 1, data: {} },
      }),
      403,
      ["FORBIDDEN_AGENCY", "CASE_ROLE_REQUIRED"],
    );
    // Filters.
    const mine = await t.call({
      url: `/api/v1/cases?state=lead&officerId=${t.user["dh.hb.01"]}&procedure=general&field=${encodeURIComponent("市容环境卫生")}`,
      as: s["dh.hb.01"],
    });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.ok(mine.json().items.some((x: { id: string }) => x.id === c.id));
    // An assistant may not register a lead; another county may not register one here.
    assertError(
      await t.call({ method: "POST", url: "/api/v1/cases", as: s["dh.hb.xg"], payload: {} }),
      [400, 403],
      ["FORBIDDEN", "VALIDATION_FAILED"],
    );
    const foreign = await t.call({
      method: "POST",
      url: "/api/v1/cases",
      as: s["xs.cg.lead"],
      payload: {
        agencyId: t.agency["donghu-1"],
        field: "市容环境卫生",
        summary: "x",
        place: { address: "x" },
        party: { type: "organisation", name: "某公司" },
        actOn: day(-5),
        discoveredOn: day(-5),
        officerIds: [t.user["xs.cg.lead"]],
      },
    });
    assertError(foreign, 403, "FORBIDDEN_AGENCY");
  });
});
