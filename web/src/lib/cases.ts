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
  /** C2: the changes of officers, oldest first (names included, also of those who left). */
  officerChanges: {
    seq: number;
    on: string;
    officerIds: string[];
    officers: { userId: string; displayName: string }[];
    added: { userId: string; displayName: string }[];
    removed: { userId: string; displayName: string }[];
    reason: string;
    actorId: string;
    actorName: string;
  }[];
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
  /** Preserved and seized items (C14), in the order they were taken. */
  items: CaseItem[];
  /** The fine and what is owed today (X4–X6); null before service or without a fine. */
  money: CaseMoney | null;
}

export interface CaseItem {
  no: number;
  name: string;
  quantity: number;
  unit: string;
  note: string;
  status: string;
  statusName: string;
  takenOn: string;
  takenBy: string;
  changedOn: string;
}

export interface CaseMoney {
  fineFen: number;
  paidFen: number;
  fineOutstandingFen: number;
  lateFeeFen: number;
  totalFen: number;
  nextDueOn: string | null;
  schedule: { dueOn: string; amountFen: number }[];
}

/** A row of GET /case-deadlines (open deadlines in force, nearest first). */
export interface CaseDeadlineRow {
  caseId: string;
  number: string | null;
  procedure: string;
  state: string;
  stateName: string;
  partyName: string;
  summary: string;
  agencyId: string;
  agencyName: string;
  kind: string;
  label: string;
  ruleId: string;
  dueOn: string;
  light: "green" | "yellow" | "red" | null;
  officers: string[];
}

export const caseStateLabels: Record<string, string> = {
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
  transfer_out: "移送司法机关",
  approve_deferral: "批准延期缴纳罚款",
  approve_instalments: "批准分期缴纳罚款",
  record_payment: "登记缴款",
  remind: "催告履行",
  apply_court_enforcement: "申请人民法院强制执行",
  record_execution: "执行完毕",
  dispose_items: "处置没收物品",
  educate: "教育劝导",
  order_correction: "责令限期改正",
  reinspect_corrected: "复查：已按期改正",
  reinspect_not_corrected: "复查：逾期未改正（转一般程序）",
  close: "批准结案",
  archive: "归档",
  extend_decision_period: "批准延长办案期限",
  change_officers: "变更办案人员",
  extend_seizure: "延长查封、扣押期限",
  record_testing_period: "登记检测、检验、检疫或技术鉴定期间",
  cancel: "批准销案",
};

export const lightColors: Record<string, string> = { green: "green", yellow: "gold", red: "red" };
export const lightLabels: Record<string, string> = { red: "已超期", yellow: "即将到期", green: "正常" };

/** Deadline kinds (server: transition.ts deadlineKinds), short names for filters. */
export const deadlineKindLabels: Record<string, string> = {
  decision: "办案期限（P3）",
  statement: "陈述申辩期限（P5）",
  hearing_request: "听证申请期限（P7）",
  service: "送达期限（X3）",
  payment: "缴纳罚款期限（X4）",
  preservation: "先行登记保存处理期限（C4）",
  seizure: "查封、扣押期限（K3）",
  correction: "责令改正期限（C08）",
  court_application: "申请法院强制执行期限（K7）",
};

/** P11: the grounds of a no-penalty decision (server: general-procedure.ts noPenaltyGrounds). */
export const noPenaltyGroundLabels: Record<string, string> = {
  minor_corrected: "违法行为轻微并及时改正，没有造成危害后果",
  first_violation: "初次违法且危害后果轻微并及时改正（首违不罚清单）",
  no_fault: "当事人有证据足以证明没有主观过错",
  under_14: "不满十四周岁",
  mental_illness: "精神病人、智力残疾人不能辨认或者不能控制自己行为",
  not_established: "违法事实不能成立",
};

/** X3: service methods (server: execution-steps.ts serviceMethods). */
export const serviceMethodLabels: Record<string, string> = {
  on_the_spot: "直接送达",
  post: "邮寄送达",
  leaving: "留置送达",
  public_notice: "公告送达",
  electronic: "电子送达（经当事人书面同意）",
};

export const itemTakenByLabels: Record<string, string> = {
  preserve_evidence: "先行登记保存",
  seal_seize: "查封、扣押",
};

export const itemStatusColors: Record<string, string> = {
  preserved: "gold",
  sealed: "orange",
  released: "green",
  confiscated: "red",
  destroyed: "default",
  auctioned: "purple",
  transferred: "blue",
};

