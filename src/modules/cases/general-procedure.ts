import { z } from "zod";
import { lawDate } from "../officers/officer.ts";
import { penaltyInput } from "./case.ts";

/**
 * The general procedure (一般程序, C06) as data: every step a case may take, who may take it, the
 * legal rules checked before it (guards, by rule ID of legal-rules.md), the deadlines it opens and
 * closes, the documents it produces and the audio-video record it needs (L5). The engine
 * (apply-transition.ts) is generic; a legal officer reviews this table.
 *
 * Not yet in the table (see the issue): extension of sealing/seizure (K3), the item inventory
 * (C14), collective discussion (P9), the legal review itself (P10: until it lands, a decision that needs
 * review is refused with LEGAL_REVIEW_REQUIRED), extension of the decision period, deferral and
 * instalments (X6), reminder and court enforcement (K5, K7).
 */
export const caseStates = {
  lead: "线索",
  filed: "已立案",
  declined: "不予立案",
  investigating: "调查取证",
  investigated: "调查终结",
  noticed: "已告知",
  stated: "已陈述申辩",
  hearing_requested: "已申请听证",
  hearing_scheduled: "已通知听证",
  heard: "已听证",
  decided: "已决定",
  served: "已送达",
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
  | "statementPeriodOver"
  | "noSecondFine"
  | "extensionWithinLimit"
  | "simpleProcedureLimits"
  | "measureDecisionInTime"
  | "noPendingMeasures"
  | "hearingDateReached";
export type Guard = { ruleId: string; check: GuardCheck };

/** Deadline kinds a step opens or closes. */
export const deadlineKinds = {
  decision: { label: "办案期限（立案之日起 90 日）", ruleId: "P3" },
  statement: { label: "陈述申辩期限", ruleId: "P5" },
  hearing_request: { label: "听证申请期限（告知后 5 个工作日）", ruleId: "P7" },
  payment: { label: "缴纳罚款期限（送达后 15 日）", ruleId: "X4" },
  preservation: { label: "先行登记保存物品处理决定期限（7 个工作日）", ruleId: "C4" },
  seizure: { label: "查封、扣押期限（30 日）", ruleId: "K3" },
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
};

const handlers: CaseRole[] = ["officer"];
const approvers: CaseRole[] = ["squad_leader", "agency_leader"];
const note = (max = 5000) => z.string().trim().min(1).max(max);
const none = z.strictObject({});
const C2: Guard = { ruleId: "C2", check: "twoCertifiedOfficers" };
const L5: Guard = { ruleId: "L5", check: "recording" };

export const serviceMethods = {
  on_the_spot: "直接送达",
  post: "邮寄送达",
  leaving: "留置送达",
  public_notice: "公告送达",
  electronic: "电子送达（经当事人书面同意）",
} as const;

const decideData = z
  .strictObject({
    outcome: z.enum(["penalty", "no_penalty", "transfer"]),
    penalty: penaltyInput.optional(),
    reasons: note(),
  })
  .refine((v) => v.outcome !== "penalty" || v.penalty !== undefined, {
    message: "处罚决定须写明处罚内容",
    path: ["penalty"],
  });

/** States from which a case may be cancelled (销案) with approval. */
export const openStates: CaseState[] = [
  "lead",
  "filed",
  "investigating",
  "investigated",
  "noticed",
  "stated",
  "hearing_requested",
  "hearing_scheduled",
  "heard",
];

const decide = (from: CaseState): Transition => ({
  from,
  event: "decide",
  label: "作出决定（处罚、不予处罚或移送司法机关）",
  to: "decided",
  roles: approvers,
  guards: [
    { ruleId: "P4", check: "noticeBeforeDecision" },
    { ruleId: "P5", check: "notHeavierThanNotice" },
    { ruleId: "P3", check: "decisionInTime" },
    { ruleId: "P13", check: "noSecondFine" },
    { ruleId: "P10", check: "legalReviewGate" },
  ],
  data: decideData,
  closes: ["decision", "statement", "hearing_request"],
  documents: ["行政处罚决定书 / 不予行政处罚决定书 / 涉嫌犯罪案件移送书"],
});

export const generalProcedure: Transition[] = [
  {
    from: "lead",
    event: "file",
    label: "批准立案",
    to: "filed",
    roles: approvers,
    guards: [{ ruleId: "C5", check: "limitation" }],
    data: none,
    opens: ["decision"],
    documents: ["立案审批表"],
    assignsNumber: true,
  },
  {
    from: "lead",
    event: "decline",
    label: "不予立案（须说明理由）",
    to: "declined",
    roles: approvers,
    guards: [],
    data: z.strictObject({ reason: note(2000) }),
    documents: ["不予立案审批表"],
  },
  {
    from: "filed",
    event: "start_investigation",
    label: "开始调查取证",
    to: "investigating",
    roles: handlers,
    guards: [C2],
    data: none,
  },
  {
    from: "investigating",
    event: "record_inspection",
    label: "现场检查（勘验）笔录",
    to: "investigating",
    roles: handlers,
    guards: [C2, L5],
    data: z.strictObject({ record: note() }),
    documents: ["现场检查（勘验）笔录"],
    recording: "onsite_inspection",
  },
  {
    from: "investigating",
    event: "record_interview",
    label: "询问笔录",
    to: "investigating",
    roles: handlers,
    guards: [C2, L5],
    data: z.strictObject({ record: note(), interviewee: note(100) }),
    documents: ["询问笔录"],
    recording: "evidence_collection",
  },
  {
    from: "investigating",
    event: "preserve_evidence",
    label: "先行登记保存证据（经机关负责人批准）",
    to: "investigating",
    roles: handlers,
    guards: [C2, L5],
    data: z.strictObject({ items: note(2000), approval: note(200) }),
    opens: ["preservation"],
    documents: ["先行登记保存证据审批表", "先行登记保存证据通知书", "物品清单"],
    recording: "evidence_preservation",
  },
  {
    from: "investigating",
    event: "decide_preserved",
    label: "对先行登记保存的证据作出处理决定",
    to: "investigating",
    roles: approvers,
    guards: [{ ruleId: "C4", check: "measureDecisionInTime" }],
    data: z.strictObject({
      decision: z.enum(["return", "seal_seize", "transfer", "confiscate", "other"]),
      note: note(2000),
    }),
    closes: ["preservation"],
    documents: ["先行登记保存证据处理决定书"],
  },
  {
    from: "investigating",
    event: "seal_seize",
    label: "查封、扣押（经机关负责人批准，当场交付决定书和清单）",
    to: "investigating",
    roles: handlers,
    guards: [C2, L5],
    data: z.strictObject({ items: note(2000), approval: note(200) }),
    opens: ["seizure"],
    documents: ["查封（扣押）决定书", "查封（扣押）清单", "现场笔录"],
    recording: "seal_seize",
  },
  {
    from: "investigating",
    event: "decide_seized",
    label: "对查封、扣押的财物作出处理决定（解除、没收、销毁）",
    to: "investigating",
    roles: approvers,
    guards: [{ ruleId: "K3", check: "measureDecisionInTime" }],
    data: z.strictObject({ decision: z.enum(["release", "confiscate", "destroy"]), note: note(2000) }),
    closes: ["seizure"],
    documents: ["解除查封（扣押）决定书 / 处理决定书"],
  },
  {
    from: "investigating",
    event: "finish_investigation",
    label: "调查终结（调查终结报告）",
    to: "investigated",
    roles: handlers,
    guards: [C2, { ruleId: "C4", check: "noPendingMeasures" }],
    data: z.strictObject({ report: note() }),
    documents: ["案件调查终结报告"],
  },
  {
    from: "investigated",
    event: "notify",
    label: "送达行政处罚事先告知书",
    to: "noticed",
    roles: handlers,
    guards: [{ ruleId: "P3", check: "decisionInTime" }],
    data: z.strictObject({ penalty: penaltyInput, facts: note(), legalBasis: note(2000) }),
    opens: ["statement", "hearing_request"],
    documents: ["行政处罚事先告知书"],
  },
  decide("investigated"),
  {
    from: "noticed",
    event: "record_statement",
    label: "陈述申辩笔录",
    to: "stated",
    roles: handlers,
    guards: [],
    data: z.strictObject({ statement: note(), adopted: z.boolean() }),
    closes: ["statement", "hearing_request"],
    documents: ["陈述申辩笔录", "陈述申辩复核意见"],
  },
  {
    from: "noticed",
    event: "waive_statement",
    label: "当事人放弃陈述申辩",
    to: "stated",
    roles: handlers,
    guards: [],
    data: z.strictObject({ note: note(2000) }),
    closes: ["statement", "hearing_request"],
  },
  {
    from: "noticed",
    event: "statement_period_expired",
    label: "陈述申辩期限届满未提出",
    to: "stated",
    roles: handlers,
    guards: [{ ruleId: "P5", check: "statementPeriodOver" }],
    data: none,
    closes: ["statement", "hearing_request"],
  },
  {
    from: "noticed",
    event: "request_hearing",
    label: "当事人申请听证",
    to: "hearing_requested",
    roles: handlers,
    guards: [
      { ruleId: "P6", check: "hearingRight" },
      { ruleId: "P7", check: "hearingRequestInTime" },
    ],
    data: z.strictObject({ note: z.string().trim().max(2000).default("") }),
    closes: ["statement", "hearing_request"],
  },
  {
    from: "hearing_requested",
    event: "notify_hearing",
    label: "送达听证通知书",
    to: "hearing_scheduled",
    roles: [...handlers, ...approvers],
    guards: [
      { ruleId: "P7", check: "hearingNoticeInTime" },
      { ruleId: "P7", check: "presidingOfficer" },
    ],
    data: z.strictObject({ hearingOn: lawDate, presidingUserId: z.uuid(), place: note(200) }),
    documents: ["听证通知书"],
  },
  {
    from: "hearing_scheduled",
    event: "record_hearing",
    label: "听证笔录与听证报告",
    to: "heard",
    roles: [...handlers, ...approvers],
    guards: [L5],
    data: z.strictObject({ record: note(), report: note() }),
    documents: ["听证笔录", "听证报告"],
    recording: "hearing",
  },
  {
    from: "hearing_scheduled",
    event: "hearing_absent",
    label: "当事人无正当理由拒不出席听证（视为放弃听证）",
    to: "stated",
    roles: [...handlers, ...approvers],
    guards: [{ ruleId: "P7", check: "hearingDateReached" }],
    data: z.strictObject({ note: note(2000) }),
    documents: ["听证笔录（当事人缺席）"],
  },
  decide("stated"),
  decide("heard"),
  {
    from: "decided",
    event: "serve",
    label: "送达决定书（送达回证）",
    to: "served",
    roles: handlers,
    guards: [L5],
    data: z.strictObject({
      method: z.enum(Object.keys(serviceMethods) as [keyof typeof serviceMethods]),
      receipt: note(500),
    }),
    opens: ["payment"],
    documents: ["送达回证"],
    recording: "service",
  },
  {
    from: "served",
    event: "record_execution",
    label: "执行完毕（缴款凭证）",
    to: "executed",
    roles: handlers,
    guards: [],
    data: z.strictObject({ paidFen: z.number().int().min(0), note: z.string().trim().max(2000).default("") }),
    closes: ["payment"],
  },
  {
    from: "executed",
    event: "close",
    label: "批准结案（结案报告）",
    to: "closed",
    roles: approvers,
    guards: [],
    data: z.strictObject({ report: note() }),
    closes: "all",
    documents: ["结案报告"],
  },
  {
    from: "closed",
    event: "archive",
    label: "归档",
    to: "archived",
    roles: approvers,
    guards: [],
    data: none,
  },
  // P3: the 90-day decision period extended with approval (up to case.decisionExtensionDays in all).
  ...openStates
    .filter((s) => s !== "lead")
    .map(
      (from): Transition => ({
        from,
        event: "extend_decision_period",
        label: "批准延长办案期限",
        to: from,
        roles: approvers,
        guards: [
          { ruleId: "P3", check: "decisionInTime" },
          { ruleId: "P3", check: "extensionWithinLimit" },
        ],
        data: z.strictObject({ days: z.number().int().min(1).max(3660), reason: note(2000) }),
        opens: ["decision"],
        documents: ["延长办案期限审批表"],
      }),
    ),
  ...openStates.map(
    (from): Transition => ({
      from,
      event: "cancel",
      label: "批准销案",
      to: "cancelled",
      roles: approvers,
      guards: [],
      data: z.strictObject({ reason: note(2000) }),
      closes: "all",
      documents: ["销案审批表"],
    }),
  ),
];

export const generalEvents = [...new Set(generalProcedure.map((t) => t.event))];

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

export const caseRoleNames: Record<CaseRole, string> = {
  officer: "本案办案人员",
  squad_leader: "中队长",
  agency_leader: "机关负责人",
};

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
  }));
}
