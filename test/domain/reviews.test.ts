import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { filingDue } from "../../src/modules/reviews/filings.ts";
import {
  checkBenchmarkItem,
  checkCertificates,
  checkDeadlines,
  checkRecordings,
  checkRights,
  checkTwoOfficers,
} from "../../src/modules/reviews/machine-checks.ts";
import {
  criteriaSchema,
  exceedsReviewed,
  type MajorFacts,
  majorNeed,
} from "../../src/modules/reviews/major-decisions.ts";
import { quorumMet } from "../../src/modules/reviews/meetings.ts";
import { packageCalendar } from "../support/calendar.ts";

const facts = (over: Partial<MajorFacts> = {}): MajorFacts => ({
  outcome: "penalty",
  penalty: { fineFen: 100_000 },
  field: "市容环境卫生",
  partyType: "individual",
  heard: false,
  thresholdIndividualFen: 500_000,
  thresholdOrganisationFen: 5_000_000,
  ...over,
});
const criterion = (criteria: object, needsDiscussion = false) => ({
  criterionId: "c",
  agencyId: "a",
  name: "目录",
  criteria: criteriaSchema.parse(criteria),
  needsReview: true,
  needsDiscussion,
  reason: "r",
});

describe("major decisions (L1, P9, P10, F1)", () => {
  test("P10: a penalty after a hearing needs review whatever the list; a small fine without one does not", () => {
    assert.equal(majorNeed(facts({ heard: true }), [], []).review, true);
    assert.equal(majorNeed(facts(), [], []).review, false);
    assert.equal(majorNeed(facts({ outcome: "no_penalty", penalty: undefined }), [], []).review, false);
  });

  test("L1: threshold by party type, kinds, fields and amounts; a manual flag with its reason; P9 from the list", () => {
    const list = [
      criterion({ hearingThreshold: true }),
      criterion({ penaltyKinds: ["suspension_of_business"] }, true),
    ];
    assert.equal(majorNeed(facts({ penalty: { fineFen: 500_000 } }), list, []).review, true);
    assert.equal(
      majorNeed(facts({ partyType: "organisation", penalty: { fineFen: 500_000 } }), list, []).review,
      false,
      "organisations have the higher threshold",
    );
    const kinds = majorNeed(facts({ penalty: { kinds: ["suspension_of_business"] } }), list, []);
    assert.equal(kinds.review && kinds.discussion, true);
    assert.match(kinds.reasons.discussion[0]!.text, /责令停产停业/);
    const planning = [criterion({ fields: ["城乡规划"], fineFenAtLeast: 10_000_000 })];
    assert.equal(majorNeed(facts({ penalty: { fineFen: 10_000_000 } }), planning, []).review, false);
    assert.equal(
      majorNeed(facts({ field: "城乡规划", penalty: { fineFen: 10_000_000 } }), planning, []).review,
      true,
    );
    const flagged = majorNeed(
      facts(),
      [],
      [{ needsReview: false, needsDiscussion: true, reason: "重大公共利益" }],
    );
    assert.deepEqual([flagged.review, flagged.discussion], [false, true]);
    assert.throws(() => criteriaSchema.parse({}), "a criterion needs a condition");
  });

  test("F1: suspension, revocation and fines at the hearing threshold are filed; the due date crosses the 2026 Spring Festival", () => {
    assert.equal(majorNeed(facts({ penalty: { fineFen: 500_000 } }), [], []).filing, true);
    assert.equal(majorNeed(facts({ penalty: { kinds: ["licence_revocation"] } }), [], []).filing, true);
    assert.equal(majorNeed(facts(), [], []).filing, false);
    // 2026-02-14 (Saturday) is a make-up working day; 02-15 … 02-23 the holiday; 02-28 a make-up day.
    assert.equal(filingDue(packageCalendar(), "2026-02-12", 10), "2026-03-04");
  });

  test("P10: the decision may not exceed the reviewed proposal", () => {
    const reviewed = { outcome: "penalty" as const, penalty: { fineFen: 500_000 }, reasons: "x" };
    assert.deepEqual(exceedsReviewed(reviewed, { outcome: "penalty", penalty: { fineFen: 400_000 } }), []);
    assert.deepEqual(exceedsReviewed(reviewed, { outcome: "penalty", penalty: { fineFen: 600_000 } }), [
      "罚款数额",
    ]);
    assert.deepEqual(
      exceedsReviewed(reviewed, { outcome: "penalty", penalty: { fineFen: 1, kinds: ["closure"] } }),
      ["处罚种类"],
    );
    assert.equal(exceedsReviewed(reviewed, { outcome: "no_penalty" }).length, 1);
  });

  test("P9: quorum is more than the set share of the leadership", () => {
    assert.equal(quorumMet(3, 5, 50), true);
    assert.equal(quorumMet(3, 6, 50), false);
    assert.equal(quorumMet(3, 7, 50), false);
  });
});