/** Fen → "1,234.50 元". */
export const yuan = (fen: number) =>
  `${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/**
 * The fields each step asks for (the server validates them again). Money is entered in yuan and
 * sent in fen; dates are picked and sent as YYYY-MM-DD. `items` is an editable list of items
 * (名称, 数量, 单位, 备注); `itemNos` picks among the case's confiscated items. `showIf` receives
 * the form values (keys with "." replaced by "_") and hides the field (not sent, not required).
 */
export type StepField = {
  name: string;
  label: string;
  kind:
    | "text"
    | "textarea"
    | "yuan"
    | "days"
    | "int"
    | "bool"
    | "date"
    | "officer"
    | "officers"
    | "select"
    | "items"
    | "itemNos";
  options?: { value: string; label: string }[];
  optional?: boolean;
  min?: number;
  max?: number;
  unit?: string;
  initial?: unknown;
  extra?: string;
  showIf?: (values: Record<string, unknown>) => boolean;
};

const textarea = (name: string, label: string): StepField => ({ name, label, kind: "textarea" });
const optionalNote = (label = "说明"): StepField => ({
  name: "note",
  label,
  kind: "textarea",
  optional: true,
});
const isPenalty = (v: Record<string, unknown>) => v.outcome === "penalty";
const isNoPenalty = (v: Record<string, unknown>) => v.outcome === "no_penalty";

export const stepFields: Record<string, StepField[]> = {
  decline: [textarea("reason", "不予立案理由")],
  cancel: [textarea("reason", "销案理由")],
  extend_decision_period: [{ name: "days", label: "延长日数", kind: "days" }, textarea("reason", "延长理由")],
  // C2: the complete new set of officers (at least two with valid certificates for the field).
  change_officers: [
    {
      name: "officerIds",
      label: "变更后的办案人员（全部人员）",
      kind: "officers",
      extra: "须至少两名本机关持有效执法证（涵盖本案执法领域）的执法人员（C2）",
    },
    textarea("reason", "变更理由"),
  ],
  // K3: once, at most 30 days, with the agency head's approval.
  extend_seizure: [
    {
      name: "days",
      label: "延长日数",
      kind: "int",
      min: 1,
      max: 30,
      unit: "日",
      extra: "只能延长一次，不超过 30 日（K3）",
    },
    textarea("reason", "延长理由（情况复杂的说明）"),
    { name: "approval", label: "机关负责人批准（批准人及审批表编号）", kind: "text" },
  ],
  record_testing_period: [
    { name: "from", label: "检测（鉴定）开始日期", kind: "date" },
    { name: "to", label: "检测（鉴定）结束日期", kind: "date", extra: "该期间不计入查封、扣押期限（K3）" },
    textarea("note", "检测、检验、检疫或技术鉴定事项及机构"),
  ],
  record_inspection: [textarea("record", "检查（勘验）情况")],
  record_interview: [
    { name: "interviewee", label: "被询问人", kind: "text" },
    textarea("record", "询问内容"),
  ],
  finish_investigation: [textarea("report", "调查终结报告")],
  preserve_evidence: [
    { name: "items", label: "保存物品清单", kind: "items" },
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
    { name: "items", label: "查封、扣押财物清单", kind: "items" },
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
  request_hearing: [optionalNote()],
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
    { name: "penalty.fineFen", label: "罚款（元）", kind: "yuan", optional: true, showIf: isPenalty },
    { name: "penalty.warning", label: "警告", kind: "bool", optional: true, showIf: isPenalty },
    {
      name: "ground",
      label: "不予处罚的情形（P11）",
      kind: "select",
      options: options(noPenaltyGroundLabels),
      showIf: isNoPenalty,
    },
    {
      name: "education",
      label: "对当事人的教育（教育记录，《行政处罚法》第三十三条）",
      kind: "textarea",
      showIf: (v) => isNoPenalty(v) && v.ground !== "not_established",
    },
    textarea("reasons", "理由（说理）"),
  ],
  serve: [
    { name: "method", label: "送达方式", kind: "select", options: options(serviceMethodLabels) },
    { name: "receipt", label: "送达回证", kind: "text" },
    {
      name: "consent",
      label: "当事人同意电子送达的确认书",
      kind: "text",
      showIf: (v) => v.method === "electronic",
    },
    {
      name: "attempts",
      label: "已尝试的其他送达方式及结果（公告送达须其他方式无法送达）",
      kind: "textarea",
      showIf: (v) => v.method === "public_notice",
    },
  ],
  transfer_out: [
    { name: "organ", label: "接收的司法机关", kind: "text" },
    { name: "receipt", label: "移送回执", kind: "text" },
  ],
  approve_deferral: [{ name: "dueOn", label: "延期至", kind: "date" }, textarea("reason", "批准理由")],
  approve_instalments: [
    { name: "count", label: "分期期数", kind: "int", min: 2, max: 36, unit: "期" },
    { name: "firstDueOn", label: "第一期缴纳日期", kind: "date" },
    { name: "intervalMonths", label: "每期间隔", kind: "int", min: 1, max: 12, unit: "个月", initial: 1 },
    textarea("reason", "批准理由"),
  ],
  record_payment: [
    { name: "paidFen", label: "缴款金额（元）", kind: "yuan" },
    { name: "receipt", label: "缴款凭证（缴款书编号）", kind: "text" },
  ],
  remind: [optionalNote("催告内容")],
  apply_court_enforcement: [{ name: "court", label: "申请执行的人民法院", kind: "text" }, optionalNote()],
  record_execution: [
    {
      name: "paidFen",
      label: "缴纳金额（元）",
      kind: "yuan",
      extra: "须缴清罚款及加处罚款（X5）；不予处罚的填 0",
    },
    optionalNote(),
  ],
  dispose_items: [
    { name: "itemNos", label: "处置的没收物品", kind: "itemNos" },
    {
      name: "disposal",
      label: "处置方式",
      kind: "select",
      options: [
        { value: "destroy", label: "销毁" },
        { value: "auction", label: "拍卖（款项上缴国库）" },
      ],
    },
    {
      name: "proceedsFen",
      label: "拍卖款项（元，上缴国库）",
      kind: "yuan",
      showIf: (v) => v.disposal === "auction",
    },
    textarea("note", "处置说明"),
  ],
  close: [textarea("report", "结案报告")],
  // Three-step enforcement (C08).
  educate: [textarea("record", "教育劝导记录")],
  order_correction: [
    textarea("requirement", "改正要求"),
    { name: "dueOn", label: "改正期限（届满日）", kind: "date" },
  ],
  reinspect_corrected: [textarea("record", "复查记录")],
  reinspect_not_corrected: [textarea("record", "复查记录")],
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

/** The fields of a step of a case (procedure-specific ones first). */
export const fieldsOf = (procedure: string, event: string): StepField[] =>
  stepFields[`${procedure}:${event}`] ?? stepFields[event] ?? [];

/** The label of a data key of a recorded step (falls back to the key). */
export const dataLabel = (event: string, key: string): string => {
  if (key === "penalty") return "处罚内容";
  const f = [...(stepFields[event] ?? []), ...(stepFields[`simple:${event}`] ?? [])].find(
    (x) => x.name === key,
  );
  return f?.label ?? key;
};

/** How a recorded value reads (labels for codes, yuan for fen). */
export const dataText = (event: string, key: string, value: unknown): string => {
  if (value === null || value === undefined) return "—";
  const options = [...(stepFields[event] ?? []), ...(stepFields[`simple:${event}`] ?? [])].find(
    (f) => f.name === key && f.options,
  )?.options;
  const option = options?.find((o) => o.value === value);
  if (option) return option.label;
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number" && key.endsWith("Fen")) return yuan(value);
  if (key === "outcome")
    return (
      (
        { penalty: "给予行政处罚", no_penalty: "不予行政处罚", transfer: "移送司法机关" } as Record<
          string,
          string
        >
      )[String(value)] ?? String(value)
    );
  if (key === "ground") return noPenaltyGroundLabels[String(value)] ?? String(value);
  if (key === "method") return serviceMethodLabels[String(value)] ?? String(value);
  if (key === "disposal") return value === "auction" ? "拍卖" : value === "destroy" ? "销毁" : String(value);
  if (key === "itemNos" && Array.isArray(value)) return value.map((n) => `第 ${n} 项`).join("、");
  if (key === "penalty" && typeof value === "object") {
    const p = value as { warning?: boolean; fineFen?: number; confiscationFen?: number };
    const parts = [
      p.warning ? "警告" : "",
      p.fineFen ? `罚款 ${yuan(p.fineFen)}` : "",
      p.confiscationFen ? `没收违法所得 ${yuan(p.confiscationFen)}` : "",
    ].filter(Boolean);
    return parts.join("、") || "—";
  }
  if (key === "items" && Array.isArray(value))
    return value
      .map((it: { name?: string; quantity?: number; unit?: string; note?: string }) =>
        `${it.name ?? ""} ${it.quantity ?? ""}${it.unit ?? ""}${it.note ? `（${it.note}）` : ""}`.trim(),
      )
      .join("；");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
};

export const procedureLabels: Record<string, string> = {
  general: "一般程序",
  simple: "简易程序",
  three_step: "三步式执法",
};
