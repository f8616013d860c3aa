import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { extractText, getDocumentProxy } from "unpdf";
import { loadCalendar } from "../../src/modules/calendar/load-calendar.ts";
import { dueDate } from "../../src/modules/calendar/working-days.ts";
import { ledgerEntries } from "../../src/modules/ledger/schema.ts";
import { caseClient } from "../support/cases.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";
import { multipart } from "../support/multipart.ts";

describe(`change of case officers (C2) and extension of sealing/seizure (K3) over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let c0: ReturnType<typeof caseClient>;
  before(async () => {
    t = await testApp();
    for (const u of ["dh.hb.lead", "dh.hb.01", "dh.hb.02", "dh.leader", "dh.xc.lead", "dh.xc.01", "dh.xc.02"])
      s[u] = await t.login(u);
    c0 = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  });
  after(async () => t?.close());

  const day = (n: number) => c0.day(n);
  const approver = () => s["dh.hb.lead"]!;
  const u = (name: string) => t.user[name]!;

  /** A case under investigation from day -59 (filed on day -60), officers 张伟 (dh.hb.01) and the squad leader. */
  async function investigating(over: Record<string, unknown> = {}) {
    const c = await c0.lead({ actOn: day(-80), discoveredOn: day(-75), ...over });
    await c0.ok(c.id, "file", day(-70), {}, approver());
    await c0.ok(c.id, "start_investigation", day(-69));
    return c;
  }

  const mineCases = async (as: Session, officerId: string) => {
    const res = await t.call({ url: `/api/v1/cases?officerId=${officerId}&pageSize=100`, as });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { id: string }[] }).items.map((x) => x.id);
  };
  const mineDeadlines = async (as: Session) => {
    const res = await t.call({ url: "/api/v1/case-deadlines?mine=true&pageSize=100", as });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: { caseId: string; officers: string[] }[] }).items;
  };

  test("C2: an approver changes the officers (self-transition, version + 1); refusals leave nothing behind", async () => {
    const c = await investigating();
    const before = await c0.get(c.id);
    const change = (officerIds: string[], on = day(-30), as = approver()) =>
      c0.step(c.id, "change_officers", on, { officerIds, reason: "张伟调岗，由李娜接替" }, as);
    // Not an approver: an officer of the case may not change its officers.
    assertError(
      await change([u("dh.hb.lead"), u("dh.hb.02")], day(-30), s["dh.hb.01"]),
      403,
      "CASE_ROLE_REQUIRED",
    );
    // Fewer than two (C2); the same officer twice.
    assertError(await change([u("dh.hb.lead")]), 422, "CASE_OFFICERS_TOO_FEW");
    assertError(await change([u("dh.hb.lead"), u("dh.hb.lead")]), 400, "VALIDATION_FAILED");
    // Without a valid certificate for the field on the step date (O1): the assistant has none;
    // 李娜's expired 10 days ago.
    assertError(await change([u("dh.hb.lead"), u("dh.hb.xg")]), 422, "CERTIFICATE_INVALID");
    assertError(await change([u("dh.hb.lead"), u("dh.hb.02")], day(-1)), 422, "CERTIFICATE_INVALID");
    // An officer of another agency (西山县) with a valid certificate.
    assertError(await change([u("dh.hb.lead"), u("xs.cg.01")]), 422, "CASE_OFFICER_OTHER_AGENCY");
    // No reason: refused by the step's data.
    assertError(
      await c0.step(
        c.id,
        "change_officers",
        day(-30),
        { officerIds: [u("dh.hb.lead"), u("dh.hb.02")] },
        approver(),
      ),
      400,
      "VALIDATION_FAILED",
    );
    const unchanged = await c0.get(c.id);
    assert.equal(unchanged.version, before.version);
    assert.equal(unchanged.events.length, before.events.length);

    // 张伟 is replaced by 李娜 (certificate valid on day -30).
    const done = await c0.ok(
      c.id,
      "change_officers",
      day(-30),
      { officerIds: [u("dh.hb.lead"), u("dh.hb.02")], reason: "张伟调岗，由李娜接替" },
      approver(),
    );
    assert.equal(done.state, "investigating");
    assert.equal(done.version, before.version + 1);
    const res = await t.call({ url: `/api/v1/cases/${c.id}`, as: approver() });
    const detail = res.json() as {
      officers: { userId: string; displayName: string }[];
      events: { event: string; data: Record<string, unknown>; seq: number }[];
    };
    assert.deepEqual(
      detail.officers.map((o) => o.userId),
      [u("dh.hb.lead"), u("dh.hb.02")],
    );
    assert.equal(detail.officers[1]!.displayName, "李娜");
    // The history: the registered officers on the create step, the new set on the change step.
    assert.deepEqual(detail.events[0]!.data.officerIds, [u("dh.hb.01"), u("dh.hb.lead")]);
    const last = detail.events[detail.events.length - 1]!;
    assert.equal(last.event, "change_officers");
    assert.deepEqual(last.data.officerIds, [u("dh.hb.lead"), u("dh.hb.02")]);
    // The full-process record has the change.
    const entries = await t.ctx.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.caseId, c.id), eq(ledgerEntries.eventType, "case.change_officers")));
    assert.equal(entries.length, 1);

    // The removed officer can no longer act as an officer of the case; the new one can (C2 passes).
    assertError(
      await c0.step(c.id, "record_inspection", day(-29), { record: "现场检查" }, s["dh.hb.01"]),
      403,
      "CASE_ROLE_REQUIRED",
    );
    await c0.ok(c.id, "record_inspection", day(-29), { record: "现场检查，李娜记录" }, s["dh.hb.02"]);
    // C2 once the change is no longer the last step (an investigation record reads only the last
    // step and the changes of officers): the officers in force are still the changed ones, and a
    // date before the last step is still refused.
    assertError(
      await c0.step(
        c.id,
        "record_interview",
        day(-29),
        { record: "询问", interviewee: "当事人" },
        s["dh.hb.01"],
      ),
      403,
      "CASE_ROLE_REQUIRED",
    );
    const early = await c0.step(
      c.id,
      "record_interview",
      day(-30),
      { record: "询问", interviewee: "当事人" },
      s["dh.hb.02"],
    );
    assertError(early, 400, "VALIDATION_FAILED");
    assert.match(early.json().error.message, /上一环节/);
    await c0.ok(
      c.id,
      "record_interview",
      day(-29),
      { record: "询问当事人", interviewee: "当事人" },
      s["dh.hb.02"],
    );
    // The change is not repeated with the same set.
    assertError(await change([u("dh.hb.02"), u("dh.hb.lead")], day(-29)), 400, "VALIDATION_FAILED");

    // "Mine" lists follow the officers in force.
    assert.ok(!(await mineCases(approver(), u("dh.hb.01"))).includes(c.id));
    assert.ok((await mineCases(approver(), u("dh.hb.02"))).includes(c.id));
    assert.ok((await mineCases(approver(), u("dh.hb.lead"))).includes(c.id));
    assert.ok(!(await mineDeadlines(s["dh.hb.01"]!)).some((d) => d.caseId === c.id));
    const hers = (await mineDeadlines(s["dh.hb.02"]!)).find((d) => d.caseId === c.id);
    assert.ok(hers, "李娜 sees the case's deadline among hers");
    assert.equal(hers.officers.length, 2);
    assert.ok(hers.officers.includes("李娜") && !hers.officers.includes("张伟"), hers.officers.join());
    // Another case of 张伟 stays his.
    const other = await c0.lead();
    assert.ok((await mineCases(approver(), u("dh.hb.01"))).includes(other.id));
  });

  test("C2: the change of officers is offered from the lead until the case is closed, to approvers only", async () => {
    const c = await c0.lead();
    assert.ok((await c0.get(c.id, approver())).actions.some((a) => a.event === "change_officers"));
    assert.ok(!(await c0.get(c.id, s["dh.hb.01"])).actions.some((a) => a.event === "change_officers"));
    // The bureau's leader (机关负责人) may approve it too, at the lead.
    await c0.ok(
      c.id,
      "change_officers",
      day(-30),
      { officerIds: [u("dh.hb.lead"), u("dh.hb.02")], reason: "张伟回避（C3）" },
      s["dh.leader"],
    );
    await c0.ok(c.id, "cancel", day(-1), { reason: "线索不实" }, approver());
    assertError(
      await c0.step(
        c.id,
        "change_officers",
        day(0),
        { officerIds: [u("dh.hb.lead"), u("dh.hb.02")], reason: "x" },
        approver(),
      ),
      409,
      "TRANSITION_NOT_ALLOWED",
    );
  });

  const pdfText = async (caseId: string, kind: string, seq: number) => {
    const res = await t.call({ url: `/api/v1/cases/${caseId}/documents/${kind}/${seq}`, as: approver() });
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    const doc = await getDocumentProxy(new Uint8Array(res.rawPayload));
    return ((await extractText(doc, { mergePages: false })).text as string[]).join("\n");
  };

  test("C2 / P7: an officer removed by a change may not preside over the hearing; documents name the officers of their step; the case lists the changes", async () => {
    const c = await investigating();
    const zhang = s["dh.hb.01"]!;
    const li = s["dh.hb.02"]!;
    // Before the change: 张伟 and 张中队 inspect.
    await c0.ok(c.id, "record_inspection", day(-68), { record: "现场检查：占道经营约 6 平方米" }, zhang);
    await c0.ok(
      c.id,
      "change_officers",
      day(-60),
      { officerIds: [u("dh.hb.lead"), u("dh.hb.02")], reason: "张伟调岗，由李娜接替" },
      approver(),
    );
    await c0.ok(c.id, "record_inspection", day(-58), { record: "复查：仍在占道经营" }, li);
    await c0.ok(c.id, "finish_investigation", day(-40), { report: "事实清楚" }, li);
    await c0.ok(
      c.id,
      "notify",
      day(-30),
      { penalty: { fineFen: 600_000 }, facts: "占道经营", legalBasis: "条例" },
      li,
    );
    await c0.ok(c.id, "request_hearing", day(-29), {}, li);
    const hearing = (presidingUserId: string) =>
      c0.step(
        c.id,
        "notify_hearing",
        day(-28),
        { hearingOn: day(-10), presidingUserId, place: "听证室" },
        li,
      );
    // P7: 张伟 investigated the case before he was removed: he may not preside; nor an officer now.
    const refused = await hearing(u("dh.hb.01"));
    assertError(refused, 422, "HEARING_PRESIDER_CONFLICT");
    assert.match(refused.json().error.message, /P7/);
    assertError(await hearing(u("dh.hb.lead")), 422, "HEARING_PRESIDER_CONFLICT");
    // Someone who never investigated it may.
    const presided = await hearing(u("dh.leader"));
    assert.equal(presided.statusCode, 200, presided.body);

    // C2: each document names the officers in force at its step.
    const docs = await t.call({ url: `/api/v1/cases/${c.id}/documents`, as: approver() });
    assert.equal(docs.statusCode, 200, docs.body);
    const inspections = (docs.json() as { kind: string; seq: number }[]).filter(
      (d) => d.kind === "inspection_record",
    );
    assert.equal(inspections.length, 2);
    const [early, late] = inspections.sort((x, y) => x.seq - y.seq);
    const before = await pdfText(c.id, "inspection_record", early!.seq);
    assert.ok(before.includes("张伟、张中队"), before);
    assert.ok(!before.includes("李娜"), before);
    const after = await pdfText(c.id, "inspection_record", late!.seq);
    assert.ok(after.includes("张中队、李娜"), after);
    assert.ok(!after.includes("张伟"), after);
    const report = (docs.json() as { kind: string; seq: number }[]).find(
      (d) => d.kind === "investigation_report",
    )!;
    const reportText = await pdfText(c.id, "investigation_report", report.seq);
    assert.ok(reportText.includes("张中队、李娜") && !reportText.includes("张伟"), reportText);
    // The dossier's cover names everyone who has been on the case, in the order they joined.
    const dossier = await t.call({ url: `/api/v1/cases/${c.id}/dossier`, as: approver() });
    assert.equal(dossier.statusCode, 200, dossier.body.slice(0, 200));
    const dossierPages = (
      await extractText(await getDocumentProxy(new Uint8Array(dossier.rawPayload)), { mergePages: false })
    ).text as string[];
    assert.ok(dossierPages[0]!.includes("张伟、张中队、李娜"), dossierPages[0]);

    // C2: GET /cases/{id} lists the changes (and keeps its other fields).
    const res = await t.call({ url: `/api/v1/cases/${c.id}`, as: approver() });
    assert.equal(res.statusCode, 200, res.body);
    const detail = res.json() as {
      officers: { userId: string }[];
      events: { seq: number; event: string }[];
      officerChanges: {
        seq: number;
        on: string;
        officerIds: string[];
        officers: { userId: string; displayName: string }[];
        added: { userId: string; displayName: string }[];
        removed: { userId: string; displayName: string }[];
        reason: string;
        actorId: string;
        actorName: string;
      }[];
    };
    assert.deepEqual(
      detail.officers.map((o) => o.userId),
      [u("dh.hb.lead"), u("dh.hb.02")],
    );
    const changeSeq = detail.events.find((e) => e.event === "change_officers")!.seq;
    assert.deepEqual(detail.officerChanges, [
      {
        seq: changeSeq,
        on: day(-60),
        officerIds: [u("dh.hb.lead"), u("dh.hb.02")],
        officers: [
          { userId: u("dh.hb.lead"), displayName: "张中队" },
          { userId: u("dh.hb.02"), displayName: "李娜" },
        ],
        added: [{ userId: u("dh.hb.02"), displayName: "李娜" }],
        removed: [{ userId: u("dh.hb.01"), displayName: "张伟" }],
        reason: "张伟调岗，由李娜接替",
        actorId: u("dh.hb.lead"),
        actorName: "张中队",
      },
    ]);
    // A case without changes has none.
    const plain = await c0.lead();
    const plainRes = await t.call({ url: `/api/v1/cases/${plain.id}`, as: approver() });
    assert.deepEqual((plainRes.json() as { officerChanges: unknown[] }).officerChanges, []);
  });

  /** A 西城中队 (donghu-2) case noticed with a 6,000 yuan fine and waived: it needs a legal review (L1). */
  async function waivedXc(officerIds: string[]) {
    const xc = caseClient(t, s["dh.xc.01"]!, s["dh.xc.lead"]!);
    const x = await xc.lead({
      agencyId: t.agency["donghu-2"],
      officerIds,
      party: {
        type: "individual",
        name: "陈某",
        idNumber: "330702198001011111",
        address: "西城路 2 号",
      },
    });
    await xc.ok(x.id, "file", day(-60), {}, s["dh.xc.lead"]);
    await xc.ok(x.id, "start_investigation", day(-59));
    await xc.ok(x.id, "record_inspection", day(-58), { record: "现场检查：占道摆摊约 6 平方米" });
    await xc.ok(x.id, "finish_investigation", day(-50), { report: "事实清楚，证据确凿" });
    await xc.ok(x.id, "notify", day(-40), {
      penalty: { fineFen: 600_000 },
      facts: "在西城路占道经营",
      legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
    });
    await xc.ok(x.id, "waive_statement", day(-39), { note: "当事人书面放弃陈述申辩和听证" });
    return { x, xc };
  }
  const reviewMaterials = ["investigation_report", "proposal", "evidence", "legal_basis"];
  const proposal = { outcome: "penalty", penalty: { fineFen: 600_000 }, reasons: "占道经营，依法处罚" };
  const submitReview = (caseId: string, reviewerId: string) =>
    t.call({
      method: "POST",
      url: "/api/v1/reviews",
      as: s["dh.xc.lead"],
      payload: { caseId, materials: reviewMaterials, reviewerId, proposal },
    });

  test("C2 / P10: an officer removed by a change is not offered as legal reviewer, is refused if assigned, and may not give the opinion", async () => {
    // 陈静 (dh.xc.02, officer and legal reviewer of the squad) investigates, then is replaced.
    const { x, xc } = await waivedXc([u("dh.xc.01"), u("dh.xc.02")]);
    await xc.ok(
      x.id,
      "change_officers",
      day(-30),
      { officerIds: [u("dh.xc.01"), u("dh.xc.lead")], reason: "陈静转岗法制审核" },
      s["dh.xc.lead"],
    );
    const list = await t.call({ url: `/api/v1/cases/${x.id}/reviewers`, as: s["dh.xc.lead"] });
    assert.equal(list.statusCode, 200, list.body);
    const chen = (list.json() as { items: { userId: string; refusal: string | null }[] }).items.find(
      (r) => r.userId === u("dh.xc.02"),
    );
    assert.ok(chen, list.body);
    assert.match(chen.refusal ?? "", /本案办案人员.*P10/);
    const refused = await submitReview(x.id, u("dh.xc.02"));
    assertError(refused, 422, "REVIEWER_NOT_ELIGIBLE");
    assert.match(refused.json().error.message, /本案办案人员/);
    // The bureau's reviewer, never on the case, may review it.
    const ok = await submitReview(x.id, u("dh.legal"));
    assert.equal(ok.statusCode, 201, ok.body);
    // L2 / C2: the machine check of certificates names the officers in force at each step: 陈静
    // inspected before the change, the squad leader who replaced her did not.
    const certificates = (ok.json() as { checks: { item: string; evidence: string }[] }).checks.find(
      (k) => k.item === "certificates",
    );
    assert.match(certificates?.evidence ?? "", /陈静执法证有效/);
    assert.doesNotMatch(certificates?.evidence ?? "", /杨中队执法证有效/);

    // Assigned before she joined the case team and left it again: she may not give the opinion.
    const { x: y, xc: yc } = await waivedXc([u("dh.xc.01"), u("dh.xc.lead")]);
    const submitted = await submitReview(y.id, u("dh.xc.02"));
    assert.equal(submitted.statusCode, 201, submitted.body);
    const review = submitted.json() as { id: string; checks: { item: string; ok: boolean | null }[] };
    for (const [on, ids] of [
      [day(-30), [u("dh.xc.01"), u("dh.xc.02")]],
      [day(-29), [u("dh.xc.01"), u("dh.xc.lead")]],
    ] as const)
      await yc.ok(y.id, "change_officers", on, { officerIds: ids, reason: "临时调整" }, s["dh.xc.lead"]);
    const opinion = await t.call({
      method: "POST",
      url: `/api/v1/reviews/${review.id}/opinion`,
      as: s["dh.xc.02"],
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
    assertError(opinion, 422, "REVIEWER_NOT_ELIGIBLE");
    assert.match(opinion.json().error.message, /本案办案人员.*P10/);
  });

  async function sealed(on: number) {
    const c = await investigating();
    const up = await t.call({
      method: "POST",
      url: "/api/v1/evidence",
      as: s["dh.hb.01"],
      ...multipart(
        { agencyId: t.agency["donghu-1"], caseId: c.id, action: "seal_seize", kind: "video" },
        { name: "seizure.mp4", type: "video/mp4", bytes: Buffer.from(`seizure video ${c.id}`) },
      ),
    });
    assert.equal(up.statusCode, 201, up.body);
    await c0.ok(c.id, "seal_seize", day(on), {
      items: [{ name: "货架", quantity: 2, unit: "个" }],
      approval: "审批表 2 号",
    });
    return c;
  }
  const seizure = async (id: string) => (await c0.get(id)).deadlines.find((d) => d.kind === "seizure")!;
  const extend = (id: string, on: string, days: number, as = approver()) =>
    c0.step(
      id,
      "extend_seizure",
      on,
      { days, reason: "案情复杂，需进一步核查货物来源", approval: "局长批准，审批表 7 号" },
      as,
    );

  test("K3: the seizure period is extended once, by at most 30 days, before it expires; a decision within the extension is accepted", async () => {
    const cal = await loadCalendar(t.ctx.db);
    const c = await sealed(-60);
    const old = await seizure(c.id);
    assert.equal(old.status, "open");
    assert.equal(old.dueOn, dueDate(cal, day(-60), 30, "day").due);
    // Only approvers; at most 30 days; the data (reason, approval) is required.
    assertError(await extend(c.id, day(-40), 20, s["dh.hb.01"]), 403, "CASE_ROLE_REQUIRED");
    assertError(await extend(c.id, day(-40), 31), 422, "SEIZURE_EXTENSION_EXCEEDED");
    assertError(
      await c0.step(c.id, "extend_seizure", day(-40), { days: 20, reason: "复杂" }, approver()),
      400,
      "VALIDATION_FAILED",
    );
    const before = await c0.get(c.id);
    await c0.ok(
      c.id,
      "extend_seizure",
      day(-40),
      { days: 20, reason: "案情复杂", approval: "局长批准" },
      approver(),
    );
    const after = await c0.get(c.id);
    assert.equal(after.state, "investigating");
    assert.equal(after.version, before.version + 1);
    const extended = after.deadlines.find((d) => d.kind === "seizure")!;
    assert.equal(extended.status, "open");
    // 30 + 20 calendar days from the sealing (a rest day rolls over to the next working day).
    assert.equal(extended.dueOn, dueDate(cal, day(-60), 50, "day").due);
    assert.ok(extended.dueOn > old.dueOn);
    // The deadline list shows the new date.
    const list = await t.call({ url: "/api/v1/case-deadlines?kind=seizure&pageSize=100", as: approver() });
    assert.equal(list.statusCode, 200, list.body);
    const rows = (list.json() as { items: { caseId: string; dueOn: string }[] }).items.filter(
      (r) => r.caseId === c.id,
    );
    assert.deepEqual(
      rows.map((r) => r.dueOn),
      [extended.dueOn],
    );
    // The decision to extend (延长查封（扣押）期限决定书) is a document of the case, sent to the party.
    const docs = await t.call({ url: `/api/v1/cases/${c.id}/documents`, as: s["dh.hb.01"] });
    assert.equal(docs.statusCode, 200, docs.body);
    const doc = (docs.json() as { kind: string; seq: number; title: string }[]).find(
      (d) => d.kind === "seizure_extension",
    );
    assert.ok(doc, docs.body);
    assert.equal(doc.title, "延长查封（扣押）期限决定书");
    const pdf = await t.call({
      url: `/api/v1/cases/${c.id}/documents/seizure_extension/${doc.seq}`,
      as: s["dh.hb.01"],
    });
    assert.equal(pdf.statusCode, 200, pdf.body.slice(0, 200));
    assert.equal(pdf.headers["content-type"], "application/pdf");
    // Only once.
    assertError(await extend(c.id, day(-39), 5), 422, "SEIZURE_EXTENSION_USED");
    // A decision after the old due date but within the extension: confiscation accepted.
    const decideOn = day(-20);
    assert.ok(
      decideOn > old.dueOn && decideOn <= extended.dueOn,
      `${old.dueOn} < ${decideOn} <= ${extended.dueOn}`,
    );
    await c0.ok(c.id, "decide_seized", decideOn, { decision: "confiscate", note: "依法没收" }, approver());
    assert.equal((await seizure(c.id)).status, "closed");
    // No seizure running any more.
    assertError(await extend(c.id, day(-19), 5), 409, "SEIZURE_NOT_OPEN");
  });

  test("K3: no extension once the period has expired; without an extension a late confiscation is refused", async () => {
    const c = await sealed(-60);
    const due = (await seizure(c.id)).dueOn;
    assert.ok(day(-20) > due);
    assertError(await extend(c.id, day(-20), 10), 422, "SEIZURE_EXPIRED");
    assertError(
      await c0.step(c.id, "decide_seized", day(-20), { decision: "confiscate", note: "没收" }, approver()),
      422,
      "MEASURE_DECISION_OVERDUE",
    );
    // No seizure at all.
    const none = await investigating();
    assertError(await extend(none.id, day(-60), 10), 409, "SEIZURE_NOT_OPEN");
  });

  test("K3: a testing period is not counted: the due date moves by its days; overlapping periods are refused", async () => {
    const cal = await loadCalendar(t.ctx.db);
    const c = await sealed(-60);
    const testing = (on: number, from: number, to: number) =>
      c0.step(
        c.id,
        "record_testing_period",
        day(on),
        { from: day(from), to: day(to), note: "送市产品质量检验所检验" },
        approver(),
      );
    assertError(await testing(-45, -50, -52), 422, "TESTING_PERIOD_INVALID");
    assertError(await testing(-45, -61, -52), 422, "TESTING_PERIOD_INVALID");
    const r = await testing(-45, -55, -51);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal((await seizure(c.id)).dueOn, dueDate(cal, day(-60), 35, "day").due);
    assertError(await testing(-44, -52, -50), 422, "TESTING_PERIOD_INVALID");
    // The officers of the case may record it too.
    await c0.ok(c.id, "record_testing_period", day(-44), { from: day(-49), to: day(-48), note: "补充鉴定" });
    await c0.ok(
      c.id,
      "extend_seizure",
      day(-40),
      { days: 10, reason: "案情复杂", approval: "局长批准" },
      approver(),
    );
    assert.equal((await seizure(c.id)).dueOn, dueDate(cal, day(-60), 47, "day").due);
  });
});
