// Types and labels of the public service guides (服务指南, G1) and random-inspection results
// (抽查结果公示, C13), as the public and staff API answer them.

export const guideCategories = {
  complaint: "投诉举报",
  remedy: "救济途径",
  licence: "审批服务",
  information: "政府信息公开",
  other: "其他",
} as const;
export type GuideCategory = keyof typeof guideCategories;
export const guideCategoryOptions = Object.entries(guideCategories).map(([value, label]) => ({
  value,
  label,
}));

export interface ServiceGuide {
  itemId: string;
  version: number;
  agencyId: string;
  agencyName: string;
  title: string;
  category: GuideCategory;
  categoryName: string;
  scope: string;
  basis: string;
  materials: string[];
  steps: string[];
  timeLimit: string;
  fee: string;
  place: string;
  phone: string;
  hours: string;
  recordedAt: string;
  /** Staff list only. */
  removed?: boolean;
}

export const inspectionOutcomes = {
  no_problem: "未发现问题",
  corrected: "发现问题已责令整改",
  case_opened: "发现问题已立案查处",
  transferred: "发现问题已移送有关部门处理",
  no_activity: "未发现开展本次抽查涉及的经营活动",
  not_found: "未发现检查对象（无法联系）",
  refused: "不配合检查",
} as const;
export type InspectionOutcome = keyof typeof inspectionOutcomes;
export const inspectionOutcomeOptions = Object.entries(inspectionOutcomes).map(([value, label]) => ({
  value,
  label,
}));
export const outcomeColors: Record<string, string> = {
  no_problem: "green",
  corrected: "orange",
  case_opened: "red",
  transferred: "purple",
  no_activity: "default",
  not_found: "default",
  refused: "volcano",
};

/** A published result: the party and texts already masked by the server (G6). */
export interface InspectionResult {
  resultId: string;
  version: number;
  agencyId: string;
  agencyName: string;
  itemId: string;
  itemName: string;
  partyDisplay: string;
  creditCode: string;
  inspectedOn: string;
  inspectors: string;
  result: InspectionOutcome;
  resultName: string;
  handling: string;
  caseNumber: string;
  /** G3: publish-by date (null when the calendar does not cover the year). */
  publishDueOn: string | null;
  publishedAt: string;
  late: boolean;
  withdrawn: boolean;
  withdrawalReason: string | null;
  recordedAt: string;
}

/** The staff view: the party as entered, and the masked texts the public sees. */
export interface StaffInspectionResult extends Omit<InspectionResult, "withdrawalReason"> {
  withdrawalReason: string;
  partyType: "organisation" | "individual";
  partyName: string;
  partyIdNumber: string;
  partyPhone: string;
  publicInspectors: string;
  publicHandling: string;
  removalReason: string;
  ruleId: string;
}
