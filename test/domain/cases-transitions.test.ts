import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { caseRolesOf } from "../../src/modules/cases/case-roles.ts";
import { changeableStates } from "../../src/modules/cases/change-steps.ts";
import { generalEvents, generalProcedure, openStates } from "../../src/modules/cases/general-procedure.ts";
import { seizureDueAfter } from "../../src/modules/cases/guards-changes.ts";
import {
  currentOfficerIds,
  everOfficerIds,
  officerHistory,
} from "../../src/modules/cases/officers-of-case.ts";
import { simpleProcedure } from "../../src/modules/cases/simple-procedure.ts";
import { threeStepProcedure } from "../../src/modules/cases/three-step-procedure.ts";
import {
  availableTransitions,
  type CaseRole,
  caseRoles,
  caseStateCodes,
  findTransition,
} from "../../src/modules/cases/transition.ts";
import { packageCalendar } from "../support/calendar.ts";
import { principal } from "../support/fixtures.ts";

const tables = { general: generalProcedure, simple: simpleProcedure, three_step: threeStepProcedure };

describe("case procedures as transition tables (C06, C07)", () => {
  for (const [name, table] of Object.entries(tables))
    test(`${name}: every (state, event, role) combination is allowed or refused exactly as the table says`, () => {
      let allowed = 0;
      let refused = 0;
      for (const state of caseStateCodes) {
        for (const event of [...new Set([...generalEvents, ...table.map((t) => t.event)]), "no_such_event"]) {
          for (const role of caseRoles) {
            const row = table.find((t) => t.from === state && t.event === event);
            const answer = findTransition(table, state, event, [role]);
            if (!row) {
              assert.equal(answer.ok, false, `${state}/${event}/${role}`);
              if (!answer.ok) assert.equal(answer.code, "TRANSITION_NOT_ALLOWED");
              refused++;
            } else if (row.roles.includes(role)) {
              assert.ok(answer.ok, `${state}/${event}/${role} should be allowed`);
              if (answer.ok) assert.equal(answer.transition.to, row.to);
              allowed++;
            } else {
              assert.equal(answer.ok, false, `${state}/${event}/${role} should be refused`);
              if (!answer.ok) {
                assert.equal(answer.code, "CASE_ROLE_REQUIRED");
                assert.match(answer.message, /[\u4e00-\u9fff]/);
              }
              refused++;
            }
          }
          // No role at all: never allowed.
          assert.equal(findTransition(table, state, event, []).ok, false);
        }
      }
      assert.ok(allowed >= table.length && refused > 100, `${allowed} allowed, ${refused} refused`);
    });

  test("one row per (state, event); every state but the end states has a way out; end states have none", () => {
    const keys = generalProcedure.map((t) => `${t.from}/${t.event}`);
    assert.equal(new Set(keys).size, keys.length);
    for (const s of ["declined", "archived", "cancelled"] as const)
      assert.equal(generalProcedure.filter((t) => t.from === s).length, 0, s);
    const threeStepOnly = ["educated", "ordered"];
    for (const s of caseStateCodes.filter(
      (x) => !["declined", "archived", "cancelled", ...threeStepOnly].includes(x),
    ))
      assert.ok(
        generalProcedure.some((t) => t.from === s),
        s,
      );
  });

  test("cancellation (销案) from every open state, approvers only", () => {
    for (const s of openStates) {
      assert.ok(findTransition(generalProcedure, s, "cancel", ["squad_leader"]).ok, s);
      assert.equal(findTransition(generalProcedure, s, "cancel", ["officer"]).ok, false, s);
    }
    for (const s of ["decided", "served", "executed", "closed"] as const)
      assert.equal(findTransition(generalProcedure, s, "cancel", ["agency_leader"]).ok, false, s);
  });

  test("rule IDs on the steps: C5 on filing, C2 on investigation steps, P4/P5/P3/P13/P10/P9/P11/X1 on the decision, P6/P7 on the hearing", () => {
    const rules = (from: string, event: string) =>
      generalProcedure.find((t) => t.from === from && t.event === event)!.guards.map((g) => g.ruleId);
    assert.deepEqual(rules("lead", "file"), ["C5"]);
    for (const e of ["start_investigation", "record_inspection", "record_interview", "finish_investigation"])
      assert.ok(rules(e === "start_investigation" ? "filed" : "investigating", e).includes("C2"), e);
    for (const from of ["investigated", "stated", "heard"])
      assert.deepEqual(rules(from, "decide"), ["P4", "P5", "P3", "P13", "P10", "P9", "P11", "X1"]);
    assert.deepEqual(rules("noticed", "request_hearing"), ["P6", "P7"]);
    assert.deepEqual(rules("hearing_requested", "notify_hearing"), ["P7", "P7"]);
    assert.ok(rules("investigating", "record_inspection").includes("L5"));
  });

  test("simple procedure (C07): an on-the-spot decision with P1, C2 and P13; no filing, no notice, no hearing", () => {
    const decide = simpleProcedure.find((t) => t.from === "lead" && t.event === "decide")!;
    assert.deepEqual(
      decide.guards.map((g) => g.ruleId),
      ["P1", "C2", "P13", "X1"],
    );
    assert.ok(decide.assignsNumber);
    for (const e of ["file", "notify", "request_hearing"])
      assert.equal(
        simpleProcedure.some((t) => t.event === e),
        false,
        e,
      );
    assert.ok(findTransition(simpleProcedure, "decided", "serve", ["officer"]).ok);
  });

  test("three-step enforcement (C08): educate → order correction → re-inspect; corrected closes, not corrected goes to the general procedure", () => {
    const row = (from: string, event: string) =>
      threeStepProcedure.find((t) => t.from === from && t.event === event)!;
    assert.deepEqual(
      row("lead", "educate").guards.map((g) => g.ruleId),
      ["C08", "C2"],
    );
    assert.deepEqual(row("educated", "order_correction").opens, ["correction"]);
    assert.equal(row("ordered", "reinspect_corrected").to, "closed");
    const notCorrected = row("ordered", "reinspect_not_corrected");
    assert.equal(notCorrected.to, "lead");
    assert.equal(notCorrected.switchesTo, "general");
    assert.ok(notCorrected.guards.some((g) => g.check === "correctionPeriodOver"));
    // The general procedure picks the case up where the three-step table leaves it.
    assert.ok(findTransition(generalProcedure, "lead", "file", ["squad_leader"]).ok);
    for (const e of ["file", "decide", "notify"])
      assert.equal(
        threeStepProcedure.some((t) => t.event === e),
        false,
        e,
      );
  });

  test("service and execution (X3–X7, K5, K7, P15) are shared rows with their rule IDs", () => {
    const rules = (from: string, event: string) =>
      generalProcedure.find((t) => t.from === from && t.event === event)!.guards.map((g) => g.ruleId);
    assert.deepEqual(rules("decided", "serve"), ["L5", "X3"]);
    assert.deepEqual(rules("decided", "transfer_out"), ["P15"]);
    assert.deepEqual(rules("served", "approve_instalments"), ["X6", "X6"]);
    assert.deepEqual(rules("served", "remind"), ["K5"]);
    assert.deepEqual(rules("served", "apply_court_enforcement"), ["K7"]);
    assert.deepEqual(rules("served", "record_execution"), ["X5"]);
    assert.deepEqual(rules("executed", "dispose_items"), ["X7"]);
    assert.ok(findTransition(simpleProcedure, "served", "remind", ["officer"]).ok);
    assert.equal(findTransition(simpleProcedure, "decided", "transfer_out", ["officer"]).ok, false);
  });

  test("the case roles of an actor: own agency (leaders also from the bureau); officer only when assigned", () => {
    const me = principal([{ agencyPath: "/c/d/d1/", roles: ["officer", "squad_leader"] }]);
    const assigned = caseRolesOf(me, {
      agencyPath: "/c/d/d1/",
      bureauPath: "/c/d/",
      officerIds: [me.userId],
    });
    assert.deepEqual(assigned, ["officer", "squad_leader"]);
    assert.deepEqual(caseRolesOf(me, { agencyPath: "/c/d/d1/", bureauPath: "/c/d/", officerIds: [] }), [
      "squad_leader",
    ]);
    assert.deepEqual(
      caseRolesOf(me, { agencyPath: "/c/d/", bureauPath: "/c/d/", officerIds: [me.userId] }),
      [],
    );
    const leader = principal([{ agencyPath: "/c/d/", roles: ["agency_leader"] }]);
    // The bureau's leader (机关负责人) approves in the squads' cases; not in another county's.
    assert.deepEqual(caseRolesOf(leader, { agencyPath: "/c/d/d1/", bureauPath: "/c/d/", officerIds: [] }), [
      "agency_leader",
    ]);
    assert.deepEqual(
      caseRolesOf(leader, { agencyPath: "/c/x/x1/", bureauPath: "/c/x/", officerIds: [] }),
      [],
    );
    const actions = (roles: CaseRole[]) =>
      availableTransitions(generalProcedure, "lead", roles).map((t) => t.event);
    assert.deepEqual(actions(["officer"]), []);
    assert.deepEqual(actions(["squad_leader"]).sort(), ["cancel", "change_officers", "decline", "file"]);
    assert.ok(
      availableTransitions(generalProcedure, "noticed", ["agency_leader"]).some(
        (t) => t.event === "extend_decision_period",
      ),
    );
  });

  test("C2: change of officers (变更办案人员) at every state until the case is closed, approvers only, state unchanged", () => {
    const states = (table: typeof generalProcedure) => [...new Set(table.map((t) => t.from))];
    for (const [name, table] of Object.entries(tables)) {
      for (const s of states(table).filter((x) => changeableStates.includes(x))) {
        const row = table.find((t) => t.from === s && t.event === "change_officers");
        assert.ok(row, `${name}: ${s}`);
        assert.equal(row.to, s, `${name}: ${s} is a self-transition`);
        assert.deepEqual(
          row.guards.map((g) => `${g.ruleId}:${g.check}`),
          ["C2:newOfficersEligible"],
        );
        for (const role of ["squad_leader", "agency_leader"] as const)
          assert.ok(findTransition(table, s, "change_officers", [role]).ok, `${name}: ${s}/${role}`);
        const officer = findTransition(table, s, "change_officers", ["officer"]);
        assert.ok(!officer.ok && officer.code === "CASE_ROLE_REQUIRED", `${name}: ${s}/officer`);
      }
      for (const s of ["closed", "archived", "cancelled", "declined"] as const) {
        const answer = findTransition(table, s, "change_officers", ["agency_leader"]);
        assert.ok(!answer.ok && answer.code === "TRANSITION_NOT_ALLOWED", `${name}: ${s}`);
      }
    }
    const data = generalProcedure.find(
      (t) => t.from === "investigating" && t.event === "change_officers",
    )!.data;
    const a = "00000000-0000-4000-8000-000000000001";
    const b = "00000000-0000-4000-8000-000000000002";
    assert.ok(data.safeParse({ officerIds: [a, b], reason: "张某调岗" }).success);
    assert.equal(data.safeParse({ officerIds: [a, a], reason: "重复" }).success, false);
    assert.equal(data.safeParse({ officerIds: [a, b] }).success, false, "a reason is required");
  });

  test("C2: the officers in force are the latest change's set; the history shows who was on the case when", () => {
    const [a, b, c, d] = ["a", "b", "c", "d"];
    const steps = [
      { seq: 1, event: "create", onDate: "2026-01-05", data: { officerIds: [a, b] } },
      { seq: 2, event: "file", onDate: "2026-01-06", data: {} },
      {
        seq: 3,
        event: "change_officers",
        onDate: "2026-02-01",
        data: { officerIds: [a, c], reason: "调岗" },
      },
      { seq: 4, event: "record_inspection", onDate: "2026-02-02", data: {} },
      {
        seq: 5,
        event: "change_officers",
        onDate: "2026-03-01",
        data: { officerIds: [c, d], reason: "回避" },
      },
    ];
    assert.deepEqual(currentOfficerIds([a, b], steps.slice(0, 2)), [a, b]);
    assert.deepEqual(currentOfficerIds([a, b], steps.slice(0, 4)), [a, c]);
    assert.deepEqual(currentOfficerIds([a, b], steps), [c, d]);
    assert.deepEqual(everOfficerIds(steps), [a, b, c, d]);
    const h = officerHistory([a, b], steps);
    assert.deepEqual(
      h.map((p) => [p.fromDate, p.untilDate, p.officerIds, p.added, p.removed]),
      [
        ["2026-01-05", "2026-02-01", [a, b], [a, b], []],
        ["2026-02-01", "2026-03-01", [a, c], [c], [b]],
        ["2026-03-01", null, [c, d], [d], [a]],
      ],
    );
  });

  test("K3: extension of sealing/seizure and testing periods: approvers, while investigating, self-transitions reopening the seizure deadline", () => {
    const row = (event: string) =>
      generalProcedure.find((t) => t.from === "investigating" && t.event === event)!;
    const extend = row("extend_seizure");
    assert.equal(extend.to, "investigating");
    assert.deepEqual(extend.opens, ["seizure"]);
    assert.deepEqual(
      extend.guards.map((g) => `${g.ruleId}:${g.check}`),
      ["K3:seizureRunning", "K3:seizureNotExtended", "K3:seizureExtensionWithinLimit"],
    );
    assert.ok(findTransition(generalProcedure, "investigating", "extend_seizure", ["agency_leader"]).ok);
    assert.equal(findTransition(generalProcedure, "investigating", "extend_seizure", ["officer"]).ok, false);
    for (const s of ["filed", "investigated", "decided"] as const)
      assert.equal(findTransition(generalProcedure, s, "extend_seizure", ["agency_leader"]).ok, false, s);
    assert.deepEqual(
      row("record_testing_period").guards.map((g) => g.ruleId),
      ["K3", "K3"],
    );
    assert.ok(extend.data.safeParse({ days: 30, reason: "案情复杂", approval: "局长批准" }).success);
    assert.equal(extend.data.safeParse({ days: 0, reason: "x", approval: "y" }).success, false);
    for (const t of [simpleProcedure, threeStepProcedure])
      assert.equal(
        t.some((x) => x.event === "extend_seizure"),
        false,
      );
  });

  test("K3: the seizure period is 30 calendar days from sealing, plus the extension and the testing days (rest days roll over)", () => {
    const cal = packageCalendar([2026]);
    const seal = { event: "seal_seize", onDate: "2026-03-02", data: {} };
    assert.equal(seizureDueAfter(cal, [seal]), "2026-04-01");
    const extend = { event: "extend_seizure", onDate: "2026-03-20", data: { days: 20 } };
    assert.equal(seizureDueAfter(cal, [seal, extend]), "2026-04-21");
    const testing = {
      event: "record_testing_period",
      onDate: "2026-03-25",
      data: { from: "2026-03-10", to: "2026-03-14" },
    };
    // 5 testing days: 2026-04-26 is a Sunday → Monday 2026-04-27.
    assert.equal(seizureDueAfter(cal, [seal, extend, testing]), "2026-04-27");
    // The original end on a holiday (2026-04-04, 清明) rolls over; the extension counts from the end itself.
    const sealed = { event: "seal_seize", onDate: "2026-03-05", data: {} };
    assert.equal(seizureDueAfter(cal, [sealed]), "2026-04-07");
    const month = { event: "extend_seizure", onDate: "2026-03-20", data: { days: 30 } };
    assert.equal(seizureDueAfter(cal, [sealed, month]), "2026-05-06");
  });
});
