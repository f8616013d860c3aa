import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { caseRolesOf } from "../../src/modules/cases/case-roles.ts";
import { generalEvents, generalProcedure, openStates } from "../../src/modules/cases/general-procedure.ts";
import { simpleProcedure } from "../../src/modules/cases/simple-procedure.ts";
import { threeStepProcedure } from "../../src/modules/cases/three-step-procedure.ts";
import {
  availableTransitions,
  type CaseRole,
  caseRoles,
  caseStateCodes,
  findTransition,
} from "../../src/modules/cases/transition.ts";
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
    assert.deepEqual(actions(["squad_leader"]).sort(), ["cancel", "decline", "file"]);
    assert.ok(
      availableTransitions(generalProcedure, "noticed", ["agency_leader"]).some(
        (t) => t.event === "extend_decision_period",
      ),
    );
  });
});
