import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { addWorkingDays, countWorkingDays, parseDay } from "../../src/modules/calendar/working-days.ts";
import { caseClient } from "../support/cases.ts";
import {
  assertError,
  businessRowCounts,
  packageCalendar,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Check = { item: string; label: string; ok: boolean | null; evidence: string; ruleId: string };
type Submitted = { id: string; round: number; dueOn: string; checks: Check[] };
type Extension = { approvedBy: string; reason: string; days: number; at: string; previousDeadline: string };
type Detail = { dueOn: string; overdue: boolean; extension: Extension | null; canExtend: boolean };
type QueueItem = { id: string; dueOn: string; extended: boolean; warning: string | null };

/**
 * L3 ("7 working days, +3 with approval"): the agency leader extends a pending legal review's
 * deadline once, before it passes, by the `review.extensionWorkdays` setting (working days on the
 * calendar); the extension is an append-only row with a ledger entry, and every view of the review
 * deadline uses the deadline in force.
 */
describe(`legal review deadline extension over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let c: ReturnType<typeof caseClient>;
  const users = [
    "dh.hb.01",
    "dh.hb.lead",
    "dh.legal",
    "dh.leader",
    "xs.leader",
    "city.leader",
    "dh.admin",
  ] as const;
  const loginAll = async () => {
    for (const u of users) s[u] = await t.login(u);
    c = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  };
  before(async () => {
    t = await testApp();
    await loginAll();
  });
  after(async () => t?.close());

  const materials = ["investigation_report", "proposal", "evidence", "legal_basis"];
  const proposal = {
    outcome: "penalty",
    penalty: { fineFen: 600_000 },
    reasons: "占道经营，事实清楚，依法处罚",
  };
  let parties = 0;
  /** A case noticed with a fine at the hearing threshold (L1: needs review), waived, submitted for review. */
  async function pendingReview(): Promise<{ caseId: string; review: Submitted }> {
    const caseId = await waivedCase();
    return { caseId, review: await submitted(caseId) };
  }
  async function waivedCase(): Promise<string> {
    const party = {
      type: "individual",
      name: `延期当事人${++parties}`,
      idNumber: `3307021991020${String(1000 + parties)}`,
      address: "湖滨路 2 号",
    };
    const x = await c.lead({ party });
    await c.ok(x.id, "file", c.day(-60), {}, s["dh.hb.lead"]);
    await c.ok(x.id, "start_investigation", c.day(-59));
    await c.ok(x.id, "record_inspection", c.day(-58), { record: "现场检查：占道摆摊约 6 平方米" });
    await c.ok(x.id, "finish_investigation", c.day(-50), { report: "事实清楚，证据确凿" });
    await c.ok(x.id, "notify", c.day(-40), {
      penalty: proposal.penalty,
      facts: "在湖滨路占道经营",
      legalBasis: "《城市市容和环境卫生管理条例》第三十六条",
    });
    await c.ok(x.id, "waive_statement", c.day(-39), { note: "当事人书面放弃陈述申辩和听证" });
    return x.id;
  }
  async function submitted(caseId: string): Promise<Submitted> {
    const res = await t.call({
      method: "POST",
      url: "/api/v1/reviews",
      as: s["dh.hb.lead"],
      payload: { caseId, materials, reviewerId: t.user["dh.legal"], proposal },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Submitted;
  }
  const extend = (
    id: string,
    as: Session | undefined,
    payload: Record<string, unknown> = { reason: "案情复杂，需补充核实" },
  ) => t.call({ method: "POST", url: `/api/v1/reviews/${id}/extension`, as, payload });
  const detail = async (id: string, as = s["dh.legal"]) => {
    const res = await t.call({ url: `/api/v1/reviews/${id}`, as });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Detail;
  };
  const queueItem = async (id: string, query = "status=pending") => {
    const res = await t.call({ url: `/api/v1/reviews?${query}&pageSize=100`, as: s["dh.legal"] });
    assert.equal(res.statusCode, 200, res.body);
    return (res.json() as { items: QueueItem[] }).items.find((i) => i.id === id);
  };
  const count = async (query: string) => {
    const [row] = await t.ctx.database.query<{ n: number }>(query);
    return row?.n ?? 0;
  };
  const written = async () => ({
    extensions: await count("SELECT count(*)::int AS n FROM review_deadline_extensions"),
    entries: await count(
      "SELECT count(*)::int AS n FROM ledger_entries WHERE event_type = 'review.extended'",
    ),
  });

  let first: { caseId: string; review: Submitted };

  test("L3: the agency leader extends a pending review by 3 working days (calendar, across a weekend); queue, detail, decide gate and ledger follow; the row is append-only", async () => {
    first = await pendingReview();
    const r = first.review;
    assert.equal((await detail(r.id, s["dh.leader"])).canExtend, true, "the agency leader may extend");
    assert.equal((await detail(r.id)).canExtend, false, "the legal reviewer may not extend his own deadline");
    assert.equal((await detail(r.id, s["dh.hb.lead"])).canExtend, false, "nor the squad leader");

    const res = await extend(r.id, s["dh.leader"], { reason: "  案情复杂，需补充查阅相关规定  " });
    assert.equal(res.statusCode, 200, res.body);
    const x = res.json() as {
      deadline: string;
      previousDeadline: string;
      extendedBy: number;
      reason: string;
    };
    const cal = packageCalendar();
    assert.equal(x.previousDeadline, r.dueOn);
    assert.equal(x.extendedBy, 3, "review.extensionWorkdays (default 3)");
    assert.equal(x.reason, "案情复杂，需补充查阅相关规定");
    assert.equal(x.deadline, addWorkingDays(cal, r.dueOn, 3));
    // On the test clock: submitted Monday 2026-06-15, due Thursday 2026-06-25 (7 working days, the
    // Dragon Boat Festival 06-19 not counted), extended to Tuesday 2026-06-30 over the weekend.
    assert.deepEqual([r.dueOn, x.deadline], ["2026-06-25", "2026-06-30"]);
    assert.equal(countWorkingDays(cal, r.dueOn, x.deadline), 3);
    const calendarDays = (parseDay(x.deadline) - parseDay(r.dueOn)) / 86_400_000;
    assert.ok(calendarDays > 3, `3 working days after ${r.dueOn} cross a rest day (${x.deadline})`);

    // The queue shows the deadline in force, marked as extended.
    const item = await queueItem(r.id);
    assert.equal(item?.dueOn, x.deadline);
    assert.equal(item?.extended, true);
    assert.equal(item?.warning, "green");
    // The detail: the new deadline, who approved, why, by how much, and the deadline before.
    const d = await detail(r.id);
    assert.equal(d.dueOn, x.deadline);
    assert.equal(d.overdue, false);
    assert.equal(d.extension?.approvedBy, "陈志强");
    assert.equal(d.extension?.reason, "案情复杂，需补充查阅相关规定");
    assert.equal(d.extension?.days, 3);
    assert.equal(d.extension?.previousDeadline, r.dueOn);
    assert.equal((await detail(r.id, s["dh.leader"])).canExtend, false, "only once");
    // The decide step, refused while the review is pending, names the deadline in force.
    const decide = await c.step(first.caseId, "decide", c.day(0), proposal, s["dh.hb.lead"]);
    assertError(decide, 422, "LEGAL_REVIEW_PENDING");
    assert.match((decide.json() as { error: { message: string } }).error.message, new RegExp(x.deadline));

    // The full-process record has the entry, in the same transaction.
    const [entry] = await t.ctx.database.query<{ payload: string; actor_id: string }>(
      `SELECT payload::text AS payload, actor_id FROM ledger_entries WHERE event_type = 'review.extended' AND payload::jsonb->>'reviewId' = '${r.id}'`,
    );
    assert.ok(entry, "ledger entry review.extended");
    assert.equal(entry.actor_id, t.user["dh.leader"]);
    const payload = JSON.parse(entry.payload) as Record<string, unknown>;
    assert.equal(payload.days, 3);
    assert.equal(payload.dueOn, x.deadline);
    assert.equal(payload.previousDueOn, r.dueOn);

    // Append-only: the extension cannot be changed or removed in place.
    for (const statement of [
      "UPDATE review_deadline_extensions SET due_on = due_on + 30",
      "DELETE FROM review_deadline_extensions",
      "TRUNCATE review_deadline_extensions",
    ])
      await assert.rejects(
        t.ctx.db.execute(sql.raw(statement)),
        (e: Error & { cause?: Error }) => /append-only/.test(`${e.message} ${e.cause?.message ?? ""}`),
        statement,
      );
    assert.equal((await detail(r.id)).dueOn, x.deadline);
  });

  test("L3: refused — a second extension, the wrong role, another agency, an answered review, bad input — with their codes and nothing written", async () => {
    const other = await pendingReview();
    const answered = await pendingReview();
    const checks = [...answered.review.checks.map((x) => x.item), "facts", "law"].map((item) => {
      const machine = answered.review.checks.find((x) => x.item === item);
      return { item, ok: true, comment: machine?.ok === false ? "经核实，不影响决定的合法性" : "" };
    });
    const op = await t.call({
      method: "POST",
      url: `/api/v1/reviews/${answered.review.id}/opinion`,
      as: s["dh.legal"],
      payload: { opinion: "agree", items: checks, comment: "同意" },
    });
    assert.equal(op.statusCode, 200, op.body);

    const before = await businessRowCounts(t.ctx.database);
    assertError(await extend(first.review.id, s["dh.leader"]), 422, "REVIEW_EXTENSION_USED");
    assertError(await extend(answered.review.id, s["dh.leader"]), 409, "LEGAL_REVIEW_STATE");
    // The squad leader approves his squad's steps, not the legal review's deadline.
    assertError(await extend(other.review.id, s["dh.hb.lead"]), 403, "CASE_ROLE_REQUIRED");
    // The city's leader supervises the district but does not approve its reviews.
    assertError(await extend(other.review.id, s["city.leader"]), 403, "CASE_ROLE_REQUIRED");
    // Another district's leader cannot reach the case.
    assertError(await extend(other.review.id, s["xs.leader"]), [403, 404], ["FORBIDDEN_AGENCY", "NOT_FOUND"]);
    // The legal reviewer and the officer do not approve at all.
    assertError(await extend(other.review.id, s["dh.legal"]), 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);
    assertError(await extend(other.review.id, s["dh.hb.01"]), 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);
    assertError(await extend(other.review.id, undefined), 401, "UNAUTHENTICATED");
    // The reason is required (1–500 characters); nothing else is accepted.
    assertError(await extend(other.review.id, s["dh.leader"], { reason: "  " }), 400, "VALIDATION_FAILED");
    assertError(await extend(other.review.id, s["dh.leader"], {}), 400, "VALIDATION_FAILED");
    assertError(
      await extend(other.review.id, s["dh.leader"], { reason: "长".repeat(501) }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await extend(other.review.id, s["dh.leader"], { reason: "复杂", days: 10 }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(await extend("00000000-0000-4000-8000-000000000000", s["dh.leader"]), 404, "NOT_FOUND");
    assert.deepEqual(await businessRowCounts(t.ctx.database), before, "nothing written");
    assert.equal((await detail(other.review.id)).extension, null);
    assert.equal((await queueItem(other.review.id))?.extended, false);
  });

  test("L3: an agency whose setting is 0 does not extend (REVIEW_EXTENSION_NOT_ALLOWED)", async () => {
    const { review } = await pendingReview();
    const url = `/api/v1/agencies/${t.agency["donghu-1"]}/settings/review.extensionWorkdays`;
    const set = await t.call({
      method: "PUT",
      url,
      as: s["dh.admin"],
      payload: { value: 0, reason: "本中队审核期限不予延长（L3）" },
    });
    assert.equal(set.statusCode, 200, set.body);
    try {
      const before = await written();
      assert.equal((await detail(review.id, s["dh.leader"])).canExtend, false);
      assertError(await extend(review.id, s["dh.leader"]), 422, "REVIEW_EXTENSION_NOT_ALLOWED");
      assert.deepEqual(await written(), before);
    } finally {
      const reset = await t.call({
        method: "DELETE",
        url: `${url}?reason=${encodeURIComponent("恢复默认")}`,
        as: s["dh.admin"],
      });
      assert.equal(reset.statusCode, 200, reset.body);
    }
    // With the setting back (3), the same review may be extended.
    assert.equal((await detail(review.id, s["dh.leader"])).canExtend, true);
  });

  test("L3: once the deadline has passed an extension is refused (it must be approved before); the overdue filter uses the deadline in force", async () => {
    const { review } = await pendingReview();
    const extendedDue = (await detail(first.review.id)).dueOn;
    // Move the clock to the day after the submission's deadline (still within the extended one).
    const cal = packageCalendar();
    const days = countWorkingDays(cal, c.today(), review.dueOn);
    assert.ok(days > 0);
    let n = 0;
    while (c.today() <= review.dueOn && n++ < 40) t.ctx.clock.advance(24 * 3600_000);
    assert.ok(c.today() > review.dueOn);
    await loginAll(); // sessions may have expired meanwhile

    const before = await written();
    const res = await extend(review.id, s["dh.leader"]);
    assertError(res, 422, "REVIEW_EXTENSION_LATE");
    assert.match((res.json() as { error: { message: string } }).error.message, /届满前/);
    assert.deepEqual(await written(), before, "nothing written");
    const d = await detail(review.id, s["dh.leader"]);
    assert.equal(d.overdue, true);
    assert.equal(d.canExtend, false);
    assert.equal((await queueItem(review.id, "overdue=true"))?.warning, "red");

    // The extended review is judged against its extended deadline.
    assert.ok(c.today() <= extendedDue, `${c.today()} is within the extended deadline ${extendedDue}`);
    assert.equal(await queueItem(first.review.id, "overdue=true"), undefined);
    assert.equal((await detail(first.review.id)).overdue, false);
    while (c.today() <= extendedDue && n++ < 60) t.ctx.clock.advance(24 * 3600_000);
    await loginAll();
    assert.equal((await queueItem(first.review.id, "overdue=true"))?.warning, "red");
    assert.equal((await detail(first.review.id)).overdue, true);
  });

  test("L3 / D4: an extension running into a year the calendar does not cover is refused, nothing written", async () => {
    // The case is investigated now (its own deadlines stay in 2026); submitted for review on Monday
    // 2026-12-21 (China time): due 2026-12-30; 3 working days more would reach 2027, not loaded.
    const caseId = await waivedCase();
    const target = Date.parse("2026-12-21T01:00:00Z");
    t.ctx.clock.advance(target - t.ctx.clock.now().getTime());
    assert.equal(c.today(), "2026-12-21");
    await loginAll();
    const review = await submitted(caseId);
    assert.equal(review.dueOn, "2026-12-30");
    const before = await written();
    assertError(await extend(review.id, s["dh.leader"]), 422, "CALENDAR_YEAR_NOT_LOADED");
    assert.deepEqual(await written(), before);
    assert.equal((await detail(review.id)).dueOn, "2026-12-30");
  });
});
