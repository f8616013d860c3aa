import type { AgencyKind, DeadlineUnit, Setting } from "./types";

export const agencyKindLabels: Record<AgencyKind, string> = {
  city_bureau: "市级综合行政执法局",
  county_bureau: "县（区）综合行政执法局",
  squad: "执法中队",
  township_office: "乡镇（街道）综合行政执法机构",
};

/** Which kinds may sit directly under which (mirrors the server's rule; null = a root). */
export const allowedParentKinds: Record<AgencyKind, (AgencyKind | null)[]> = {
  city_bureau: [null],
  county_bureau: ["city_bureau", null],
  squad: ["city_bureau", "county_bureau", "township_office"],
  township_office: ["county_bureau", "city_bureau"],
};

export const agencyKindOptions = (Object.keys(agencyKindLabels) as AgencyKind[]).map((value) => ({
  value,
  label: agencyKindLabels[value],
}));

/** Used only until GET /roles answers (or when it fails). */
export const fallbackRoleNames: Record<string, string> = {
  officer: "执法队员",
  squad_leader: "中队长",
  legal_reviewer: "法制审核人员",
  agency_leader: "机关负责人",
  case_clerk: "案件管理中心人员",
  file_reviewer: "案卷评查人员",
  gov_legal_office: "政府法制机构人员",
  sysadmin: "系统管理员",
  social_supervisor: "社会监督员",
  assistant: "协管员",
};

export const deadlineUnitLabels: Record<DeadlineUnit, string> = {
  workday: "工作日",
  day: "自然日",
  month: "月",
};

export const settingSourceLabel = (s: Setting): string => {
  if (s.source === "own") return "本机关设置";
  if (s.source === "inherited") return `继承自 ${s.sourceAgencyName ?? "上级机关"}`;
  return "默认值";
};

/** Money is stored in fen (integer) and shown in yuan. */
export const fenToYuan = (fen: number): string =>
  (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Yuan as entered (at most 2 decimals) → fen; exact for every amount the forms accept. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

export const formatSettingValue = (s: Pick<Setting, "type" | "unit">, value: Setting["value"]): string => {
  if (value === null || value === undefined || value === "") return "—";
  if (s.type === "money" && typeof value === "number") return `${fenToYuan(value)} 元`;
  if (s.type === "percent") return `${value}${s.unit || "%"}`;
  if (s.type === "string") return String(value);
  return s.unit ? `${value} ${s.unit}` : String(value);
};

const eventKindMap: Record<string, { label: string; color: string }> = {
  login: { label: "登录成功", color: "green" },
  login_succeeded: { label: "登录成功", color: "green" },
  login_success: { label: "登录成功", color: "green" },
  login_failed: { label: "登录失败", color: "orange" },
  login_failure: { label: "登录失败", color: "orange" },
  account_locked: { label: "账号锁定", color: "red" },
  lockout: { label: "账号锁定", color: "red" },
  locked: { label: "账号锁定", color: "red" },
  logout: { label: "退出登录", color: "default" },
  permission_denied: { label: "越权访问被拒绝", color: "magenta" },
  forbidden: { label: "越权访问被拒绝", color: "magenta" },
  access_denied: { label: "越权访问被拒绝", color: "magenta" },
  password_changed: { label: "修改密码", color: "blue" },
  password_reset: { label: "重置密码", color: "blue" },
  account_unlocked: { label: "解除锁定", color: "cyan" },
  unlock: { label: "解除锁定", color: "cyan" },
};

export const eventKindInfo = (kind: string): { label: string; color: string } => {
  const known = eventKindMap[kind] ?? eventKindMap[kind.replace(/[.-]/g, "_")];
  if (known) return known;
  if (/lock/i.test(kind)) return { label: "账号锁定", color: "red" };
  if (/fail/i.test(kind)) return { label: "登录失败", color: "orange" };
  if (/denied|forbidden/i.test(kind)) return { label: "越权访问被拒绝", color: "magenta" };
  return { label: kind, color: "default" };
};

/** Suggestions for an agency's enforcement fields (执法领域); free text is allowed too. */
export const fieldSuggestions = [
  "市容环境卫生",
  "园林绿化",
  "城乡规划",
  "住房城乡建设",
  "生态环境",
  "自然资源",
  "交通运输",
  "水利",
  "农业农村",
  "文化旅游",
  "市场监管",
  "应急管理",
  "卫生健康",
].map((v) => ({ value: v, label: v }));

/** The server writes short English details; show the known ones in Chinese. */
export const eventDetailText = (detail: string): string => {
  if (!detail) return "—";
  const known: Record<string, string> = {
    "unknown user": "用户名不存在",
    locked: "账号锁定期间尝试登录",
    disabled: "账号已停用",
  };
  if (known[detail]) return known[detail];
  let m = /^failure (\d+)$/.exec(detail);
  if (m) return `密码错误（连续第 ${m[1]} 次）`;
  m = /^(\d+) failures$/.exec(detail);
  if (m) return `连续 ${m[1]} 次密码错误，账号已临时锁定`;
  m = /^by (.+)$/.exec(detail);
  if (m) return `操作人：${m[1]}`;
  m = /^(GET|POST|PUT|PATCH|DELETE) (\S+)$/.exec(detail);
  if (m) return `越权请求：${m[1]} ${m[2]}`;
  return detail;
};