describe("machine checks of the review checklist (L2)", () => {
  const step = (on: string, answers: { name: string; ok: boolean; reason: string }[]) => ({
    on,
    label: "询问笔录",
    answers,
  });
  test("O1 / C2: one expired certificate fails the certificates item; C2 counts only the valid ones", () => {
    const s = [
      step("2026-06-01", [
        { name: "张伟", ok: true, reason: "" },
        { name: "李娜", ok: false, reason: "李娜的执法证已到期" },
      ]),
    ];
    const c = checkCertificates(s);
    assert.equal(c.ok, false);
    assert.match(c.evidence, /2026-06-01 询问笔录：李娜的执法证已到期/);
    assert.equal(checkTwoOfficers(s).ok, false);
    assert.equal(checkCertificates([]).ok, null);
  });
  test("L5: a full-recording step without audio or video fails; as-needed steps pass", () => {
    const base = {
      on: "2026-06-01",
      label: "现场检查",
      action: "onsite_inspection",
      actionLabel: "现场检查",
    };
    assert.equal(checkRecordings([{ ...base, level: "as_needed", recorded: 0 }]).ok, true);
    assert.equal(checkRecordings([{ ...base, level: "full", recorded: 1 }]).ok, true);
    assert.equal(checkRecordings([{ ...base, level: "full", recorded: 0 }]).ok, false);
  });
  test("P5 / P3: a period closed after its due date fails, except the steps that close it because it ran", () => {
    const t = { kind: "statement", label: "陈述申辩期限", ruleId: "P5", dueOn: "2026-06-05" };
    assert.equal(
      checkDeadlines([{ ...t, closedOn: "2026-06-10", closedBy: "record_statement" }], "2026-06-15").ok,
      false,
    );
    assert.equal(
      checkDeadlines([{ ...t, closedOn: "2026-06-10", closedBy: "statement_period_expired" }], "2026-06-15")
        .ok,
      true,
    );
    assert.equal(checkDeadlines([{ ...t, closedOn: null, closedBy: null }], "2026-06-15").ok, false);
  });
  test("P14: outside the range without a reason fails; with a reason it passes; no benchmark is for the reviewer", () => {
    const v = { kind: "assessed" as const, name: "x", within: false, message: "超出", range: "r" };
    assert.equal(checkBenchmarkItem({ ...v, reason: "" }).ok, false);
    assert.equal(checkBenchmarkItem({ ...v, reason: "从重理由" }).ok, true);
    assert.equal(checkBenchmarkItem({ kind: "no_benchmark" }).ok, null);
  });
  test("P4–P7: no notice, no statement or a requested hearing not held fail the rights item", () => {
    const base = { outcome: "penalty", hearingRequested: false, hearing: null, heavierThanNotice: null };
    assert.equal(checkRights({ ...base, noticed: null, statement: null }).ok, false);
    assert.equal(checkRights({ ...base, noticed: { on: "d" }, statement: null }).ok, false);
    assert.equal(
      checkRights({
        ...base,
        noticed: { on: "d" },
        statement: { event: "request_hearing", on: "d" },
        hearingRequested: true,
      }).ok,
      false,
    );
    assert.equal(
      checkRights({ ...base, noticed: { on: "d" }, statement: { event: "waive_statement", on: "d" } }).ok,
      true,
    );
  });
});
