import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { packageCalendarYears } from "../../src/modules/calendar/seed-calendar.ts";
import type { Calendar } from "../../src/modules/calendar/working-days.ts";
import { deadlineStatus, decisionDue } from "../../src/modules/cases/rules/deadlines.ts";
import {
  checkHearingNoticeInTime,
  checkHearingRequestInTime,
  checkPresidingOfficer,
  hearingRequestDue,
} from "../../src/modules/cases/rules/hearing.ts";
import { checkLimitation } from "../../src/modules/cases/rules/limitation.ts";
import {
  courtApplicationWindow,
  instalmentPlan,
  lateFeeFen,
  paymentDue,
} from "../../src/modules/cases/rules/payment.ts";
import {
  checkNoSecondFine,
  checkNotHeavier,
  hearingRightApplies,
} from "../../src/modules/cases/rules/penalty.ts";
import type { RuleResult } from "../../src/modules/cases/rules/rule-result.ts";
import {
  checkSimpleProcedure,
  onTheSpotCollectionAllowed,
} from "../../src/modules/cases/rules/simple-procedure.ts";

const cal: Calendar = (() => {
  const years = packageCalendarYears();
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  for (const y of years) {
    for (const d of y.holidays) holidays.set(d.date, d.name);
    for (const d of y.workdays) workdays.set(d.date, d.name);
  }
  return { years: new Set(years.map((y) => y.year)), holidays, workdays };
})();

const refused = (r: RuleResult, code: string, ruleId: string) => {
  assert.equal(r.ok, false, `expected a refusal ${code}`);
  if (!r.ok) {
    assert.equal(r.code, code);
    assert.equal(r.ruleId, ruleId);
    assert.match(r.message, /[\u4e00-\u9fff]/, "Chinese message");
  }
};

describe("C5 limitation", () => {
  test("2 years from the act: discovered on the last day is in time, the day after is not", () => {
    assert.deepEqual(checkLimitation({ actOn: "2024-03-10", discoveredOn: "2026-03-10", serious: false }), {
      ok: true,
    });
    refused(
      checkLimitation({ actOn: "2024-03-10", discoveredOn: "2026-03-11", serious: false }),
      "LIMITATION_EXPIRED",
      "C5",
    );
  });
  test("5 years where life, health or financial security is endangered with harmful consequences", () => {
    assert.equal(
      checkLimitation({ actOn: "2022-01-01", discoveredOn: "2026-06-01", serious: true }).ok,
      true,
    );
    refused(
      checkLimitation({ actOn: "2021-01-01", discoveredOn: "2026-06-01", serious: true }),
      "LIMITATION_EXPIRED",
      "C5",
    );
  });
  test("a continuing act counts from its end", () => {
    assert.equal(
      checkLimitation({
        actOn: "2020-01-01",
        continuingUntil: "2025-01-01",
        discoveredOn: "2026-06-01",
        serious: false,
      }).ok,
      true,
    );
  });
  test("impossible dates are refused", () => {
    refused(
      checkLimitation({ actOn: "2026-05-01", discoveredOn: "2026-04-01", serious: false }),
      "LIMITATION_DATES_INVALID",
      "C5",
    );
  });
});

