// Complaints (投诉举报, issue 8): shapes of /api/v1/complaints and /api/v1/public/complaints.
import { ApiError } from "./api";

export interface ComplaintOptions {
  units: { id: string; name: string; phone: string; areas: string[] }[];
  categories: { code: string; name: string }[];
}

export interface PublicStatus {
  trackingCode: string;
  category: string;
  categoryName: string;
  status: string;
  statusName: string;
  unitName: string;
  receivedOn: string;
  /** Null while the calendar of its year is not imported (rule D4). */
  answerDueOn: string | null;
  publicAnswer: string | null;
  answeredOn: string | null;
  rating: number | null;
  canRate: boolean;
  canReopen: boolean;
  timeline: { event: string; label: string; on: string }[];
}

export interface ComplaintSummary {
  id: string;
  trackingCode: string;
  source: string;
  sourceName: string;
  category: string;
  categoryName: string;
  state: string;
  stateName: string;
  placeAddress: string;
  area: string;
  named: boolean;
  receivedOn: string;
  agencyId: string;
  agencyName: string;
  pendingAgencyName: string | null;
  caseId: string | null;
  version: number;
  nextDueOn: string | null;
  light: string | null;
}

export interface ComplaintDetail {
  id: string;
  trackingCode: string;
  bureauId: string;
  bureauName: string;
  agencyId: string;
  agencyName: string;
  pendingAgencyName: string | null;
  source: string;
  sourceName: string;
  category: string;
  categoryName: string;
  field: string;
  area: string;
  placeAddress: string;
  latitude: number | null;
  longitude: number | null;
  description: string;
  named: boolean;
  state: string;
  stateName: string;
  receivedOn: string;
  acceptDueOn: string | null;
  answerDueOn: string | null;
  acceptedOn: string | null;
  caseId: string | null;
  mergedIntoId: string | null;
  mergedFromIds: string[];
  closeReasonName: string | null;
  transferDepartment: string | null;
  publicAnswer: string | null;
  answeredOn: string | null;
  rating: number | null;
  reopenCount: number;
  version: number;
  events: {
    id: string;
    seq: number;
    event: string;
    toState: string;
    data: Record<string, unknown>;
    actorName: string;
    at: string;
  }[];
  photos: { id: string; size: number; contentType: string }[];
  deadlines: { kind: string; label: string; dueOn: string | null; light: string }[];
  duplicates: {
    id: string;
    trackingCode: string;
    receivedOn: string;
    stateName: string;
    placeAddress: string;
  }[];
  dispatchTargets: { id: string; name: string }[];
  proposedAgencyId: string | null;
  proposedBy: string | null;
  actions: { step: string; label: string }[];
  mayViewReporter: boolean;
}

export interface ComplaintFigures {
  total: number;
  bySource: { key: string; name: string; count: number }[];
  byCategory: { key: string; name: string; count: number }[];
  byArea: { key: string; name: string; count: number }[];
  acceptance: { onTime: number; due: number; onTimeRate: number | null; pending: number };
  answer: { onTime: number; due: number; onTimeRate: number | null; pending: number };
  satisfaction: {
    rated: number;
    average: number | null;
    satisfiedRate: number | null;
    distribution: { stars: number; count: number }[];
  };
}

export const complaintStateLabels: Record<string, string> = {
  received: "待分派",
  dispatched: "待受理",
  accepted: "办理中",
  verified: "已核实",
  linked: "已转案件线索",
  closed: "已办结",
  transferred: "已移送其他部门",
  merged: "已合并办理",
  reopened: "重新办理",
};

export const complaintSourceLabels: Record<string, string> = {
  public_web: "网上投诉举报",
  phone: "来电",
  letter: "来信",
  visit: "来访",
  patrol: "巡查发现",
  assignment: "上级交办",
  transfer_in: "其他部门移送",
};

export const complaintCategoryLabels: Record<string, string> = {
  street_vending: "占道经营",
  litter: "乱堆乱放、暴露垃圾",
  advertising: "违规户外广告",
  cooking_fumes: "餐饮油烟",
  illegal_building: "违法建设",
  municipal_facility: "损坏市政设施",
  greenery: "损毁绿化",
  other: "其他",
};

export const closeReasonLabels: Record<string, string> = {
  outside_powers: "不属于本机关职权范围",
  no_violation: "经核实不存在违法行为",
  duplicate: "重复投诉举报",
  handled: "已依法处理完毕",
};

export const complaintEventLabels: Record<string, string> = {
  received: "收到",
  dispatched: "分派",
  returned: "退回",
  accepted: "受理",
  transferred: "书面移送",
  verified: "核实",
  linked: "转为案件线索",
  closed: "办结",
  answered: "答复",
  rated: "评价",
  reopen_requested: "申请重新办理",
  merged: "合并办理",
};

/**
 * Sends a complaint form with photos as multipart/form-data (fields first, then the photos), to
 * the public route or the staff route. Errors become ApiError like the JSON calls.
 */
export async function postComplaintForm<T>(
  path: string,
  fields: Record<string, string | undefined>,
  photos: File[],
): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== "") form.append(k, v);
  for (const p of photos) form.append("photos", p, p.name);
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { method: "POST", body: form, credentials: "include" });
  } catch {
    throw new ApiError(0, "NETWORK", "无法连接服务器，请检查网络");
  }
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!res.ok) {
    const e = body?.error;
    throw new ApiError(
      res.status,
      e?.code ?? "HTTP_ERROR",
      e?.message ?? `请求失败（HTTP ${res.status}）`,
      e?.details ?? [],
      e?.requestId,
    );
  }
  return body as T;
}

/**
 * A due date in a year whose working-day calendar is not imported yet (rule D4): shown grey with
 * this text; the server computes it once the year is imported.
 */
export const pendingDueText = "待导入工作日历后计算";
export const pendingColor = "default";
