import { z } from "zod";
import type { Procedure } from "./case.ts";

/**
 * The vocabulary of the procedure tables (general-procedure.ts, simple-procedure.ts,
 * three-step-procedure.ts, execution-steps.ts): states, roles, guards, deadlines and the shape of a
 * row. A legal officer reads the tables; the engine (apply-transition.ts) runs them.
 */
export const caseStates = {
  lead: "线索",
  filed: "已立案",
  declined: "不予立案",
  educated: "已教育劝导",
  ordered: "已责令改正",
  investigating: "调查取证",
  investigated: "调查终结",
  noticed: "已告知",
  stated: "已陈述申辩",
  hearing_requested: "已申请听证",
  hearing_scheduled: "已通知听证",
  heard: "已听证",
  decided: "已决定",
  served: "已送达",
  enforcement_applied: "已申请法院强制执行",
  executed: "已执行",
  closed: "已结案",
  archived: "已归档",
  cancelled: "已销案",
} as const;
export type CaseState = keyof typeof caseStates;
export const caseStateCodes = Object.keys(caseStates) as [CaseState, ...CaseState[]];

/** Roles (src/modules/identity/roles.ts) that act in a case. "officer" = an officer assigned to the case. */
export type CaseRole = "officer" | "squad_leader" | "agency_leader";
export const caseRoles: CaseRole[] = ["officer", "squad_leader", "agency_leader"];
export const caseRoleNames: Record<CaseRole, string> = {
  officer: "本案办案人员",
  squad_leader: "中队长",
  agency_leader: "机关负责人",
};

/** Guards: a rule ID and the check that enforces it (implemented in guards.ts). */
export type GuardCheck =
  | "limitation"
  | "twoCertifiedOfficers"
  | "recording"
  | "decisionInTime"
  | "noticeBeforeDecision"
  | "notHeavierThanNotice"
  | "hearingRight"
  | "hearingRequestInTime"
  | "hearingNoticeInTime"
  | "presidingOfficer"
  | "legalReviewGate"
  | "collectiveDiscussion"
  | "statementPeriodOver"
  | "noSecondFine"
  | "extensionWithinLimit"
  | "simpleProcedureLimits"
  | "measureDecisionInTime"
  | "noPendingMeasures"
  | "hearingDateReached"
  | "noPenaltyGround"
  | "threeStepListed"
  | "correctionDueLater"
  | "correctionPeriodOver"
  | "serviceMethod"
  | "transferDecided"
  | "itemsDisposable"
  | "decisionDocument"
  | "finePayable"
  | "paidInFull"
  | "paymentOverdue"
  | "deferralLater"
  | "courtWindow"
  // guards-changes.ts: change of case officers (C2, O1) and the K3 period of sealing/seizure.
  | "newOfficersEligible"
  | "seizureRunning"
  | "seizureNotExtended"
  | "seizureExtensionWithinLimit"
  | "testingPeriodValid";
export type Guard = { ruleId: string; check: GuardCheck };

/** Deadline kinds a step opens or closes. */
export const deadlineKinds = {
  decision: { label: "办案期限（立案之日起 90 日）", ruleId: "P3" },
  statement: { label: "陈述申辩期限", ruleId: "P5" },
  hearing_request: { label: "听证申请期限（告知后 5 个工作日）", ruleId: "P7" },
  service: { label: "送达期限（决定后 7 个工作日）", ruleId: "X3" },
  payment: { label: "缴纳罚款期限（送达后 15 日，或批准的延期、分期）", ruleId: "X4" },
  preservation: { label: "先行登记保存物品处理决定期限（7 个工作日）", ruleId: "C4" },
  seizure: { label: "查封、扣押期限（30 日，经批准可延长一次不超过 30 日）", ruleId: "K3" },
  correction: { label: "责令改正期限", ruleId: "C08" },
  court_application: { label: "申请法院强制执行期限", ruleId: "K7" },
} as const;
export type DeadlineKind = keyof typeof deadlineKinds;

export type Transition = {
  from: CaseState;
  event: string;
  label: string;
  to: CaseState;
  roles: CaseRole[];
  guards: Guard[];
  /** What the step must carry (validated before anything is written). */
  data: z.ZodType<Record<string, unknown>>;
  opens?: DeadlineKind[];
  /** "all": every open deadline of the case. */
  closes?: DeadlineKind[] | "all";
  documents?: string[];
  /** L5 action code (recording list) whose audio-video record the step needs when the list says "full". */
  recording?: string;
  /** The step gives the case its number (filing). */
  assignsNumber?: boolean;
  /** The case continues under another procedure (three-step: not corrected → general procedure). */
  switchesTo?: Procedure;
};

export const handlers: CaseRole[] = ["officer"];
export const approvers: CaseRole[] = ["squad_leader", "agency_leader"];
export const note = (max = 5000) => z.string().trim().min(1).max(max);
export const none = z.strictObject({});
export const C2: Guard = { ruleId: "C2", check: "twoCertifiedOfficers" };
export const L5: Guard = { ruleId: "L5", check: "recording" };

export type TransitionAnswer =
  | { ok: true; transition: Transition }
  | { ok: false; code: "TRANSITION_NOT_ALLOWED" | "CASE_ROLE_REQUIRED"; message: string };

/** Who may do what: the answer of the table for a (state, event, roles) triple (no I/O). */
export function findTransition(
  table: Transition[],
  state: CaseState,
  event: string,
  roles: readonly CaseRole[],
): TransitionAnswer {
  const t = table.find((x) => x.from === state && x.event === event);
  if (!t) {
    return {
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      message: `案件处于“${caseStates[state]}”状态，不能进行“${event}”操作`,
    };
  }
  if (!t.roles.some((r) => roles.includes(r))) {
    return {
      ok: false,
      code: "CASE_ROLE_REQUIRED",
      message: `“${t.label}”须由${t.roles.map((r) => caseRoleNames[r]).join("或")}办理`,
    };
  }
  return { ok: true, transition: t };
}

/** The steps the table allows from a state for these roles. */
export const availableTransitions = (table: Transition[], state: CaseState, roles: readonly CaseRole[]) =>
  table.filter((t) => t.from === state && t.roles.some((r) => roles.includes(r)));

/** The table in a form a reader (or the web page) can show: rule IDs, roles, deadlines, documents. */
export function describeTable(table: Transition[]) {
  return table.map((t) => ({
    from: t.from,
    fromName: caseStates[t.from],
    event: t.event,
    label: t.label,
    to: t.to,
    toName: caseStates[t.to],
    roles: t.roles.map((r) => caseRoleNames[r]),
    guards: t.guards.map((g) => g.ruleId),
    opens: (t.opens ?? []).map((k) => deadlineKinds[k].label),
    closes: t.closes === "all" ? ["全部期限"] : (t.closes ?? []).map((k) => deadlineKinds[k].label),
    documents: t.documents ?? [],
    recording: t.recording ?? null,
    switchesTo: t.switchesTo ?? null,
  }));
}
