import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { dateOf } from "../../src/modules/officers/officer.ts";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Plan = {
  id: string;
  year: number;
  sessions: {
    id: string;
    kind: string;
    hours: number;
    attendees: { displayName: string; hours: number }[];
  }[];
  exams: {
    id: string;
    passMark: number;
    candidates: number;
    sat: number;
    passed: number;
    passPercent: number | null;
  }[];
};

describe(`training over HTTP (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  const year = () => Number(dateOf(t.ctx.now()).slice(0, 4));
  const officerId = async (username: string) => {
    const list = await t.call({ as: s["xs.admin"], url: `/api/v1/officers?q=${username}` });
    return (list.json().items as { id: string; username: string }[]).find((o) => o.username === username)!.id;
  };

  before(async () => {
    t = await testApp();
    for (const u of ["xs.admin", "dh.admin", "city.leader", "xs.cg.01"]) s[u] = await t.login(u);
  });
  after(async () => t?.close());

  test("the demo plan: sessions with attendance, an exam with results (read by the city)", async () => {
    const list = await t.call({ as: s["city.leader"], url: `/api/v1/training/plans?year=${year()}` });
    assert.equal(list.statusCode, 200);
    const [item] = list.json().items as {
      id: string;
      sessionCount: number;
      totalHours: number;
      examCount: number;
    }[];
    assert.deepEqual([item!.sessionCount, item!.totalHours, item!.examCount], [3, 64, 1]);
    const plan = (
      await t.call({ as: s["city.leader"], url: `/api/v1/training/plans/${item!.id}` })
    ).json() as Plan;
    assert.deepEqual(
      plan.sessions.map((x) => [x.kind, x.attendees.length]),
      [
        ["on_post", 6],
        ["specialised", 5],
        ["rotation", 2],
      ],
    );
    assert.deepEqual(
      [plan.exams[0]!.passMark, plan.exams[0]!.candidates, plan.exams[0]!.sat, plan.exams[0]!.passed],
      [60, 6, 5, 4],
    );
    // 西山 cannot read 东湖's plan.
    assertError(
      await t.call({ as: s["xs.admin"], url: `/api/v1/training/plans/${item!.id}` }),
      403,
      "FORBIDDEN_AGENCY",
    );
    const trainers = (await t.call({ as: s["city.leader"], url: "/api/v1/training/trainers" })).json();
    assert.equal(trainers.total, 2);
    assert.equal(trainers.items[0].rating, 5);
  });

  test("a county builds a plan: session, attendance, exam with the default pass mark, results", async () => {
    const created = await t.call({
      as: s["xs.admin"],
      method: "POST",
      url: "/api/v1/training/plans",
      payload: { agencyId: t.agency.xishan, year: year(), title: "西山县执法人员初任培训" },
    });
    assert.equal(created.statusCode, 201, created.body);
    const planId = (created.json() as Plan).id;
    const withSession = await t.call({
      as: s["xs.admin"],
      method: "POST",
      url: `/api/v1/training/plans/${planId}/sessions`,
      payload: {
        title: "初任培训（上）",
        kind: "initial",
        online: false,
        heldOn: `${year()}-02-10`,
        hours: 30,
      },
    });
    assert.equal(withSession.statusCode, 201, withSession.body);
    const sessionId = (withSession.json() as Plan).sessions[0]!.id;
    const ids = [await officerId("xs.cg.01"), await officerId("qs.01")];
    const att = await t.call({
      as: s["xs.admin"],
      method: "POST",
      url: `/api/v1/training/sessions/${sessionId}/attendance`,
      payload: { officerIds: ids },
    });
    assert.equal(att.statusCode, 201, att.body);
    const withExam = await t.call({
      as: s["xs.admin"],
      method: "POST",
      url: `/api/v1/training/plans/${planId}/exams`,
      payload: { title: "初任考试", heldOn: `${year()}-02-20` },
    });
    const examId = (withExam.json() as Plan).exams[0]!.id;
    assert.equal((withExam.json() as Plan).exams[0]!.passMark, 60);
    const res = await t.call({
      as: s["xs.admin"],
      method: "POST",
      url: `/api/v1/training/exams/${examId}/results`,
      payload: {
        results: [
          { officerId: ids[0], score: 59 },
          { officerId: ids[1], score: 88 },
        ],
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const k = (
      await t.call({ as: s["xs.admin"], url: `/api/v1/agencies/${t.agency.xishan}/kpis?subtree=true` })
    ).json();
    assert.deepEqual(k.exams, {
      candidates: 2,
      sat: 2,
      passed: 1,
      participationPercent: 100,
      passPercent: 50,
    });
    assert.equal(k.training.totalHours, 60);

    // Refusals write nothing.
    const before = await businessRowCounts(t.ctx.database);
    const dhOfficer = (await t.call({ as: s["dh.admin"], url: "/api/v1/officers?q=dh.hb.01" })).json()
      .items[0].id;
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: `/api/v1/training/sessions/${sessionId}/attendance`,
        payload: { officerIds: [dhOfficer] },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: `/api/v1/training/sessions/${sessionId}/attendance`,
        payload: { officerIds: [ids[0]] },
      }),
      409,
      "DUPLICATE",
    );
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: `/api/v1/training/plans/${planId}/sessions`,
        payload: {
          title: "跨年课程",
          kind: "initial",
          online: true,
          heldOn: `${year() + 1}-01-10`,
          hours: 3,
        },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: `/api/v1/training/plans/${planId}/sessions`,
        payload: { title: "坏课程", kind: "weekly", online: true, heldOn: `${year()}-01-10`, hours: 0 },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: `/api/v1/training/exams/${examId}/results`,
        payload: { results: [{ officerId: ids[0], score: 101 }] },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: s["dh.admin"],
        method: "POST",
        url: `/api/v1/training/plans/${planId}/sessions`,
        payload: { title: "越权课程", kind: "initial", online: true, heldOn: `${year()}-03-10`, hours: 3 },
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(
      await t.call({
        as: s["xs.cg.01"],
        method: "POST",
        url: "/api/v1/training/trainers",
        payload: { agencyId: t.agency.xishan, name: "某", kind: "internal", field: "农业", rating: 3 },
      }),
      403,
      "FORBIDDEN",
    );
    assertError(
      await t.call({
        as: s["xs.admin"],
        method: "POST",
        url: "/api/v1/training/trainers",
        payload: { agencyId: t.agency.xishan, name: "某", kind: "internal", field: "农业", rating: 6 },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assert.deepEqual(await businessRowCounts(t.ctx.database), before);
  });
});
