/**
 * Every number of legal-rules.md marked S or U, or that varies by province, is a setting with a
 * default here (never a constant in code). Agencies override it; values are inherited down the
 * agency tree. Money is in fen (1 yuan = 100 fen).
 */
export type SettingType = "integer" | "money" | "percent" | "string";

export type SettingDefinition = {
  label: string;
  ruleId: string;
  type: SettingType;
  unit: string;
  default: number | string;
  min?: number;
  max?: number;
  description: string;
};

const def = (d: SettingDefinition): SettingDefinition => d;

export const settingDefinitions = {
  "lead.verifyWorkdays": def({
    label: "线索核查期限",
    ruleId: "C1",
    type: "integer",
    unit: "工作日",
    default: 15,
    min: 1,
    max: 60,
    description: "发现线索后决定是否立案的期限（地方规定，常见 15 个工作日）",
  }),
  "lead.verifyExtensionWorkdays": def({
    label: "线索核查延长期限",
    ruleId: "C1",
    type: "integer",
    unit: "工作日",
    default: 15,
    min: 0,
    max: 60,
    description: "经批准可延长的核查期限",
  }),
  "case.decisionExtensionDays": def({
    label: "办案期限延长",
    ruleId: "P3",
    type: "integer",
    unit: "日",
    default: 30,
    min: 0,
    max: 180,
    description: "一般程序 90 日办案期限经批准可延长的日数（地方规定）",
  }),
  "statement.periodWorkdays": def({
    label: "陈述申辩期限",
    ruleId: "P5",
    type: "integer",
    unit: "工作日",
    default: 3,
    min: 1,
    max: 15,
    description: "事先告知后当事人提出陈述申辩的期限",
  }),
  "hearing.fineThresholdIndividual": def({
    label: "较大数额罚款（个人）",
    ruleId: "P6",
    type: "money",
    unit: "分",
    default: 500_000,
    min: 1,
    description: "对个人处以此数额以上罚款的，告知听证权利（省级规定）",
  }),
  "hearing.fineThresholdOrganisation": def({
    label: "较大数额罚款（单位）",
    ruleId: "P6",
    type: "money",
    unit: "分",
    default: 5_000_000,
    min: 1,
    description: "对法人或其他组织处以此数额以上罚款的，告知听证权利（省级规定）",
  }),
  "review.deadlineWorkdays": def({
    label: "法制审核期限",
    ruleId: "L3",
    type: "integer",
    unit: "工作日",
    default: 7,
    min: 1,
    max: 30,
    description: "法制审核机构完成审核的期限",
  }),
  "review.extensionWorkdays": def({
    label: "法制审核延长期限",
    ruleId: "L3",
    type: "integer",
    unit: "工作日",
    default: 3,
    min: 0,
    max: 30,
    description: "经批准可延长的审核期限",
  }),
  "review.reviewerRatioPercent": def({
    label: "法制审核人员比例",
    ruleId: "L4",
    type: "percent",
    unit: "%",
    default: 5,
    min: 0,
    max: 100,
    description: "法制审核人员占执法人员的最低比例",
  }),
  "discussion.quorumPercent": def({
    label: "集体讨论到会比例",
    ruleId: "P9",
    type: "percent",
    unit: "%",
    default: 50,
    min: 1,
    max: 100,
    description: "集体讨论有效所需的出席人数比例（超过此比例）",
  }),
  "publicity.penaltyWorkdays": def({
    label: "行政处罚决定公示期限",
    ruleId: "G3",
    type: "integer",
    unit: "工作日",
    default: 7,
    min: 1,
    max: 30,
    description: "作出行政处罚（及许可）决定后公示的期限",
  }),
  "publicity.otherWorkdays": def({
    label: "其他执法决定公示期限",
    ruleId: "G3",
    type: "integer",
    unit: "工作日",
    default: 20,
    min: 1,
    max: 60,
    description: "其他行政执法决定公示的期限",
  }),
  "publicity.withdrawWorkdays": def({
    label: "撤回公示期限",
    ruleId: "G4",
    type: "integer",
    unit: "工作日",
    default: 3,
    min: 1,
    max: 15,
    description: "决定被变更、撤销、确认违法或无效后撤回公示的期限",
  }),
  "publicity.lowFineThreshold": def({
    label: "较低数额罚款公示标准",
    ruleId: "G6",
    type: "money",
    unit: "分",
    default: 100_000,
    min: 0,
    description: "罚款低于此数额（或通报批评）的决定公示 3 个月后不再展示",
  }),
  "publicity.lowFineDisplayMonths": def({
    label: "较低罚款公示展示期",
    ruleId: "G6",
    type: "integer",
    unit: "月",
    default: 3,
    min: 1,
    max: 60,
    description: "较低数额罚款决定的展示期",
  }),
  "publicity.displayMonths": def({
    label: "其他处罚决定公示展示期",
    ruleId: "G6",
    type: "integer",
    unit: "月",
    default: 36,
    min: 1,
    max: 120,
    description: "其他行政处罚决定的展示期",
  }),
  "publicity.annualReportDue": def({
    label: "年度统计公示截止日",
    ruleId: "G5",
    type: "string",
    unit: "月-日",
    default: "01-31",
    description: "每年公布上一年度行政执法统计数据的截止日期",
  }),
  "document.reconsiderationBody": def({
    label: "行政复议机关",
    ruleId: "X2",
    type: "string",
    unit: "名称",
    default: "{area}人民政府",
    description:
      "决定书告知的行政复议机关（《行政复议法》第二十四条）；{area} 为本局（乡镇所属县市区）的辖区名称",
  }),
  "document.court": def({
    label: "管辖人民法院",
    ruleId: "X2",
    type: "string",
    unit: "名称",
    default: "{area}人民法院",
    description: "决定书告知的提起行政诉讼的人民法院；{area} 为本局（乡镇所属县市区）的辖区名称",
  }),
  "case.numberFormat": def({
    label: "案件编号格式",
    ruleId: "C06",
    type: "string",
    unit: "格式",
    default: "{short}罚〔{year}〕{seq}号",
    description: "立案时按机关和年度连续编号；{short} 为机关简称，{year} 为年度，{seq} 为当年序号",
  }),
  "certificate.validityYears": def({
    label: "执法证件有效期",
    ruleId: "O2",
    type: "integer",
    unit: "年",
    default: 5,
    min: 1,
    max: 10,
    description: "执法证件的有效期（省级规定）",
  }),
  "training.yearlyHours": def({
    label: "年度培训学时",
    ruleId: "O2",
    type: "integer",
    unit: "学时",
    default: 60,
    min: 0,
    max: 500,
    description: "执法人员每年应完成的培训学时",
  }),
  "training.examPassMark": def({
    label: "执法资格考试合格分",
    ruleId: "O2",
    type: "integer",
    unit: "分",
    default: 60,
    min: 0,
    max: 100,
    description: "培训考试（满分 100 分）的默认合格分数线（省级规定）",
  }),
  "filing.deadlineWorkdays": def({
    label: "重大决定备案期限",
    ruleId: "F1",
    type: "integer",
    unit: "工作日",
    default: 10,
    min: 1,
    max: 30,
    description: "重大执法决定报政府法制机构备案的期限",
  }),
  "ledger.checkpointEveryEntries": def({
    label: "签名检查点间隔（条）",
    ruleId: "C7",
    type: "integer",
    unit: "条",
    default: 256,
    min: 1,
    max: 1_000_000,
    description: "全过程记录每新增此数量的条目即签发一个检查点",
  }),
  "ledger.checkpointEverySeconds": def({
    label: "签名检查点间隔（秒）",
    ruleId: "C7",
    type: "integer",
    unit: "秒",
    default: 10,
    min: 1,
    max: 86_400,
    description: "有新条目时，距上一个检查点超过此时长即签发新检查点",
  }),
  // Complaints (issue 8). Seed 001 item 25 asks for prompt acceptance and verification (及时受理和核实处理)
  // and an answer to named reporters without fixing the days: local values, so settings.
  "complaint.acceptWorkdays": def({
    label: "投诉举报受理期限",
    ruleId: "seed 001 item 25",
    type: "integer",
    unit: "工作日",
    default: 3,
    min: 1,
    max: 30,
    description: "收到投诉举报后由承办单位受理（或书面移送）的期限",
  }),
  "complaint.answerWorkdays": def({
    label: "投诉举报答复期限",
    ruleId: "seed 001 item 25",
    type: "integer",
    unit: "工作日",
    default: 15,
    min: 1,
    max: 90,
    description: "收到投诉举报后核实处理并答复实名举报人的期限",
  }),
  "complaint.duplicateDays": def({
    label: "重复投诉判定天数",
    ruleId: "seed 001 item 25",
    type: "integer",
    unit: "日",
    default: 7,
    min: 0,
    max: 90,
    description: "同一类别、同一地点在此天数内的投诉举报提示为疑似重复，可合并办理",
  }),
  "complaint.duplicateMetres": def({
    label: "重复投诉判定距离",
    ruleId: "seed 001 item 25",
    type: "integer",
    unit: "米",
    default: 100,
    min: 0,
    max: 5000,
    description: "有坐标时，同一类别相距不超过此距离的投诉举报提示为疑似重复（无坐标时比较规范化地址）",
  }),
  "complaint.reopenDays": def({
    label: "申请重新办理期限",
    ruleId: "seed 001 item 25",
    type: "integer",
    unit: "日",
    default: 30,
    min: 1,
    max: 365,
    description: "举报人对答复不满意，可在答复后此天数内申请重新办理",
  }),
  "calendar.warnDays": def({
    label: "工作日历到期提醒",
    ruleId: "D4",
    type: "integer",
    unit: "日",
    default: 60,
    min: 1,
    max: 366,
    description:
      "已导入的工作日历距覆盖截止日（最后一年的 12 月 31 日）不足此天数时，提醒系统管理员导入下一年度",
  }),
  "security.sessionHours": def({
    label: "登录有效时长",
    ruleId: "SEC",
    type: "integer",
    unit: "小时",
    default: 12,
    min: 1,
    max: 720,
    description: "登录后会话的有效时长",
  }),
  "security.lockoutThreshold": def({
    label: "登录失败锁定次数",
    ruleId: "SEC",
    type: "integer",
    unit: "次",
    default: 5,
    min: 1,
    max: 100,
    description: "连续登录失败达到此次数后临时锁定账号",
  }),
  "security.lockoutMinutes": def({
    label: "账号锁定时长",
    ruleId: "SEC",
    type: "integer",
    unit: "分钟",
    default: 15,
    min: 1,
    max: 1440,
    description: "账号被锁定的时长",
  }),
} satisfies Record<string, SettingDefinition>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue = number | string;

