import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dateOf } from "../../src/modules/officers/officer.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

type Plan = {
  id: string;
  title: string;
  version: number;
  sessionCount: number;
  totalHours: number;
  examCount: number;
  withdrawnAt: string | null;
  sessions: {
    id: string;
    title: string;
    hours: number;
    version: number;
    withdrawnAt: string | null;
    withdrawnReason: string | null;
    attendees: { officerId: string; hours: number }[];
  }[];
  exams: {
    id: string;
    version: number;
    passMark: number;
    withdrawnAt: string | null;
    results: { officerId: string; score: number | null }[];
    sat: number;
    passed: number;
  }[];
};

describe(`training changes: edit, withdraw, corrections as new rows (C04, O2) on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const year = () => Number(dateOf(t.ctx.now()).slice(0, 4));
  let planId = "";
  const plan = async () =>
    (await t.call({ as: s["dh.admin"], url: `/api/v1/training/plans/${planId}` })).json() as Plan;
  const call = (as: string, method: "POST" | "PATCH", url: string, payload: Record<string, unknown>) =>
    t.call({ as: s[as], method, url: `/api/v1/training/${url}`, payload });
  const officerId = async (username: string) =>
    (
      (await t.call({ as: s["dh.admin"], url: `/api/v1/officers?q=${username}` })).json().items as {
        id: string;
        username: string;
      }[]
    ).find((o) => o.username === username)!.id;
  const hoursThisYear = async (id: string) =>
    (
      (await t.call({ as: s["dh.admin"], url: `/api/v1/officers/${id}` })).json().training as {
        year: number;
        hours: number;
      }[]
    ).find((x) => x.year === year())!.hours;
  const count = async (sql: string) => (await t.ctx.database.query<{ n: number }>(sql))[0]!.n;

  before(async () => {
    t = await testApp();
    for (const u of ["dh.admin", "xs.admin"]) s[u] = await t.login(u);
    const list = await t.call({ as: s["dh.admin"], url: `/api/v1/training/plans?year=${year()}` });
    planId = (list.json().items as { id: string }[])[0]!.id;
  });
  after(async () => t?.close());

  test("editing a plan, a session or an exam makes a new version and keeps a revision row", async () => {
    const p = await plan();
    const res = await call("dh.admin", "PATCH", `plans/${planId}`, {
      version: 1,
      title: `${p.title}（修订）`,
      reason: "计划名称调整",
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().version, res.json().title], [2, `${p.title}（修订）`]);
    assertError(
      await call("dh.admin", "PATCH", `plans/${planId}`, { version: 1, note: "过期" }),
      409,
      "CONFLICT",
    );
    assertError(
      await call("xs.admin", "PATCH", `plans/${planId}`, { version: 2, note: "越权" }),
      403,
      "FORBIDDEN_AGENCY",
    );
    const s1 = p.sessions[0]!;
    // Hours cannot drop below what attendees were credited; the date stays in the plan's year.
    assertError(
      await call("dh.admin", "PATCH", `sessions/${s1.id}`, { version: 1, hours: 10 }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await call("dh.admin", "PATCH", `sessions/${s1.id}`, { version: 1, heldOn: `${year() - 1}-03-15` }),
      400,
      "VALIDATION_FAILED",
    );
    const renamed = await call("dh.admin", "PATCH", `sessions/${s1.id}`, {
      version: 1,
      title: "行政处罚法与执法程序（一）",
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal((renamed.json() as Plan).sessions[0]!.version, 2);
    const exam = p.exams[0]!;
    const passMark = await call("dh.admin", "PATCH", `exams/${exam.id}`, {
      version: 1,
      passMark: 70,
      reason: "按省级规定",
    });
    assert.equal(passMark.statusCode, 200, passMark.body);
    assert.deepEqual([passMark.json().exams[0].passMark, passMark.json().exams[0].version], [70, 2]);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM training_revisions WHERE action = 'updated'`),
      3,
    );
    assert.equal(
      await count(
        `SELECT count(*)::int AS n FROM ledger_entries WHERE event_type IN ('training.plan_updated','training.session_updated','training.exam_updated')`,
      ),
      3,
    );
  });

  test("attendance and exam results are append-only: the database refuses UPDATE and DELETE; a correction is a new row", async () => {
    await assert.rejects(t.ctx.database.query("UPDATE training_attendance SET hours = 1"), /append-only/);
    await assert.rejects(t.ctx.database.query("DELETE FROM training_attendance"), /append-only/);
    await assert.rejects(t.ctx.database.query("UPDATE exam_results SET score = 100"), /append-only/);
    await assert.rejects(t.ctx.database.query("TRUNCATE exam_results"), /append-only/);

    const hb02 = await officerId("dh.hb.02");
    const p = await plan();
    const s1 = p.sessions[0]!;
    const before = await hoursThisYear(hb02);
    const rows = await count("SELECT count(*)::int AS n FROM training_attendance");
    const fixed = await call("dh.admin", "POST", `sessions/${s1.id}/attendance-corrections`, {
      officerId: hb02,
      hours: 0,
      note: "当天请假，误登记出勤",
    });
    assert.equal(fixed.statusCode, 200, fixed.body);
    assert.ok(!(fixed.json() as Plan).sessions[0]!.attendees.some((a) => a.officerId === hb02));
    assert.equal(await hoursThisYear(hb02), before - s1.hours);
    assert.equal(await count("SELECT count(*)::int AS n FROM training_attendance"), rows + 1);
    // A correction of a correction: back to 30 hours.
    const again = await call("dh.admin", "POST", `sessions/${s1.id}/attendance-corrections`, {
      officerId: hb02,
      hours: 30,
      note: "实际参加半天以上",
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(await hoursThisYear(hb02), before - s1.hours + 30);
    assertError(
      await call("dh.admin", "POST", `sessions/${s1.id}/attendance-corrections`, {
        officerId: hb02,
        hours: s1.hours + 1,
        note: "超出课程学时",
      }),
      400,
      "VALIDATION_FAILED",
    );

    // 缺考 → 78: the result in force is the correction.
    const exam = p.exams[0]!;
    const absent = exam.results.find((r) => r.score === null)!;
    const res = await call("dh.admin", "POST", `exams/${exam.id}/result-corrections`, {
      officerId: absent.officerId,
      score: 78,
      note: "补录成绩（原登记为缺考）",
    });
    assert.equal(res.statusCode, 200, res.body);
    const e = (res.json() as Plan).exams[0]!;
    assert.equal(e.results.find((r) => r.officerId === absent.officerId)!.score, 78);
    assert.equal(e.results.length, exam.results.length);
    assert.equal(e.sat, 6);
  });

  test("withdrawing a session removes its hours from the counts; the plan's withdrawal cascades; nothing is deleted", async () => {
    const p = await plan();
    const s3 = p.sessions[2]!;
    const hb01 = await officerId("dh.hb.01");
    const before = await hoursThisYear(hb01);
    assertError(
      await call("dh.admin", "POST", `sessions/${s3.id}/withdrawal`, { version: 1 }),
      400,
      "VALIDATION_FAILED",
    );
    const res = await call("dh.admin", "POST", `sessions/${s3.id}/withdrawal`, {
      version: 1,
      reason: "课程取消，改为线上自学",
    });
    assert.equal(res.statusCode, 200, res.body);
    const after = res.json() as Plan;
    assert.equal(after.sessionCount, p.sessionCount - 1);
    assert.equal(after.totalHours, p.totalHours - s3.hours);
    const w = after.sessions.find((x) => x.id === s3.id)!;
    assert.ok(w.withdrawnAt);
    assert.equal(w.withdrawnReason, "课程取消，改为线上自学");
    assert.equal(await hoursThisYear(hb01), before - s3.hours);
    assertError(
      await call("dh.admin", "POST", `sessions/${s3.id}/attendance`, { officerIds: [hb01] }),
      409,
      "CONFLICT",
    );
    assertError(
      await call("dh.admin", "POST", `sessions/${s3.id}/withdrawal`, { version: 2, reason: "再次撤销" }),
      409,
      "CONFLICT",
    );

    const whole = await call("dh.admin", "POST", `plans/${planId}/withdrawal`, {
      version: after.version,
      reason: "计划整体调整，另行制定",
    });
    assert.equal(whole.statusCode, 200, whole.body);
    const gone = whole.json() as Plan;
    assert.ok(gone.withdrawnAt);
    assert.ok(gone.sessions.every((x) => x.withdrawnAt) && gone.exams.every((x) => x.withdrawnAt));
    assert.deepEqual([gone.sessionCount, gone.totalHours, gone.examCount], [0, 0, 0]);
    assert.equal(gone.sessions.length, p.sessions.length);
    assert.equal(await hoursThisYear(hb01), 0);
    assertError(
      await call("dh.admin", "POST", `plans/${planId}/sessions`, {
        title: "撤销后新增",
        kind: "on_post",
        online: true,
        heldOn: `${year()}-07-01`,
        hours: 2,
      }),
      409,
      "CONFLICT",
    );
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM training_revisions WHERE action = 'withdrawn'`),
      1 + 1 + 2 + 1,
    );
  });
});
