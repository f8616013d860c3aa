import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  type CalendarYearFile,
  importCalendarYear,
} from "../../src/modules/calendar/import-calendar-year.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

/** An invented 2027 notice (the real one is not published yet), as the CLI would import it. */
const sample2027: CalendarYearFile = {
  year: 2027,
  source: "国务院办公厅关于2027年部分节假日安排的通知（测试样例）",
  holidays: [{ date: "2027-01-01", name: "元旦" }],
  workdays: [],
};

type Coverage = { lastYear: number; coveredUntil: string; daysLeft: number; warn: boolean };
type Deadline = { kind: string; dueOn: string | null; light: string };
type ListItem = { id: string; trackingCode: string; nextDueOn: string | null; light: string | null };

describe(`complaints and the end of the working-day calendar (${testEngine()}, rule D4)`, () => {
  let t: TestApp;
  let ip = 1;
  const nextIp = () => `10.9.0.${ip++}`;
  /** Moves the test clock to 09:00 China time of `day` (sessions are made after each move). */
  const moveTo = (day: string) => {
    const target = Date.parse(`${day}T01:00:00Z`);
    t.ctx.clock.advance(target - t.ctx.clock.now().getTime());
  };

  before(async () => {
    t = await testApp();
  });
  after(async () => t?.close());

  const coverage = async (as: Session) => {
    const res = await t.call({ url: "/api/v1/calendar/coverage", as });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Coverage;
  };

  test("D4: GET /calendar/coverage needs a session and warns within calendar.warnDays (60) days", async () => {
    assertError(await t.call({ url: "/api/v1/calendar/coverage" }), 401, "UNAUTHENTICATED");
    // 2026-06-15: far from the end of the packaged calendar.
    let cov = await coverage(await t.login("dh.hb.01"));
    assert.equal(cov.lastYear, 2026);
    assert.equal(cov.coveredUntil, "2026-12-31");
    assert.equal(cov.daysLeft, 199);
    assert.equal(cov.warn, false);
    moveTo("2026-10-31");
    cov = await coverage(await t.login("dh.hb.01"));
    assert.equal(cov.daysLeft, 61);
    assert.equal(cov.warn, false);
    moveTo("2026-11-01");
    cov = await coverage(await t.login("dh.hb.01"));
    assert.equal(cov.daysLeft, 60);
    assert.equal(cov.warn, true);
    // The number of days is the city's setting calendar.warnDays (D4).
    const admin = await t.login("admin");
    const put = await t.call({
      as: admin,
      method: "PUT",
      url: `/api/v1/agencies/${t.agency.city}/settings/calendar.warnDays`,
      payload: { value: 30, reason: "提前 30 日提醒即可" },
    });
    assert.equal(put.statusCode, 200, put.body);
    cov = await coverage(await t.login("dh.hb.01"));
    assert.equal(cov.warn, false);
  });

  test("D4: near the end of the calendar a public complaint is accepted with a pending answer deadline, computed once 2027 is imported", async () => {
    moveTo("2026-12-20");
    const clerk = await t.login("dh.clerk");
    const res = await t.call({
      method: "POST",
      url: "/api/v1/public/complaints",
      remoteAddress: nextIp(),
      payload: {
        bureauId: t.agency.donghu,
        category: "street_vending",
        address: "东湖区湖滨街道湖滨路 18 号门前",
        description: "每天傍晚有摊贩占用人行道经营烧烤，行人无法通行",
        anonymous: true,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const made = res.json() as { trackingCode: string; receivedOn: string; answerDueOn: string | null };
    assert.match(made.trackingCode, /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}$/);
    assert.equal(made.receivedOn, "2026-12-20");
    assert.equal(made.answerDueOn, null, "15 working days reach 2027, not loaded: not guessed");

    // Staff intake too (phone call at the desk).
    const call = await t.call({
      method: "POST",
      url: "/api/v1/complaints",
      as: clerk,
      payload: {
        agencyId: t.agency.donghu,
        source: "phone",
        category: "litter",
        address: "东湖区新城街道新城大道 2 号",
        description: "来电反映垃圾堆放",
      },
    });
    assert.equal(call.statusCode, 201, call.body);

    // The public status page works and says nothing wrong.
    const st = await t.call({
      url: `/api/v1/public/complaints/${made.trackingCode}`,
      remoteAddress: nextIp(),
    });
    assert.equal(st.statusCode, 200, st.body);
    assert.equal((st.json() as { answerDueOn: string | null }).answerDueOn, null);

    // Staff list and detail: the accept deadline (3 working days) is computed, the answer one is pending.
    const list = await t.call({ url: `/api/v1/complaints?q=${made.trackingCode}`, as: clerk });
    assert.equal(list.statusCode, 200, list.body);
    const item = (list.json() as { items: ListItem[] }).items[0]!;
    assert.equal(item.nextDueOn, "2026-12-23");
    const detail = async () => {
      const d = await t.call({ url: `/api/v1/complaints/${item.id}`, as: clerk });
      assert.equal(d.statusCode, 200, d.body);
      return d.json() as { acceptDueOn: string | null; answerDueOn: string | null; deadlines: Deadline[] };
    };
    let d = await detail();
    assert.equal(d.acceptDueOn, "2026-12-23");
    assert.equal(d.answerDueOn, null);
    assert.deepEqual(
      d.deadlines.map((x) => [x.kind, x.dueOn, x.light]),
      [
        ["accept", "2026-12-23", "green"],
        ["answer", null, "pending"],
      ],
    );
    const pending = await t.call({ url: "/api/v1/complaints?light=pending&pageSize=200", as: clerk });
    assert.equal(pending.statusCode, 200, pending.body);
    assert.ok((pending.json() as { items: ListItem[] }).items.some((x) => x.id === item.id));
    const figures = await t.call({ url: "/api/v1/complaints/figures", as: clerk });
    assert.equal(figures.statusCode, 200, figures.body);
    assert.ok((figures.json() as { answer: { pending: number } }).answer.pending >= 2);

    // Inside the warning window.
    const cov = await coverage(clerk);
    assert.deepEqual(
      [cov.lastYear, cov.coveredUntil, cov.daysLeft, cov.warn],
      [2026, "2026-12-31", 11, true],
    );

    // The administrator imports 2027 (the use case the CLI calls): the deadline is computed on read.
    await importCalendarYear(t.ctx, null, sample2027);
    d = await detail();
    // 2026-12-20 (Sunday) + 15 working days, 2027-01-01 a holiday → 2027-01-11.
    assert.equal(d.answerDueOn, "2027-01-11");
    assert.deepEqual(
      d.deadlines.map((x) => [x.kind, x.dueOn, x.light]),
      [
        ["accept", "2026-12-23", "green"],
        ["answer", "2027-01-11", "green"],
      ],
    );
    const st2 = await t.call({
      url: `/api/v1/public/complaints/${made.trackingCode}`,
      remoteAddress: nextIp(),
    });
    assert.equal((st2.json() as { answerDueOn: string | null }).answerDueOn, "2027-01-11");
    const green = await t.call({ url: "/api/v1/complaints?light=green&pageSize=200", as: clerk });
    assert.ok((green.json() as { items: ListItem[] }).items.some((x) => x.id === item.id));
    const none = await t.call({ url: "/api/v1/complaints?light=pending&pageSize=200", as: clerk });
    assert.ok(!(none.json() as { items: ListItem[] }).items.some((x) => x.id === item.id));
    const fig2 = (await t.call({ url: "/api/v1/complaints/figures", as: clerk })).json() as {
      answer: { pending: number };
    };
    assert.equal(fig2.answer.pending, 0);

    const after = await coverage(clerk);
    assert.deepEqual([after.lastYear, after.coveredUntil, after.warn], [2027, "2027-12-31", false]);
    assert.equal(after.daysLeft, 376);
  });

  test("D4: a reopen request near the end of the calendar is accepted; the new answer deadline runs from the request once the year is imported", async () => {
    moveTo("2027-12-01");
    const res = await t.call({
      method: "POST",
      url: "/api/v1/public/complaints",
      remoteAddress: nextIp(),
      payload: {
        bureauId: t.agency.donghu,
        category: "street_vending",
        address: "东湖区湖滨街道湖滨路 20 号门前",
        description: "夜间占道经营烧烤，油烟扰民",
        anonymous: true,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const made = res.json() as { trackingCode: string; answerDueOn: string | null };
    assert.equal(made.answerDueOn, "2027-12-22");
    moveTo("2027-12-20");
    const s = {
      clerk: await t.login("dh.clerk"),
      lead: await t.login("dh.hb.lead"),
      officer: await t.login("dh.hb.01"),
    };
    const list = await t.call({ url: `/api/v1/complaints?q=${made.trackingCode}`, as: s.clerk });
    const id = (list.json() as { items: ListItem[] }).items[0]!.id;
    const step = async (name: string, as: Session, body: Record<string, unknown> = {}) => {
      const d = await t.call({ url: `/api/v1/complaints/${id}`, as });
      const version = (d.json() as { version: number }).version;
      const r = await t.call({
        method: "POST",
        url: `/api/v1/complaints/${id}/${name}`,
        as,
        payload: { version, ...body },
      });
      assert.equal(r.statusCode, 200, `${name}: ${r.body}`);
    };
    await step("dispatch", s.clerk, { agencyId: t.agency["donghu-1"] });
    await step("accept", s.lead);
    await step("verify", s.officer, { findings: "现场核实：夜间有烧烤摊占道" });
    await step("answer", s.officer, { answer: "已责令当事人停止占道经营。" });
    const reopen = await t.call({
      method: "POST",
      url: `/api/v1/public/complaints/${made.trackingCode}/reopen`,
      remoteAddress: nextIp(),
      payload: { reason: "答复后仍每晚占道经营" },
    });
    assert.equal(reopen.statusCode, 200, reopen.body);
    const detail = async () =>
      (await t.call({ url: `/api/v1/complaints/${id}`, as: s.clerk })).json() as {
        state: string;
        answerDueOn: string | null;
        deadlines: Deadline[];
      };
    let d = await detail();
    assert.equal(d.state, "reopened");
    assert.equal(d.answerDueOn, null);
    assert.deepEqual(
      d.deadlines.map((x) => [x.kind, x.light]),
      [["answer", "pending"]],
    );
    await importCalendarYear(t.ctx, null, {
      year: 2028,
      source: "国务院办公厅关于2028年部分节假日安排的通知（测试样例）",
      holidays: [{ date: "2028-01-01", name: "元旦" }],
      workdays: [],
    });
    d = await detail();
    // From the request day 2027-12-20 (not from receipt): + 15 working days → 2028-01-10.
    assert.equal(d.answerDueOn, "2028-01-10");
  });
});