describe("P1 simple procedure limits (2021 law: 200 yuan individual, 3,000 yuan organisation)", () => {
  test("at the limit allowed, one fen over refused", () => {
    assert.equal(checkSimpleProcedure({ partyType: "individual", penalty: { fineFen: 20_000 } }).ok, true);
    refused(
      checkSimpleProcedure({ partyType: "individual", penalty: { fineFen: 20_001 } }),
      "SIMPLE_PROCEDURE_LIMIT",
      "P1",
    );
    assert.equal(checkSimpleProcedure({ partyType: "organisation", penalty: { fineFen: 300_000 } }).ok, true);
    refused(
      checkSimpleProcedure({ partyType: "organisation", penalty: { fineFen: 300_001 } }),
      "SIMPLE_PROCEDURE_LIMIT",
      "P1",
    );
  });
  test("the old 50 yuan limit is not applied", () => {
    assert.equal(checkSimpleProcedure({ partyType: "individual", penalty: { fineFen: 10_000 } }).ok, true);
  });
  test("a warning is allowed; confiscation or other kinds are not; an empty penalty is not", () => {
    assert.equal(checkSimpleProcedure({ partyType: "individual", penalty: { warning: true } }).ok, true);
    refused(
      checkSimpleProcedure({ partyType: "individual", penalty: { fineFen: 100, confiscationFen: 100 } }),
      "SIMPLE_PROCEDURE_NOT_ALLOWED",
      "P1",
    );
    refused(
      checkSimpleProcedure({ partyType: "individual", penalty: {} }),
      "SIMPLE_PROCEDURE_NOT_ALLOWED",
      "P1",
    );
  });
  test("X4: on-the-spot collection only up to 100 yuan", () => {
    assert.equal(onTheSpotCollectionAllowed(10_000), true);
    assert.equal(onTheSpotCollectionAllowed(10_001), false);
  });
});

describe("P6 hearing rights, P5 not heavier, P13 no second fine", () => {
  const thresholds = { thresholdIndividualFen: 500_000, thresholdOrganisationFen: 5_000_000 };
  test("a fine at the threshold (setting) carries hearing rights; below it does not", () => {
    assert.equal(
      hearingRightApplies({ partyType: "individual", penalty: { fineFen: 500_000 }, ...thresholds }),
      true,
    );
    assert.equal(
      hearingRightApplies({ partyType: "individual", penalty: { fineFen: 499_999 }, ...thresholds }),
      false,
    );
    assert.equal(
      hearingRightApplies({ partyType: "organisation", penalty: { fineFen: 500_000 }, ...thresholds }),
      false,
    );
  });
  test("suspension of business or licence revocation carries hearing rights whatever the amount", () => {
    assert.equal(
      hearingRightApplies({
        partyType: "organisation",
        penalty: { kinds: ["suspension_of_business"] },
        ...thresholds,
      }),
      true,
    );
    assert.equal(
      hearingRightApplies({
        partyType: "individual",
        penalty: { kinds: ["licence_revocation"] },
        ...thresholds,
      }),
      true,
    );
  });
  test("the decision may be lighter than the notice, never heavier", () => {
    assert.equal(checkNotHeavier({ fineFen: 300_000 }, { fineFen: 200_000 }).ok, true);
    refused(checkNotHeavier({ fineFen: 300_000 }, { fineFen: 300_001 }), "PENALTY_HEAVIER_THAN_NOTICE", "P5");
    refused(
      checkNotHeavier({ fineFen: 300_000 }, { fineFen: 300_000, kinds: ["closure"] }),
      "PENALTY_HEAVIER_THAN_NOTICE",
      "P5",
    );
  });
  test("no second fine for the same act", () => {
    refused(checkNoSecondFine({ fineFen: 1 }, [50_000]), "SECOND_FINE", "P13");
    assert.equal(checkNoSecondFine({ warning: true }, [50_000]).ok, true);
    assert.equal(checkNoSecondFine({ fineFen: 1 }, []).ok, true);
  });
});

describe("P7 hearing timing in working days", () => {
  test("request within 5 working days of the notice, across National Day 2025", () => {
    // Notice served 2025-09-29 (Mon); 09-30 is day 1, 10-01..08 holidays, 10-09 day 2, 10-10 day 3, 10-11 (make-up Sat) day 4, 10-13 day 5.
    assert.equal(hearingRequestDue(cal, "2025-09-29"), "2025-10-13");
    assert.equal(
      checkHearingRequestInTime(cal, { noticeServedOn: "2025-09-29", requestedOn: "2025-10-13" }).ok,
      true,
    );
    refused(
      checkHearingRequestInTime(cal, { noticeServedOn: "2025-09-29", requestedOn: "2025-10-14" }),
      "HEARING_REQUEST_LATE",
      "P7",
    );
  });
  test("the hearing notice goes out at least 7 working days before", () => {
    assert.equal(
      checkHearingNoticeInTime(cal, { notifiedOn: "2026-03-02", hearingOn: "2026-03-11" }).ok,
      true,
    );
    refused(
      checkHearingNoticeInTime(cal, { notifiedOn: "2026-03-02", hearingOn: "2026-03-10" }),
      "HEARING_NOTICE_TOO_SHORT",
      "P7",
    );
  });
  test("the presiding officer did not investigate", () => {
    refused(
      checkPresidingOfficer({ presidingUserId: "a", investigatorIds: ["a", "b"] }),
      "HEARING_PRESIDER_CONFLICT",
      "P7",
    );
    assert.equal(checkPresidingOfficer({ presidingUserId: "c", investigatorIds: ["a", "b"] }).ok, true);
  });
});

