import { z } from "zod";
import { lawDate } from "../officers/officer.ts";
import { approvers, type CaseState, handlers, note, type Transition } from "./transition.ts";

/**
 * Steps that change a case without moving it (self-transitions), shared by the procedure tables:
 * the change of officers (办案人员变更, C2) at any state from the lead until the case is closed, and
 * the K3 steps of a running sealing/seizure (its one extension, the testing periods not counted).
 */

/** 办案人员变更 (C2, O1): an approver names the complete new set of officers and says why. */
export const changeOfficers = (from: CaseState): Transition => ({
  from,
  event: "change_officers",
  label: "变更办案人员",
  to: from,
  roles: approvers,
  guards: [{ ruleId: "C2", check: "newOfficersEligible" }],
  data: z
    .strictObject({
      /** The complete new set (at least two distinct officers: checked by the guard, C2). */
      officerIds: z.array(z.uuid()).min(1).max(10),
      reason: note(2000),
    })
    .refine((v) => new Set(v.officerIds).size === v.officerIds.length, {
      message: "办案人员重复",
      path: ["officerIds"],
    }),
  documents: ["办案人员变更审批表"],
});

/** States of a case before it is closed (a table adds change_officers at those it has). */
export const changeableStates: CaseState[] = [
  "lead",
  "filed",
  "educated",
  "ordered",
  "investigating",
  "investigated",
  "noticed",
  "stated",
  "hearing_requested",
  "hearing_scheduled",
  "heard",
  "decided",
  "served",
  "enforcement_applied",
  "executed",
];

/** K3: the seizure deadline can be open only while the case is investigated (see general-procedure.ts). */
export const seizureSteps: Transition[] = [
  {
    from: "investigating",
    event: "extend_seizure",
    label: "延长查封、扣押期限（情况复杂，经机关负责人批准）",
    to: "investigating",
    roles: approvers,
    guards: [
      { ruleId: "K3", check: "seizureRunning" },
      { ruleId: "K3", check: "seizureNotExtended" },
      { ruleId: "K3", check: "seizureExtensionWithinLimit" },
    ],
    data: z.strictObject({
      days: z.number().int().min(1).max(366),
      /** Why the case is complex (情况复杂). */
      reason: note(2000),
      /** The agency head's approval (批准人及审批表编号). */
      approval: note(200),
    }),
    // The new due date (old end + days) supersedes the running one (latest row per kind).
    opens: ["seizure"],
    documents: ["延长查封（扣押）期限决定书"],
  },
  {
    from: "investigating",
    event: "record_testing_period",
    label: "登记检测、检验、检疫或技术鉴定期间（不计入查封、扣押期限）",
    to: "investigating",
    roles: [...handlers, ...approvers],
    guards: [
      { ruleId: "K3", check: "seizureRunning" },
      { ruleId: "K3", check: "testingPeriodValid" },
    ],
    data: z.strictObject({
      from: lawDate,
      to: lawDate,
      /** What was tested and by whom (检测机构、鉴定事项). */
      note: note(2000),
    }),
    opens: ["seizure"],
    documents: ["检测、检验、检疫或技术鉴定期间告知书"],
  },
];
