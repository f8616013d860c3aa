// Labels and helpers of the laws library, powers catalogue and discretion benchmarks pages.
import { ApiError, buildUrl, type ErrorDetail } from "./api";

export const lawLevelLabels: Record<string, string> = {
  law: "法律",
  administrative_regulation: "行政法规",
  local_regulation: "地方性法规",
  department_rule: "部门规章",
  local_government_rule: "地方政府规章",
  normative_document: "规范性文件",
};

export const powerKindLabels: Record<string, string> = {
  penalty: "行政处罚",
  compulsory_measure: "行政强制",
  inspection: "行政检查",
  licence: "行政许可",
  levy: "行政征收",
  confirmation: "行政确认",
  ruling: "行政裁决",
  other: "其他行政权力",
};

export const powerFieldOptions = [
  "城市管理",
  "市容环境卫生",
  "城乡规划",
  "市政公用",
  "园林绿化",
  "住房和城乡建设",
  "卫生健康",
  "林业和草原",
  "农业农村",
  "应急管理",
  "自然资源",
  "交通运输",
  "水利",
  "文化和旅游",
  "生态环境",
  "人力资源和社会保障",
  "市场监督管理",
  "其他",
];

export const powerStatusLabels: Record<string, string> = {
  active: "有效",
  suspended: "暂停",
  abolished: "取消",
};

export const tierLabels: Record<string, string> = {
  no_penalty: "不予处罚",
  minor: "轻微（减轻）",
  ordinary: "一般",
  serious: "较重",
  very_serious: "严重",
};
export const harmLabels: Record<string, string> = {
  none: "无危害后果",
  minor: "危害后果轻微",
  ordinary: "危害后果一般",
  serious: "危害后果较重",
  very_serious: "危害后果严重",
};
export const penaltyKindLabels: Record<string, string> = {
  warning: "警告",
  notice_of_criticism: "通报批评",
  order_correction: "责令改正",
  fine: "罚款",
  confiscation: "没收违法所得、没收非法财物",
  suspend_licence: "暂扣许可证件",
  lower_qualification: "降低资质等级",
  revoke_licence: "吊销许可证件",
  restrict_activity: "限制开展生产经营活动",
  order_closure: "责令停产停业、责令关闭",
  restrict_practice: "限制从业",
  detention: "行政拘留",
  other: "其他",
};
export const partyTypeLabels: Record<string, string> = {
  individual: "个人",
  organisation: "单位",
  any: "不区分",
};
export const lighterLabels: Record<string, string> = {
  eliminated_harm: "主动消除或者减轻违法行为危害后果",
  coerced: "受他人胁迫或者诱骗实施违法行为",
  confessed: "主动供述行政机关尚未掌握的违法行为",
  assisted: "配合行政机关查处违法行为有立功表现",
  other_by_law: "法律、法规、规章规定的其他从轻减轻情形",
};

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Fen → "1,500" / "12.50" 元. */
export const yuanText = (fen: number): string =>
  (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 0, maximumFractionDigits: 2 });

export const datePattern = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: "日期格式应为 YYYY-MM-DD" };

/** Downloads a file from a GET route (session cookie) under the given name. */
export const downloadFile = async (
  path: string,
  query: Record<string, string | number | boolean | null | undefined>,
  name: string,
): Promise<void> => {
  const res = await fetch(buildUrl(path, query), { credentials: "include" });
  if (!res.ok) {
    let message = `下载失败（HTTP ${res.status}）`;
    try {
      const body = (await res.json()) as { error?: { message?: string; code?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, "DOWNLOAD_FAILED", message);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
};

/** A File as base64 (without the data: prefix). */
export const fileBase64 = (file: File): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(new Error("无法读取文件"));
    reader.readAsDataURL(file);
  });

/** Error report lines of an import (row/column messages) or the error message itself. */
export const importErrorLines = (err: unknown): string[] => {
  if (err instanceof ApiError) {
    const lines = err.details.map((d: ErrorDetail) => d.message);
    return lines.length ? lines : [err.message];
  }
  return [err instanceof Error ? err.message : "导入失败"];
};

export interface ArticleRef {
  id: string;
  lawId: string;
  lawTitle: string;
  number: string;
  version: number;
  text: string;
}

export interface ReviewFlag {
  id: string;
  agencyId: string;
  agencyName?: string;
  targetKind: string;
  targetId: string;
  targetLabel: string;
  lawTitle?: string;
  articleNumber?: string;
  articleVersion?: number;
  reason: string;
  createdAt: string;
  clearedAt: string | null;
  clearNote: string | null;
}

/** What a catalogue list (权责事项, 违法行为) shows of every entry. */
export interface CatalogueItem {
  id: string;
  agencyId: string;
  agencyName: string;
  code: string;
  name: string;
  field: string;
  published: boolean;
  openFlags: number;
  version: number;
}

/** One saved version of a catalogue entry (its snapshot of the versioned fields). */
export type CatalogueVersion = { version: number; snapshot: Record<string, unknown>; changedAt: string };

/** A catalogue entry as its detail shows it: with its versions and review flags. */
export type CatalogueDetail<T extends CatalogueItem> = T & {
  versions: CatalogueVersion[];
  flags: ReviewFlag[];
};
