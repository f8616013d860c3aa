import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

/**
 * KPIs on the demo data (src/demo/demo-officers.ts), against hand-computed values. Demo dates are
 * relative to the seeding day, so these hold on any day.
 */
describe(`officer and training KPIs on the demo city (${testEngine()})`, () => {
  let t: TestApp;
  let leader: Session;
  const year = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  const kpis = async (key: "city" | "donghu" | "xishan" | "donghu-1", subtree: boolean, as = leader) => {
    const res = await t.call({
      as,
      url: `/api/v1/agencies/${t.agency[key]}/kpis?subtree=${subtree}&year=${year()}`,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };

  before(async () => {
    t = await testApp();
    leader = await t.login("city.leader");
  });
  after(async () => t?.close());

  test("certification rate (C04): whole city 9 of 11 = 81.8 %; 李娜 expired, 马丽 suspended", async () => {
    const k = await kpis("city", true);
    assert.equal(k.certification.enforcementStaff, 11);
    assert.equal(k.certification.certified, 9);
    assert.equal(k.certification.ratePercent, 81.8);
    const u = Object.fromEntries(
      (k.certification.uncertified as { displayName: string; status: string }[]).map((x) => [
        x.displayName,
        x.status,
      ]),
    );
    assert.deepEqual(u, { 李娜: "expired", 马丽: "suspended" });
  });

  test("certification rate per county and per squad (own agency only without subtree)", async () => {
    const dh = await kpis("donghu", true);
    assert.deepEqual(
      [dh.certification.enforcementStaff, dh.certification.certified, dh.certification.ratePercent],
      [6, 5, 83.3],
    );
    const xs = await kpis("xishan", true);
    assert.deepEqual(
      [xs.certification.enforcementStaff, xs.certification.certified, xs.certification.ratePercent],
      [5, 4, 80],
    );
    const sq = await kpis("donghu-1", false);
    assert.deepEqual(
      [sq.certification.enforcementStaff, sq.certification.certified, sq.certification.ratePercent],
      [3, 2, 66.7],
    );
    // The county bureau itself has no enforcement staff (they sit in its squads).
    const own = await kpis("donghu", false);
    assert.equal(own.certification.enforcementStaff, 0);
    assert.equal(own.certification.ratePercent, null);
  });

  test("exam participation and pass rate: 5 of 6 sat (83.3 %), 4 of 5 passed (80.0 %)", async () => {
    for (const key of ["city", "donghu"] as const) {
      const k = await kpis(key, true);
      assert.deepEqual(k.exams, {
        candidates: 6,
        sat: 5,
        passed: 4,
        participationPercent: 83.3,
        passPercent: 80,
      });
    }
    const xs = await kpis("xishan", true);
    assert.equal(xs.exams.candidates, 0);
    assert.equal(xs.exams.passPercent, null);
  });

  test("O2: training hours vs the yearly requirement (setting training.yearlyHours = 60)", async () => {
    const dh = await kpis("donghu", true);
    assert.deepEqual(dh.training, {
      officers: 6,
      requiredHours: 60,
      totalHours: 336,
      averageHours: 56,
      belowRequirement: 4,
    });
    const city = await kpis("city", true);
    // 336 hours over 11 officers = 30.5; the 5 officers of 西山 have none.
    assert.deepEqual(city.training, {
      officers: 11,
      requiredHours: 60,
      totalHours: 336,
      averageHours: 30.5,
      belowRequirement: 9,
    });
  });

  test("L4: legal reviewers 4 of 11 = 36.4 % ≥ 5 %; all hold the legal qualification (P10)", async () => {
    const k = await kpis("city", true);
    assert.deepEqual(k.legalReviewers, {
      reviewers: 4,
      withQualification: 4,
      ratioPercent: 36.4,
      requiredPercent: 5,
      meetsRequirement: true,
    });
    const dh = await kpis("donghu", true);
    assert.equal(dh.legalReviewers.reviewers, 2);
    assert.equal(dh.legalReviewers.ratioPercent, 33.3);
  });

  test("certificates expiring within 30 / 60 / 90 days", async () => {
    assert.deepEqual((await kpis("city", true)).expiring, { within30: 1, within60: 2, within90: 3 });
    assert.deepEqual((await kpis("xishan", true)).expiring, { within30: 0, within60: 1, within90: 2 });
  });

  test("a county reads its own KPIs but not another county's", async () => {
    const dh = await t.login("dh.leader");
    assert.equal((await kpis("donghu", true, dh)).certification.certified, 5);
    const res = await t.call({ as: dh, url: `/api/v1/agencies/${t.agency.xishan}/kpis` });
    assert.equal(res.statusCode, 403);
  });
});