export const isSettingKey = (k: string): k is SettingKey => Object.hasOwn(settingDefinitions, k);

/** Checks a proposed value against its definition; returns a Chinese message when invalid. */
export function checkSettingValue(key: SettingKey, value: unknown): string | undefined {
  const d: SettingDefinition = settingDefinitions[key];
  if (d.type === "string") {
    if (typeof value !== "string" || value.length === 0 || value.length > 200) return "应为非空文本";
    if (key === "publicity.annualReportDue" && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value))
      return "格式应为 MM-DD";
    if (key === "case.numberFormat" && !value.includes("{seq}")) return "须包含序号 {seq}";
    return undefined;
  }
  if (typeof value !== "number" || !Number.isSafeInteger(value)) return "应为整数";
  if (d.min !== undefined && value < d.min) return `不能小于 ${d.min}`;
  if (d.max !== undefined && value > d.max) return `不能大于 ${d.max}`;
  return undefined;
}

/**
 * The value in force: the nearest override walking from the agency up to the root, else the
 * default. `overrides` maps agency path → (key → value or null for "inherit").
 */
export function resolveSetting(
  key: SettingKey,
  ancestry: { agencyId: string; value: SettingValue | null | undefined }[],
): { value: SettingValue; sourceAgencyId: string | null } {
  for (const a of ancestry) {
    if (a.value !== null && a.value !== undefined) return { value: a.value, sourceAgencyId: a.agencyId };
  }
  return { value: settingDefinitions[key].default, sourceAgencyId: null };
}
