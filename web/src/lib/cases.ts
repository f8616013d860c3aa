// Case handling (C06): shapes of /api/v1/cases and the labels of the general procedure.

export interface CaseSummary {
  id: string;
  agencyId: string;
  agencyName: string;
  number: string | null;
  procedure: string;
  state: string;
  stateName: string;
  field: string;
  summary: string;
  placeAddress: string;
  partyType: string;
  partyName: string;
  discoveredOn: string;
  version: number;
  createdAt: string;
  nextDueOn?: string | null;
  light?: string | null;
}

export interface CaseDetail extends CaseSummary {
  partyIdNumber: string;
  partyPhone: string;
  partyAddress: string;
  partyLegalRepresentative: string;
  actOn: string;
  continuingUntil: string | null;
  serious: boolean;
  officers: { userId: string; displayName: string }[];
  events: {
    id: string;
    seq: number;
    event: string;
    fromState: string | null;
    toState: string;
    onDate: string;
    data: Record<string, unknown>;
    actorName: string;
    at: string;
  }[];
  deadlines: {
    kind: string;
    label: string;
    ruleId: string;
    status: string;
    dueOn: string;
    light: string | null;
  }[];
  roles: string[];
  actions: { event: string; label: string; to: string; guards: string[]; documents: string[] }[];
}

export const caseStateLabels: Record<string, string> = {
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
};

export const caseEventLabels: Record<string, string> = {
  create: "登记线索",
  file: "批准立案",
  decline: "不予立案",
  start_investigation: "开始调查取证",
  record_inspection: "现场检查（勘验）笔录",
  record_interview: "询问笔录",
  preserve_evidence: "先行登记保存证据",
  decide_preserved: "先行登记保存证据处理决定",
  seal_seize: "查封、扣押",
  decide_seized: "查封、扣押财物处理决定",
  finish_investigation: "调查终结",
  notify: "送达行政处罚事先告知书",
  record_statement: "陈述申辩笔录",
  waive_statement: "当事人放弃陈述申辩",
  statement_period_expired: "陈述申辩期限届满",
  request_hearing: "当事人申请听证",
  notify_hearing: "送达听证通知书",
  record_hearing: "听证笔录与听证报告",
  hearing_absent: "当事人缺席听证（视为放弃）",
  decide: "作出决定",
  serve: "送达决定书",
  record_execution: "执行完毕",
  close: "批准结案",
  archive: "归档",
  extend_decision_period: "批准延长办案期限",
  cancel: "批准销案",
};

export const lightColors: Record<string, string> = { green: "green", yellow: "gold", red: "red" };

/** The fields each step asks for (the server validates them again). Money is entered in yuan. */
export type StepField = {
  name: string;
  label: string;
  kind: "text" | "textarea" | "yuan" | "days" | "bool" | "date" | "officer" | "select";
  options?: { value: string; label: string }[];
  optional?: boolean;
};

const textarea = (name: string, label: string): StepField => ({ name, label, kind: "textarea" });

export const stepFields: Record<string, StepField[]> = {
  decline: [textarea("reason", "不予立案理由")],
  cancel: [textarea("reason", "销案理由")],
  extend_decision_period: [{ name: "days", label: "延长日数", kind: "days" }, textarea("reason", "延长理由")],
  record_inspection: [textarea("record", "检查（勘验）情况")],
  record_interview: [
    { name: "interviewee", label: "被询问人", kind: "text" },
    textarea("record", "询问内容"),
  ],
  finish_investigation: [textarea("report", "调查终结报告")],
  preserve_evidence: [
    textarea("items", "保存物品清单"),
    { name: "approval", label: "批准人及审批表编号", kind: "text" },
  ],
  decide_preserved: [
    {
      name: "decision",
      label: "处理决定",
      kind: "select",
      options: [
        { value: "return", label: "解除保存、退还" },
        { value: "seal_seize", label: "依法查封、扣押" },
        { value: "transfer", label: "移送有关机关" },
        { value: "confiscate", label: "依法没收" },
        { value: "other", label: "其他" },
      ],
    },
    textarea("note", "说明"),
  ],
  seal_seize: [
    textarea("items", "查封、扣押财物清单"),
    { name: "approval", label: "批准人及审批表编号", kind: "text" },
  ],
  decide_seized: [
    {
      name: "decision",
      label: "处理决定",
      kind: "select",
      options: [
        { value: "release", label: "解除查封、扣押" },
        { value: "confiscate", label: "没收" },
        { value: "destroy", label: "销毁" },
      ],
    },
    textarea("note", "说明"),
  ],
  notify: [
    { name: "penalty.fineFen", label: "拟罚款（元）", kind: "yuan", optional: true },
    { name: "penalty.warning", label: "警告", kind: "bool", optional: true },
    textarea("facts", "违法事实"),
    textarea("legalBasis", "法律依据"),
  ],
  record_statement: [
    textarea("statement", "陈述申辩内容"),
    { name: "adopted", label: "意见予以采纳", kind: "bool" },
  ],
  waive_statement: [textarea("note", "放弃说明")],
  request_hearing: [{ name: "note", label: "说明", kind: "textarea", optional: true }],
  notify_hearing: [
    { name: "hearingOn", label: "听证日期", kind: "date" },
    { name: "presidingUserId", label: "听证主持人（非本案调查人员）", kind: "officer" },
    { name: "place", label: "听证地点", kind: "text" },
  ],
  record_hearing: [textarea("record", "听证笔录"), textarea("report", "听证报告")],
  hearing_absent: [textarea("note", "缺席情况说明")],
  decide: [
    {
      name: "outcome",
      label: "决定",
      kind: "select",
      options: [
        { value: "penalty", label: "给予行政处罚" },
        { value: "no_penalty", label: "不予行政处罚" },
        { value: "transfer", label: "移送司法机关" },
      ],
    },
    { name: "penalty.fineFen", label: "罚款（元）", kind: "yuan", optional: true },
    { name: "penalty.warning", label: "警告", kind: "bool", optional: true },
    textarea("reasons", "理由（说理）"),
  ],
  serve: [
    {
      name: "method",
      label: "送达方式",
      kind: "select",
      options: [
        { value: "on_the_spot", label: "直接送达" },
        { value: "post", label: "邮寄送达" },
        { value: "leaving", label: "留置送达" },
        { value: "public_notice", label: "公告送达" },
        { value: "electronic", label: "电子送达（经当事人书面同意）" },
      ],
    },
    { name: "receipt", label: "送达回证", kind: "text" },
  ],
  record_execution: [
    { name: "paidFen", label: "缴纳金额（元）", kind: "yuan" },
    { name: "note", label: "说明", kind: "textarea", optional: true },
  ],
  close: [textarea("report", "结案报告")],
  // Simple procedure (C07): the on-the-spot decision form.
  "simple:decide": [
    {
      name: "penalty.fineFen",
      label: "罚款（元；个人 ≤ 200 元，单位 ≤ 3000 元，P1）",
      kind: "yuan",
      optional: true,
    },
    { name: "penalty.warning", label: "警告", kind: "bool", optional: true },
    textarea("facts", "违法事实"),
    textarea("legalBasis", "法律依据"),
    { name: "partySigned", label: "当事人已签收", kind: "bool" },
  ],
};

export const procedureLabels: Record<string, string> = {
  general: "一般程序",
  simple: "简易程序",
  three_step: "三步式执法",
};
