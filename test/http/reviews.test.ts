import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { caseClient } from "../support/cases.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

type Check = { item: string; label: string; ok: boolean | null; evidence: string; ruleId: string };
type Submitted = { id: string; round: number; dueOn: string; checks: Check[] };

/**
 * Legal review (P10, L1–L3), collective discussion (P9) and filing (F1) over HTTP (issue 6, "Done
 * when"): the decide step is refused at each review state and allowed once passed; reviewer
 * separation; the machine checks of the checklist (L2) catch deliberately broken cases.
 */
describe(`legal review over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let c: ReturnType<typeof caseClient>;
  before(async () => {
    t = await testApp();
    for (const u of [
      "dh.hb.lead",
      "dh.hb.01",
      "dh.hb.02",
      "dh.legal",
      "city.legal",
      "dh.leader",
      "dh.xc.lead",
      "dh.xc.01",
      "dh.xc.02",
      "dh.admin",
      "dh.clerk",
    ])
      s[u] = await t.login(u);
    c = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  });
  after(async () => t?.close());

  const approver = () => s["dh.hb.lead"]!;
  const materials = ["investigation_report", "proposal", "evidence", "legal_basis"];
  const penaltyDecision = (fineFen: number, reasons = "占道经营，事实清楚，依法处罚") => ({
    outcome: "penalty",
    penalty: { fineFen },
    reasons,
  });

  let parties = 0;
  /** A general case noticed with a fine of `fineFen` and waived (the L1 list: at the hearing threshold → review). */
  async function waivedCase(
    fine: number | Record<string, unknown>,
    over: Record<string, unknown> = {},
    client = c,
    lead = approver(),
  ) {
    const penalty = typeof fine === "number" ? { fineFen: fine } : fine;
    // A different party each time (P13 would refuse a second fine for the same act).
    const party = {
      type: "individual",
      name: `当事人${++parties}`,
      idNumber: `3307021990010${String(1000 + parties)}`,
      address: "湖滨路 1 号",
    };
    const x = await client.lead({ party, ...over });
    await client.ok(x.id, "file", c.day(-60), {}, lead);
    await client.ok(x.id, "start_investigation", c.day(-59));
    await client.ok(x.id, "record_inspection", c.day(-58), { record: "现场检查：占道摆摊约 6 平方米" });
    await client.ok(x.id, "finish_investigation", c.day(-50), { report: "事实清楚，证据确凿" });
    await client.ok(x.id, "notify", c.day(-40), {
      penalty,
      facts: "在湖滨路占道经营",
      legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
    });
    await client.ok(x.id, "waive_statement", c.day(-39), { note: "当事人书面放弃陈述申辩和听证" });
    return x;
  }

  const submit = (caseId: string, body: Record<string, unknown>, as = approver()) =>
    t.call({
      method: "POST",
      url: "/api/v1/reviews",
      as,
      payload: { caseId, materials, reviewerId: t.user["dh.legal"], ...body },
    });
  const submitted = async (caseId: string, body: Record<string, unknown>, as = approver()) => {
    const res = await submit(caseId, body, as);
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Submitted;
  };
  /** The checklist with every item confirmed (overrides carry a comment), or with `problems` marked. */
  const items = (checks: Check[], problems: Record<string, string> = {}) =>
    [...checks.map((x) => x.item), "facts", "law"].map((item) => {
      const machine = checks.find((x) => x.item === item);
      if (problems[item]) return { item, ok: false, comment: problems[item] };
      return { item, ok: true, comment: machine?.ok === false ? "经核实，不影响决定的合法性" : "" };
    });
  const opinion = (id: string, body: Record<string, unknown>, as = s["dh.legal"]!) =>
    t.call({ method: "POST", url: `/api/v1/reviews/${id}/opinion`, as, payload: body });
  const decide = (caseId: string, fineFen: number, on = c.day(-5)) =>
    c.step(caseId, "decide", on, penaltyDecision(fineFen), approver());

  test("demo city: the county lists of major decisions (L1) and a 西山 case waiting for its legal review", async () => {
    const xs = await t.login("xs.legal");
    const res = await t.call({ url: "/api/v1/reviews?mine=true&status=pending", as: xs });
    assert.equal(res.statusCode, 200, res.body);
    const items = (res.json() as { items: { partyName: string; machineProblems: number }[] }).items;
    assert.deepEqual(
      items.map((i) => i.partyName),
      ["郑海涛"],
    );
    const list = await t.call({
      url: `/api/v1/major-decision-criteria?agencyId=${t.agency["donghu-1"]}`,
      as: s["dh.hb.01"],
    });
    assert.equal(list.statusCode, 200, list.body);
    const criteria = (list.json() as { items: { name: string; inherited: boolean }[] }).items;
    assert.equal(criteria.length, 3);
    assert.ok(
      criteria.every((c) => c.inherited),
      "the squad follows its bureau's list",
    );
    // The records are append-only (triggers): a review or a list entry cannot be changed in place.
    for (const statement of [
      "UPDATE legal_reviews SET note = note",
      "DELETE FROM legal_reviews",
      "UPDATE major_decision_criteria SET reason = reason",
    ])
      await assert.rejects(
        t.ctx.db.execute(sql.raw(statement)),
        (e: Error & { cause?: Error }) => /append-only/.test(`${e.message} ${e.cause?.message ?? ""}`),
        statement,
      );
    // Only the bureau changes its list (L1), with a reason.
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/major-decision-criteria",
        as: s["dh.hb.lead"],
        payload: { agencyId: t.agency.donghu, name: "x", criteria: { hearingHeld: true }, reason: "x" },
      }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/major-decision-criteria",
        as: s["dh.legal"],
        payload: { agencyId: t.agency.donghu, name: "x", criteria: {}, reason: "x" },
      }),
      400,
      "VALIDATION_FAILED",
    );
  });

  test("P10: a major decision is refused with no review, while pending and when problems were found; allowed once passed, not heavier", async () => {
    const x = await waivedCase(600_000);
    // L1: the question "does this decision need review?" answers with its reasons.
    const need = await t.call({
      method: "POST",
      url: `/api/v1/cases/${x.id}/major-need`,
      as: approver(),
      payload: { outcome: "penalty", penalty: { fineFen: 600_000 } },
    });
    assert.equal(need.statusCode, 200, need.body);
    const n = need.json() as {
      review: boolean;
      filing: boolean;
      reasons: { review: { ruleId: string; text: string }[] };
    };
    assert.equal(n.review, true);
    assert.equal(n.filing, true, "F1: a fine at the hearing threshold is filed");
    assert.match(n.reasons.review[0]!.text, /较大数额罚款或没收/);
    const small = await t.call({
      method: "POST",
      url: `/api/v1/cases/${x.id}/major-need`,
      as: approver(),
      payload: { outcome: "penalty", penalty: { fineFen: 50_000 } },
    });
    assert.equal((small.json() as { review: boolean }).review, false);

    assertError(await decide(x.id, 600_000), 422, "LEGAL_REVIEW_REQUIRED");

    // Submission: the materials are required; the reviewer must be a legal reviewer.
    assertError(
      await submit(x.id, { proposal: penaltyDecision(600_000), materials: ["proposal"] }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await submit(x.id, { proposal: penaltyDecision(600_000), reviewerId: t.user["dh.hb.02"] }),
      422,
      "REVIEWER_NOT_ELIGIBLE",
    );
    assertError(await submit(x.id, { proposal: penaltyDecision(600_000) }, s["dh.legal"]), 403, [
      "FORBIDDEN",
      "FORBIDDEN_AGENCY",
    ]);
    const r1 = await submitted(x.id, { proposal: penaltyDecision(600_000) });
    assert.equal(r1.round, 1);
    assert.ok(r1.dueOn > c.today(), "L3: a review deadline in working days");
    assert.deepEqual(
      r1.checks.map((k) => k.item),
      [
        "power",
        "certificates",
        "two_officers",
        "recording",
        "deadlines",
        "limitation",
        "benchmark",
        "rights",
        "document",
        "crime",
      ],
    );
    assert.equal(r1.checks.find((k) => k.item === "rights")!.ok, true);
    assert.equal(r1.checks.find((k) => k.item === "limitation")!.ok, true);

    assertError(await decide(x.id, 600_000), 422, "LEGAL_REVIEW_PENDING");
    assertError(await submit(x.id, { proposal: penaltyDecision(600_000) }), 409, "LEGAL_REVIEW_STATE");

    // Only the assigned reviewer gives the opinion; the checklist must be complete and consistent.
    assertError(
      await opinion(r1.id, { opinion: "agree", items: items(r1.checks), comment: "同意" }, s["city.legal"]),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(
      await opinion(r1.id, { opinion: "agree", items: items(r1.checks), comment: "同意" }, approver()),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    assertError(
      await opinion(r1.id, { opinion: "agree", items: items(r1.checks).slice(1), comment: "同意" }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await opinion(r1.id, {
        opinion: "agree",
        items: items(r1.checks, { law: "适用条款错误" }),
        comment: "同意",
      }),
      400,
      "VALIDATION_FAILED",
    );
    const returned = await opinion(r1.id, {
      opinion: "problems",
      items: items(r1.checks, { law: "应适用《条例》第三十六条第二款，罚款数额偏高" }),
      comment: "存在问题：法律适用与罚款数额",
    });
    assert.equal(returned.statusCode, 200, returned.body);
    assert.equal((returned.json() as { status: string }).status, "returned");
    assertError(await decide(x.id, 600_000), 422, "LEGAL_REVIEW_FAILED");

    // Resubmission after correction: the review page shows what changed since the last review.
    const r2 = await submitted(x.id, { proposal: penaltyDecision(550_000, "依据第三十六条第二款处罚") });
    assert.equal(r2.round, 2);
    const page = await t.call({ url: `/api/v1/reviews/${r2.id}`, as: s["dh.legal"] });
    assert.equal(page.statusCode, 200, page.body);
    const detail = page.json() as {
      status: string;
      canDecide: boolean;
      previous: { round: number; changes: string[]; problems: { item: string }[] };
      case: { events: { event: string }[] };
    };
    assert.equal(detail.status, "pending");
    assert.equal(detail.canDecide, true);
    assert.equal(detail.previous.round, 1);
    assert.deepEqual(
      detail.previous.problems.map((p) => p.item),
      ["law"],
    );
    assert.ok(
      detail.previous.changes.some((ch) => ch.includes("罚款 6000.00 元 → 罚款 5500.00 元")),
      detail.previous.changes.join(),
    );
    assert.ok(detail.case.events.some((e) => e.event === "notify"));

    const queue = await t.call({ url: "/api/v1/reviews?mine=true&status=pending", as: s["dh.legal"] });
    assert.equal(queue.statusCode, 200, queue.body);
    assert.ok((queue.json() as { items: { id: string }[] }).items.some((i) => i.id === r2.id));

    const passed = await opinion(r2.id, { opinion: "agree", items: items(r2.checks), comment: "同意" });
    assert.equal(passed.statusCode, 200, passed.body);
    // P10: not heavier than the proposal the review passed.
    assertError(await decide(x.id, 600_000), 422, "LEGAL_REVIEW_EXCEEDED");
    const done = await decide(x.id, 550_000);
    assert.equal(done.statusCode, 200, done.body);
  });

  test("P10: a reviewer on the case team is refused; a decision below the list passes the gate without review", async () => {
    const xc = caseClient(t, s["dh.xc.01"]!, s["dh.xc.lead"]!);
    const x = await waivedCase(
      600_000,
      { agencyId: t.agency["donghu-2"], officerIds: [t.user["dh.xc.01"], t.user["dh.xc.02"]] },
      xc,
      s["dh.xc.lead"],
    );
    // dh.xc.02 is an officer of the case and a legal reviewer of the squad: refused (separation, P10).
    {
      const res = await t.call({
        method: "POST",
        url: "/api/v1/reviews",
        as: s["dh.xc.lead"],
        payload: {
          caseId: x.id,
          materials,
          reviewerId: t.user["dh.xc.02"],
          proposal: penaltyDecision(600_000),
        },
      });
      assertError(res, 422, "REVIEWER_NOT_ELIGIBLE");
      assert.match(res.json().error.message, /本案办案人员/);
    }
    // A small fine (below the list and without a hearing) needs no review.
    const y = await waivedCase(50_000);
    const ok = await decide(y.id, 50_000);
    assert.equal(ok.statusCode, 200, ok.body);
  });
  const check = (r: Submitted, item: string) => r.checks.find((k) => k.item === item)!;

  test("L2 / O1: an officer's certificate expired on an interview date is caught by the certificates check (C2 still met)", async () => {
    // dh.hb.02's certificate expired 10 days ago (demo); the two others keep C2 satisfied.
    const x = await waivedCase(600_000, {
      officerIds: [t.user["dh.hb.01"], t.user["dh.hb.lead"], t.user["dh.hb.02"]],
    });
    const r = await submitted(x.id, { proposal: penaltyDecision(600_000) });
    assert.equal(check(r, "certificates").ok, true, "every step was before the expiry");
    const y = await c.lead({
      officerIds: [t.user["dh.hb.01"], t.user["dh.hb.lead"], t.user["dh.hb.02"]],
      party: { type: "individual", name: "钱某", idNumber: "330702198805051234" },
    });
    await c.ok(y.id, "file", c.day(-30), {}, approver());
    await c.ok(y.id, "start_investigation", c.day(-29));
    await c.ok(y.id, "record_interview", c.day(-5), { record: "当事人承认占道经营", interviewee: "钱某" });
    await c.ok(y.id, "finish_investigation", c.day(-4), { report: "事实清楚" });
    await c.ok(y.id, "notify", c.day(-4), {
      penalty: { fineFen: 600_000 },
      facts: "占道经营",
      legalBasis: "条例第三十六条",
    });
    await c.ok(y.id, "waive_statement", c.day(-3), { note: "放弃" });
    const broken = await submitted(y.id, { proposal: penaltyDecision(600_000) });
    const cert = check(broken, "certificates");
    assert.equal(cert.ok, false);
    assert.equal(cert.ruleId, "O1");
    assert.match(cert.evidence, new RegExp(`${c.day(-5)} 询问笔录：李娜的执法证 .* 已于 .* 到期`));
    assert.equal(check(broken, "two_officers").ok, true);
  });

  test("L2 / L5: a recording the list requires in full and missing from the file is caught by the recording check", async () => {
    const x = await waivedCase(600_000);
    const before = await submitted(x.id, { proposal: penaltyDecision(600_000) });
    assert.equal(check(before, "recording").ok, true);
    // The squad's list now requires full recording of on-site inspections: the inspection on file has none.
    const list = (ok: boolean) =>
      t.call({
        method: "PUT",
        url: `/api/v1/recording-list?agencyId=${t.agency["donghu-1"]}`,
        as: approver(),
        payload: ok
          ? { inherit: true, items: [], reason: "恢复沿用上级清单" }
          : {
              items: [
                { action: "seal_seize", label: "查封、扣押财物", level: "full" },
                { action: "onsite_inspection", label: "现场检查", level: "full" },
              ],
              reason: "中队规定现场检查全程记录",
            },
      });
    assert.equal((await list(false)).statusCode, 200);
    try {
      const returned = await opinion(before.id, {
        opinion: "problems",
        items: items(before.checks, { facts: "补充录像" }),
        comment: "存在问题",
      });
      assert.equal(returned.statusCode, 200, returned.body);
      const broken = await submitted(x.id, { proposal: penaltyDecision(600_000) });
      const rec = check(broken, "recording");
      assert.equal(rec.ok, false);
      assert.equal(rec.ruleId, "L5");
      assert.match(rec.evidence, /现场检查.*须全过程音像记录/);
    } finally {
      assert.equal((await list(true)).statusCode, 200);
    }
  });

  test("L2 / P5: a statement recorded after the statement period had run is caught by the deadlines check", async () => {
    const x = await c.lead({ party: { type: "individual", name: "孙某", idNumber: "330702198706061234" } });
    await c.ok(x.id, "file", c.day(-60), {}, approver());
    await c.ok(x.id, "start_investigation", c.day(-59));
    await c.ok(x.id, "record_inspection", c.day(-58), { record: "现场检查" });
    await c.ok(x.id, "finish_investigation", c.day(-50), { report: "事实清楚" });
    await c.ok(x.id, "notify", c.day(-40), {
      penalty: { fineFen: 600_000 },
      facts: "占道经营",
      legalBasis: "条例",
    });
    const due = (await c.get(x.id)).deadlines.find((d) => d.kind === "statement")!.dueOn;
    await c.ok(x.id, "record_statement", c.day(-10), { statement: "当事人申辩", adopted: false });
    // Without the statement record among the materials the submission is refused (L2).
    assertError(await submit(x.id, { proposal: penaltyDecision(600_000) }), 400, "VALIDATION_FAILED");
    const r = await submitted(x.id, {
      proposal: penaltyDecision(600_000),
      materials: [...materials, "statement_record"],
    });
    const d = check(r, "deadlines");
    assert.equal(d.ok, false);
    assert.equal(d.ruleId, "P5");
    assert.ok(d.evidence.includes(`应于 ${due} 前办理，实际 ${c.day(-10)} 才办理`), d.evidence);
  });

  test("L2 / P14: a penalty outside the benchmark range without a reason is caught by the benchmark check; with a reason it is not", async () => {
    const list = await t.call({ url: "/api/v1/benchmarks?pageSize=100", as: s["dh.legal"] });
    assert.equal(list.statusCode, 200, list.body);
    const b = (list.json() as { items: { id: string; code: string }[] }).items.find(
      (i) => i.code === "BZ-002",
    )!;
    assert.ok(b, "demo benchmark BZ-002 (1000–3000 yuan for serious harm)");
    const x = await waivedCase(600_000, { benchmarkId: b.id });
    const facts = { harm: "serious" };
    const broken = await submitted(x.id, { proposal: { ...penaltyDecision(600_000), facts } });
    const bm = check(broken, "benchmark");
    assert.equal(bm.ok, false);
    assert.equal(bm.ruleId, "P14");
    assert.match(bm.evidence, /超出裁量基准/);
    assert.equal(
      (
        await opinion(broken.id, {
          opinion: "problems",
          items: items(broken.checks, { benchmark: "超出幅度未说明理由" }),
          comment: "退回",
        })
      ).statusCode,
      200,
    );
    const fixed = await submitted(x.id, {
      proposal: { ...penaltyDecision(300_000), facts },
    });
    assert.equal(check(fixed, "benchmark").ok, true);
    assert.match(check(fixed, "benchmark").evidence, /在幅度内/);
    assert.equal(
      (
        await opinion(fixed.id, {
          opinion: "problems",
          items: items(fixed.checks, { law: "x" }),
          comment: "退回",
        })
      ).statusCode,
      200,
    );
    const reasoned = await submitted(x.id, {
      proposal: {
        ...penaltyDecision(600_000),
        facts,
        benchmarkReason: "当事人拒不改正且多次违法，经集体研究从重",
      },
    });
    assert.equal(check(reasoned, "benchmark").ok, true);
    assert.match(check(reasoned, "benchmark").evidence, /已说明理由/);
  });
  const agreeAll = async (r: Submitted) => {
    const res = await opinion(r.id, { opinion: "agree", items: items(r.checks), comment: "同意" });
    assert.equal(res.statusCode, 200, res.body);
  };
  const meeting = (memberCount: number) =>
    t.call({
      method: "POST",
      url: "/api/v1/meetings",
      as: s["dh.leader"],
      payload: {
        agencyId: t.agency.donghu,
        heldOn: c.day(-3),
        place: "局三楼会议室",
        chairId: t.user["dh.leader"],
        memberCount,
        attendees: [
          { userId: t.user["dh.leader"], role: "主要负责人" },
          { userId: t.user["dh.admin"], role: "分管负责人" },
          { userId: t.user["dh.clerk"], role: "班子成员" },
          { userId: t.user["dh.legal"], role: "法制审核人员" },
          { userId: t.user["dh.hb.lead"], role: "承办人员" },
        ],
      },
    });
  const discuss = (meetingId: string, caseId: string, approved: boolean, as = s["dh.leader"]!) =>
    t.call({
      method: "POST",
      url: `/api/v1/meetings/${meetingId}/discussions`,
      as,
      payload: {
        caseId,
        opinions: [
          { userId: t.user["dh.leader"], opinion: "同意承办机构意见" },
          { userId: t.user["dh.admin"], opinion: "同意" },
          { userId: t.user["dh.legal"], opinion: approved ? "同意" : "罚款数额偏高" },
        ],
        conclusion: approved ? "同意作出拟定的处罚决定" : "不同意，退回重新审查",
        approved,
      },
    });

  test("P9: a decision the list sends to collective discussion is refused without it; quorum setting; minutes as PDF; an escalated disagreement is settled by the discussion", async () => {
    const penalty = { fineFen: 100_000, kinds: ["suspension_of_business"] };
    const x = await waivedCase(penalty);
    const r = await submitted(x.id, {
      proposal: { outcome: "penalty", penalty, reasons: "无证经营，责令停业整顿" },
    });
    await agreeAll(r);
    const decideX = () =>
      c.step(
        x.id,
        "decide",
        c.day(-2),
        { outcome: "penalty", penalty, reasons: "无证经营，责令停业整顿" },
        approver(),
      );
    const refusedRes = await decideX();
    assertError(refusedRes, 422, "COLLECTIVE_DISCUSSION_REQUIRED");
    assert.match(refusedRes.json().error.message, /责令停产停业/);

    // Quorum (discussion.quorumPercent, 50 %): 3 leaders of 7 is not enough; 3 of 5 is.
    assertError(await meeting(7), 422, "QUORUM_NOT_MET");
    assertError(
      await t.call({ method: "POST", url: "/api/v1/meetings", as: s["dh.hb.01"], payload: {} }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    const m = await meeting(5);
    assert.equal(m.statusCode, 201, m.body);
    const meetingId = (m.json() as { id: string }).id;
    // Only attendees give opinions.
    const outsider = await t.call({
      method: "POST",
      url: `/api/v1/meetings/${meetingId}/discussions`,
      as: s["dh.leader"],
      payload: {
        caseId: x.id,
        opinions: [{ userId: t.user["dh.hb.01"], opinion: "同意" }],
        conclusion: "x",
        approved: true,
      },
    });
    assertError(outsider, 400, "VALIDATION_FAILED");
    const d = await discuss(meetingId, x.id, true);
    assert.equal(d.statusCode, 201, d.body);
    assertError(await discuss(meetingId, x.id, true), 409, "CONFLICT");
    const done = await decideX();
    assert.equal(done.statusCode, 200, done.body);

    const page = await t.call({ url: `/api/v1/meetings/${meetingId}`, as: s["dh.legal"] });
    assert.equal(page.statusCode, 200, page.body);
    assert.equal((page.json() as { discussions: unknown[] }).discussions.length, 1);
    const pdf = await t.call({ url: `/api/v1/meetings/${meetingId}/minutes`, as: s["dh.leader"] });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers["content-type"], "application/pdf");
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), "%PDF-");

    // A disagreement the case team does not accept goes to the discussion (P9 + P10).
    const y = await waivedCase(600_000);
    const ry = await submitted(y.id, { proposal: penaltyDecision(600_000) });
    assert.equal(
      (
        await opinion(ry.id, {
          opinion: "problems",
          items: items(ry.checks, { facts: "证据不足" }),
          comment: "证据不足",
        })
      ).statusCode,
      200,
    );
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/reviews/${ry.id}/escalate`,
        as: s["dh.hb.01"],
        payload: { reason: "x" },
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
    const esc = await t.call({
      method: "POST",
      url: `/api/v1/reviews/${ry.id}/escalate`,
      as: approver(),
      payload: { reason: "现场检查笔录和照片足以证明，不同意审核意见" },
    });
    assert.equal(esc.statusCode, 200, esc.body);
    assertError(await decide(y.id, 600_000, c.day(-2)), 422, "COLLECTIVE_DISCUSSION_REQUIRED");
    assert.equal((await discuss(meetingId, y.id, false)).statusCode, 201);
    assertError(await decide(y.id, 600_000, c.day(-2)), 422, "LEGAL_REVIEW_FAILED");
    const m2 = await meeting(5);
    assert.equal((await discuss((m2.json() as { id: string }).id, y.id, true)).statusCode, 201);
    assert.equal((await decide(y.id, 600_000, c.day(-2))).statusCode, 200);
  });

  test("F1: a decision of 2026-02-12 is due for filing 10 working days later across the Spring Festival (calendar); the overdue alarm fires; submit and acknowledge", async () => {
    const x = await c.lead({
      actOn: "2025-12-20",
      discoveredOn: "2026-01-05",
      party: { type: "individual", name: "冯某", idNumber: "330702198512121234", address: "湖滨路 9 号" },
    });
    await c.ok(x.id, "file", "2026-01-06", {}, approver());
    await c.ok(x.id, "start_investigation", "2026-01-07");
    await c.ok(x.id, "record_inspection", "2026-01-08", { record: "现场检查：占道经营" });
    await c.ok(x.id, "finish_investigation", "2026-01-20", { report: "事实清楚" });
    await c.ok(x.id, "notify", "2026-01-30", {
      penalty: { fineFen: 600_000 },
      facts: "占道经营",
      legalBasis: "条例",
    });
    await c.ok(x.id, "waive_statement", "2026-02-02", { note: "放弃" });
    await agreeAll(await submitted(x.id, { proposal: penaltyDecision(600_000) }));
    const decided = await decide(x.id, 600_000, "2026-02-12");
    assert.equal(decided.statusCode, 200, decided.body);

    // The due date from the calendar: 2026-02-14 (Saturday) is a make-up working day, 02-15..02-23 the holiday.
    const { loadCalendar } = await import("../../src/modules/calendar/load-calendar.ts");
    const { addWorkingDays } = await import("../../src/modules/calendar/working-days.ts");
    const expected = addWorkingDays(await loadCalendar(t.ctx.db), "2026-02-12", 10);
    assert.equal(expected, "2026-03-04");

    const list = async (as: Session, query = "") => {
      const res = await t.call({ url: `/api/v1/filings?pageSize=200${query}`, as });
      assert.equal(res.statusCode, 200, res.body);
      return (
        res.json() as {
          items: {
            eventId: string;
            caseId: string;
            dueOn: string;
            overdue: boolean;
            status: string;
            filingId: string | null;
          }[];
        }
      ).items;
    };
    const mine = (await list(s["dh.legal"]!, "&overdue=true")).find((f) => f.caseId === x.id)!;
    assert.ok(mine, "the overdue alarm lists the decision");
    assert.equal(mine.dueOn, "2026-03-04");
    assert.equal(mine.status, "pending");
    const gov = await t.login("gov.legal");
    assert.ok(
      (await list(gov)).some((f) => f.caseId === x.id),
      "the government legal office above sees it",
    );
    const xs = await t.login("xs.legal");
    assert.ok(!(await list(xs)).some((f) => f.caseId === x.id), "another county does not");

    const file = (as: Session) =>
      t.call({
        method: "POST",
        url: "/api/v1/filings",
        as,
        payload: { eventId: mine.eventId, note: "报区政府法制机构备案" },
      });
    assertError(await file(s["dh.hb.01"]!), 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);
    const filed = await file(s["dh.legal"]!);
    assert.equal(filed.statusCode, 201, filed.body);
    assert.equal((filed.json() as { late: boolean }).late, true);
    assertError(await file(s["dh.legal"]!), 409, "FILING_STATE");
    const filingId = (await list(gov)).find((f) => f.caseId === x.id)!.filingId!;
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/filings/${filingId}/ack`,
        as: s["dh.legal"],
        payload: {},
      }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
    const ack = await t.call({
      method: "POST",
      url: `/api/v1/filings/${filingId}/ack`,
      as: gov,
      payload: { note: "已签收" },
    });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.equal((await list(gov)).find((f) => f.caseId === x.id)!.status, "acknowledged");

    const figures = await t.call({ url: "/api/v1/review-figures?year=2026", as: s["dh.legal"] });
    assert.equal(figures.statusCode, 200, figures.body);
    const f = figures.json() as {
      reviews: { agreed: number; problems: number };
      meetingsHeld: number;
      filings: { late: number };
    };
    assert.ok(f.reviews.agreed >= 1 && f.reviews.problems >= 1);
    assert.ok(f.filings.late >= 1);
  });
  test("L3: a review not given by its deadline (working days, setting) is flagged in the queue", async () => {
    const x = await waivedCase(600_000);
    const r = await submitted(x.id, { proposal: penaltyDecision(600_000) });
    const queue = async (query: string) => {
      const res = await t.call({ url: `/api/v1/reviews?${query}`, as: s["dh.legal"] });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { items: { id: string; warning: string | null }[] }).items.find(
        (i) => i.id === r.id,
      );
    };
    assert.equal((await queue("status=pending"))?.warning, "green");
    assert.equal(await queue("overdue=true"), undefined);
    t.ctx.clock.advance(20 * 24 * 3600_000);
    s["dh.legal"] = await t.login("dh.legal"); // the session expired meanwhile
    assert.equal((await queue("overdue=true"))?.warning, "red");
    const page = await t.call({ url: `/api/v1/reviews/${r.id}`, as: s["dh.legal"] });
    assert.equal((page.json() as { overdue: boolean }).overdue, true);
  });
});
