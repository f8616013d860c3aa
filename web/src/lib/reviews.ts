// Legal review (P10, L1–L3), collective discussion (P9) and filing (F1): shapes and labels.

export const reviewStatusLabels: Record<string, string> = {
  pending: "待审核",
  passed: "审核通过",
  returned: "退回补正",
  escalated: "提请集体讨论",
};
export const reviewStatusColors: Record<string, string> = {
  pending: "orange",
  passed: "green",
  returned: "red",
  escalated: "purple",
};
export const outcomeLabels: Record<string, string> = {
  penalty: "行政处罚",
  no_penalty: "不予处罚",
  transfer: "移送司法机关",
};
export const filingStatusLabels: Record<string, string> = {
  pending: "待报送",
  submitted: "已报送",
  acknowledged: "已签收",
};
export const warningColors: Record<string, string> = { red: "red", yellow: "gold", green: "green" };

export const yuan = (fen: number) =>
  `${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2 })} 元`;

export interface ReviewQueueItem {
  id: string;
  caseId: string;
  round: number;
  /** L3: the deadline in force (extended when approved). */
  dueOn: string;
  extended: boolean;
  submittedAt: string;
  reviewerId: string;
  reviewerName: string;
  status: string;
  opinionAt: string | null;
  caseNumber: string | null;
  partyName: string;
  summary: string;
  agencyName: string;
  outcome: string;
  fineFen: number;
  machineProblems: number;
  machineManual: number;
  warning: "red" | "yellow" | "green" | null;
}

export interface CheckItem {
  item: string;
  label: string;
  ok: boolean | null;
  evidence: string;
  ruleId: string;
}

export interface ReviewDetail {
  id: string;
  caseId: string;
  round: number;
  status: string;
  proposal: { outcome: string; reasons: string; penalty?: { fineFen?: number }; benchmarkReason?: string };
  proposalText: string;
  materials: { code: string; label: string }[];
  note: string;
  checks: CheckItem[];
  reviewerName: string;
  submitterName: string;
  submittedAt: string;
  dueOn: string;
  overdue: boolean;
  /** L3: the approved extension of the deadline. */
  extension: {
    approvedBy: string;
    reason: string;
    days: number;
    at: string;
    previousDeadline: string;
  } | null;
  opinion: {
    opinion: string;
    items: { item: string; machineOk: boolean | null; ok: boolean; comment: string }[];
    comment: string;
    at: string;
  } | null;
  escalation: { reason: string; at: string } | null;
  previous: {
    id: string;
    round: number;
    status: string;
    opinionComment: string;
    problems: { item: string; ok: boolean; comment: string }[];
    changes: string[];
    newSteps: { seq: number; label: string; onDate: string }[];
  } | null;
  case: {
    id: string;
    number: string | null;
    state: string;
    field: string;
    summary: string;
    partyName: string;
    agencyName: string;
    actOn: string;
    officers: string[];
    events: { seq: number; event: string; label: string; onDate: string; data: Record<string, unknown> }[];
    evidence: { id: string; kind: string; fileName: string; action: string | null; description: string }[];
  };
  canDecide: boolean;
  canEscalate: boolean;
  canResubmit: boolean;
  canExtend: boolean;
}

/** The checklist items only a person judges (L2). */
export const manualItems: { item: string; label: string }[] = [
  { item: "facts", label: "事实清楚、证据确凿充分" },
  { item: "law", label: "适用法律依据正确" },
];

export interface MeetingSummary {
  id: string;
  agencyName: string;
  heldOn: string;
  place: string;
  chairName: string;
  memberCount: number;
  attendees: { userId: string; name: string; role: string }[];
  cases: number;
}

export interface MeetingDetail extends Omit<MeetingSummary, "cases"> {
  agencyId: string;
  discussions: {
    id: string;
    caseId: string;
    caseNumber: string | null;
    partyName: string;
    summary: string;
    opinions: { userId: string; name: string; opinion: string }[];
    conclusion: string;
    approved: boolean;
  }[];
}

export const attendeeRoles = [
  "主要负责人",
  "分管负责人",
  "班子成员",
  "法制审核人员",
  "承办人员",
  "记录人",
  "列席",
];

export interface FilingItem {
  eventId: string;
  caseId: string;
  caseNumber: string | null;
  partyName: string;
  summary: string;
  agencyName: string;
  decidedOn: string;
  fineFen: number;
  reasons: { ruleId: string; text: string }[];
  dueOn: string;
  status: string;
  overdue: boolean;
  filingId: string | null;
  submittedOn: string | null;
  acknowledgedAt: string | null;
}

/** Penalty kinds a criterion of the L1 list may name (mirrors majorPenaltyKinds on the server). */
export const majorPenaltyKindLabels: Record<string, string> = {
  licence_revocation: "吊销许可证件",
  qualification_lowering: "降低资质等级",
  suspension_of_business: "责令停产停业",
  closure: "责令关闭",
  profession_restriction: "限制从业",
  other_heavier: "其他较重的行政处罚",
};

/** The conditions of a criterion (L1): a decision matches when in one of the fields (if any) and meeting any trigger. */
export interface MajorCriteria {
  penaltyKinds?: string[];
  fineFenAtLeast?: number;
  confiscationFenAtLeast?: number;
  hearingHeld?: boolean;
  hearingThreshold?: boolean;
  fields?: string[];
}

export interface MajorCriterion {
  criterionId: string;
  agencyId: string;
  name: string;
  criteria: MajorCriteria;
  needsReview: boolean;
  needsDiscussion: boolean;
  reason: string;
  /** Set by an agency above: shown, not editable here. */
  inherited: boolean;
}

/** An amount in fen as "5 万元" (whole ten-thousands) or "1,234.5 元". */
const amount = (fen: number) =>
  fen > 0 && fen % 1_000_000 === 0
    ? `${(fen / 1_000_000).toLocaleString("zh-CN")} 万元`
    : `${(fen / 100).toLocaleString("zh-CN", { maximumFractionDigits: 2 })} 元`;

/** A readable summary of the conditions, e.g. "罚款 ≥ 5 万元；吊销许可证件；经过听证". */
export const criteriaSummary = (c: MajorCriteria): string => {
  const triggers: string[] = [];
  if (c.fineFenAtLeast !== undefined) triggers.push(`罚款 ≥ ${amount(c.fineFenAtLeast)}`);
  if (c.confiscationFenAtLeast !== undefined) triggers.push(`没收 ≥ ${amount(c.confiscationFenAtLeast)}`);
  if (c.penaltyKinds?.length)
    triggers.push(c.penaltyKinds.map((k) => majorPenaltyKindLabels[k] ?? k).join("、"));
  if (c.hearingHeld) triggers.push("经过听证");
  if (c.hearingThreshold) triggers.push("罚没数额达到听证标准");
  const fields = c.fields?.length ? `${c.fields.join("、")}领域` : "";
  if (!triggers.length) return fields ? `${fields}的处罚决定` : "—";
  return `${fields ? `${fields}：` : ""}${triggers.join("；")}`;
};