describe("P3 decision deadline and the traffic light", () => {
  test("90 days from filing; a due date on a rest day moves to the next working day", () => {
    assert.equal(decisionDue(cal, { filedOn: "2026-03-02", extensionDays: 0 }), "2026-06-01"); // 05-31 is a Sunday
    assert.equal(decisionDue(cal, { filedOn: "2026-03-02", extensionDays: 30 }), "2026-06-30");
  });
  test("green, yellow within 3 working days, red when overdue", () => {
    assert.equal(deadlineStatus(cal, { today: "2026-06-01", due: "2026-06-30" }), "green");
    assert.equal(deadlineStatus(cal, { today: "2026-06-26", due: "2026-06-30" }), "yellow");
    assert.equal(deadlineStatus(cal, { today: "2026-07-01", due: "2026-06-30" }), "red");
  });
});

describe("X4–X6, K7 money and enforcement", () => {
  test("payment within 15 days of service", () => {
    assert.equal(paymentDue(cal, "2026-03-02"), "2026-03-17");
  });
  test("X5 late fee: 3% a day, capped at the fine", () => {
    assert.equal(lateFeeFen({ fineFen: 100_000, dueOn: "2026-03-17", asOf: "2026-03-17" }), 0);
    assert.equal(lateFeeFen({ fineFen: 100_000, dueOn: "2026-03-17", asOf: "2026-03-18" }), 3_000);
    assert.equal(lateFeeFen({ fineFen: 100_000, dueOn: "2026-03-17", asOf: "2026-04-19" }), 99_000); // 33 days
    assert.equal(lateFeeFen({ fineFen: 100_000, dueOn: "2026-03-17", asOf: "2026-04-20" }), 100_000); // 34 days → capped
    assert.equal(lateFeeFen({ fineFen: 100_000, dueOn: "2026-03-17", asOf: "2027-03-17" }), 100_000);
    assert.equal(
      lateFeeFen({ fineFen: 100_000, dueOn: "2026-03-17", asOf: "2026-03-27", pausedDays: 10 }),
      0,
    );
    assert.equal(lateFeeFen({ fineFen: 333, dueOn: "2026-03-17", asOf: "2026-03-18" }), 9); // 9.99 fen → 9
  });
  test("X6 instalments add up to the fine, monthly", () => {
    const plan = instalmentPlan({ fineFen: 100_000, count: 3, firstDueOn: "2026-01-31" });
    assert.deepEqual(
      plan.map((p) => p.dueOn),
      ["2026-01-31", "2026-02-28", "2026-03-31"],
    );
    assert.equal(
      plan.reduce((s, p) => s + p.amountFen, 0),
      100_000,
    );
    assert.deepEqual(
      plan.map((p) => p.amountFen),
      [33_334, 33_333, 33_333],
    );
    assert.throws(() => instalmentPlan({ fineFen: 0, count: 1, firstDueOn: "2026-01-01" }));
  });
  test("K7 court application: after the time to sue and 10 working days after the reminder, within 3 months", () => {
    const w = courtApplicationWindow(cal, { decisionServedOn: "2025-03-03", reminderServedOn: "2025-08-01" });
    assert.deepEqual(w, { from: "2025-09-03", to: "2025-12-03" });
    const late = courtApplicationWindow(cal, {
      decisionServedOn: "2025-03-03",
      reminderServedOn: "2025-09-01",
    });
    assert.equal(late.from, "2025-09-15");
  });
});
