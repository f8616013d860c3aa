import { z } from "zod";
import { lawDate } from "../officers/officer.ts";
import { penaltyInput } from "./case.ts";
import { changeOfficers, seizureSteps } from "./change-steps.ts";
import { executionSteps } from "./execution-steps.ts";
import { seizedItems } from "./items.ts";
import { approvers, C2, type CaseState, handlers, L5, none, note, type Transition } from "./transition.ts";

/**
 * The general procedure (一般程序, C06) as data: every step a case may take, who may take it, the
 * legal rules checked before it (guards, by rule ID of legal-rules.md), the deadlines it opens and
 * closes, the documents it produces and the audio-video record it needs (L5). The engine
 * (apply-transition.ts) is generic; a legal officer reviews this table. Service and execution
 * (X3–X6, K5, K7) are in execution-steps.ts.
 *
 * The change of officers (C2) and the extension of sealing/seizure (K3) are in change-steps.ts.
 * Legal review (P10) and collective discussion (P9) are their own workflow (src/modules/reviews);
 * the decide step's gates ask it.
 */
/** P11 (APL art. 30–33): the grounds on which no penalty is given. */
export const noPenaltyGrounds = {
  minor_corrected: "违法行为轻微并及时改正，没有造成危害后果",
  first_violation: "初次违法且危害后果轻微并及时改正（首违不罚清单）",
  no_fault: "当事人有证据足以证明没有主观过错",
  under_14: "不满十四周岁",
  mental_illness: "精神病人、智力残疾人不能辨认或者不能控制自己行为",
  not_established: "违法事实不能成立",
} as const;

const decideData = z
  .strictObject({
    outcome: z.enum(["penalty", "no_penalty", "transfer"]),
    penalty: penaltyInput.optional(),
    reasons: note(),
    /** P11: the ground of a no-penalty decision. */
    ground: z.enum(Object.keys(noPenaltyGrounds) as [keyof typeof noPenaltyGrounds]).optional(),
    /** P11 (art. 33): the education given to the party in a no-penalty case (教育记录). */
    education: note(2000).optional(),
  })
  .refine((v) => v.outcome !== "penalty" || v.penalty !== undefined, {
    message: "处罚决定须写明处罚内容",
    path: ["penalty"],
  })
  .refine((v) => v.outcome !== "no_penalty" || v.ground !== undefined, {
    message: "不予处罚决定须写明不予处罚的情形（P11）",
    path: ["ground"],
  })
  .refine((v) => v.outcome !== "no_penalty" || v.ground === "not_established" || v.education !== undefined, {
    message: "不予处罚的，应当对当事人进行教育并记录（P11，《行政处罚法》第三十三条）",
    path: ["education"],
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
    { ruleId: "P9", check: "collectiveDiscussion" },
    { ruleId: "P11", check: "noPenaltyGround" },
    { ruleId: "X1", check: "decisionDocument" },
  ],
  data: decideData,
  opens: ["service"],
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
    data: z.strictObject({ items: seizedItems, approval: note(200) }),
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
    data: z.strictObject({ items: seizedItems, approval: note(200) }),
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
  // K3: the one extension of a running sealing/seizure, and testing periods not counted.
  ...seizureSteps,
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
  ...executionSteps,
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
  // C2: the officers change with approval at any state until the case is closed (execution states: execution-steps.ts).
  ...openStates.map(changeOfficers),
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
