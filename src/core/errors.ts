/**
 * One error type for the whole platform. Domain code throws AppError with a stable code;
 * the HTTP layer maps codes to statuses in one table (src/http/error-status.ts).
 */
export const errorMessages = {
  VALIDATION_FAILED: "提交的数据不符合要求",
  MALFORMED_JSON: "请求体不是有效的 JSON",
  BODY_TOO_LARGE: "请求体过大",
  UNSUPPORTED_MEDIA_TYPE: "不支持的内容类型",
  UNAUTHENTICATED: "请先登录",
  SESSION_EXPIRED: "登录已过期，请重新登录",
  LOGIN_FAILED: "用户名或密码错误",
  ACCOUNT_LOCKED: "登录失败次数过多，账号已临时锁定",
  ACCOUNT_DISABLED: "账号已停用",
  PASSWORD_INCORRECT: "原密码不正确",
  PASSWORD_TOO_WEAK: "新密码不符合要求：至少 8 位，且包含字母和数字",
  FORBIDDEN: "没有执行此操作的权限",
  FORBIDDEN_AGENCY: "不能访问或修改其他机关的数据",
  NOT_FOUND: "请求的资源不存在",
  ROUTE_NOT_FOUND: "接口不存在",
  CONFLICT: "数据已被他人修改，请刷新后重试",
  DUPLICATE: "数据重复",
  AGENCY_PARENT_INVALID: "上级机关不合法",
  SETTING_UNKNOWN: "未知的设置项",
  SETTING_INVALID: "设置值不合法",
  CALENDAR_YEAR_NOT_LOADED: "该年度的工作日历尚未导入，不能计算期限",
  CALENDAR_IMPORT_INVALID: "工作日历文件不合法",
  RATE_LIMITED: "请求过于频繁，请稍后再试",
  BACKUP_INVALID: "备份文件不合法",
  SCHEMA_MISMATCH: "数据库结构版本不一致",
  RANGE_NOT_SATISFIABLE: "请求的范围超出文件大小",
  RECORDING_REQUIRED: "该执法环节须有全过程音像记录",
  DEVICE_UNAVAILABLE: "记录仪当前不可用",
  LAW_IMPORT_INVALID: "法律法规导入文件不合法",
  LAW_ARTICLE_INVALID: "引用的法律条款不存在",
  EXCEL_IMPORT_INVALID: "Excel 文件有错误，未导入任何数据",
  BENCHMARK_NO_TIER: "根据所填事实找不到适用的裁量档次",
  BENCHMARK_FACTS_INCOMPLETE: "事实不完整，无法适用裁量基准",
  CERTIFICATE_INVALID: "执法人员未持有有效执法证，不能从事该执法活动",
  CERTIFICATE_NOT_ELIGIBLE: "不符合申领执法证的条件",
  TRANSITION_NOT_ALLOWED: "案件当前状态下不能进行该操作",
  CASE_ROLE_REQUIRED: "该操作须由本案办案人员或有审批权限的负责人办理",
  LIMITATION_EXPIRED: "违法行为已超过追责时效，不再给予行政处罚",
  LIMITATION_DATES_INVALID: "违法行为发生、终了或发现日期不合法",
  DECISION_OVERDUE: "已超过办案期限",
  DECISION_EXTENSION_EXCEEDED: "办案期限延长超过规定",
  MEASURE_DECISION_OVERDUE: "先行登记保存或查封、扣押的处理决定已超过期限",
  MEASURES_PENDING: "尚有先行登记保存或查封、扣押的财物未作出处理决定",
  CASE_OFFICERS_TOO_FEW: "办案人员不得少于两名",
  CASE_OFFICER_OTHER_AGENCY: "办案人员须为本案办案机构（或其所属局）的人员",
  SEIZURE_NOT_OPEN: "本案没有尚在期限内的查封、扣押",
  SEIZURE_EXPIRED: "查封、扣押期限已届满",
  SEIZURE_EXTENSION_USED: "查封、扣押期限只能延长一次",
  SEIZURE_EXTENSION_EXCEEDED: "查封、扣押期限延长不得超过 30 日",
  TESTING_PERIOD_INVALID: "检测、检验、检疫或技术鉴定期间不合法",
  NOT_ON_PROCEDURE_LIST: "该违法行为不在本机关的三步式执法清单或首违不罚清单中",
  NOT_FIRST_VIOLATION: "当事人并非初次违法，不适用首违不罚",
  CORRECTION_PERIOD_RUNNING: "责令改正期限尚未届满",
  SERVICE_CONSENT_REQUIRED: "电子送达须经当事人书面同意",
  SERVICE_METHOD_NOT_ALLOWED: "该送达方式不符合规定",
  NO_FINE_OUTSTANDING: "本案没有待缴纳的罚款",
  PAYMENT_INSUFFICIENT: "缴纳金额不足（罚款及加处罚款）",
  PAYMENT_NOT_OVERDUE: "缴纳期限尚未届满，不能催告",
  COURT_APPLICATION_OUT_OF_WINDOW: "不在申请人民法院强制执行的期限内",
  ITEMS_NOT_DISPOSABLE: "所列物品不是已没收的物品",
  NOTICE_REQUIRED: "作出行政处罚决定前须告知当事人拟作出的处罚及其权利",
  PENALTY_HEAVIER_THAN_NOTICE: "处罚决定不得重于事先告知的处罚",
  SECOND_FINE: "同一违法行为不得给予两次以上罚款",
  HEARING_RIGHT_NOT_APPLICABLE: "拟作出的处罚不属于应当告知听证权利的情形",
  HEARING_REQUEST_LATE: "听证申请已超过期限",
  HEARING_DATES_INVALID: "听证相关日期不合法",
  HEARING_NOTICE_TOO_SHORT: "听证通知应在举行听证的 7 个工作日前送达",
  HEARING_PRESIDER_CONFLICT: "听证主持人不得由本案调查人员担任",
  STATEMENT_PERIOD_RUNNING: "陈述申辩期限尚未届满",
  DOCUMENT_INCOMPLETE: "文书缺少法定内容，不能出具",
  LEGAL_REVIEW_REQUIRED: "该决定属于重大执法决定，须经法制审核后方可作出",
  LEGAL_REVIEW_PENDING: "法制审核尚未完成，不能作出决定",
  LEGAL_REVIEW_FAILED: "法制审核未通过，不能作出决定",
  LEGAL_REVIEW_EXCEEDED: "决定不得超出（重于）经法制审核的拟处理意见",
  LEGAL_REVIEW_STATE: "法制审核当前状态不允许该操作",
  REVIEWER_NOT_ELIGIBLE: "审核人员不符合法制审核人员条件",
  REVIEW_EXTENSION_USED: "该次提交的审核期限已延长过，不能再次延长",
  REVIEW_EXTENSION_LATE: "审核期限已届满，延长审核期限须在期限届满前批准",
  REVIEW_EXTENSION_NOT_ALLOWED: "本机关的设置不允许延长审核期限",
  COLLECTIVE_DISCUSSION_REQUIRED: "该决定须经机关负责人集体讨论决定",
  QUORUM_NOT_MET: "集体讨论出席人数不足",
  FILING_NOT_REQUIRED: "该决定不属于须备案的重大执法决定",
  FILING_STATE: "备案当前状态不允许该操作",
  SIMPLE_PROCEDURE_NOT_ALLOWED: "不符合适用简易程序的条件",
  SIMPLE_PROCEDURE_LIMIT: "当场罚款超过法定限额，应适用普通程序",
  INSPECTION_ITEM_INVALID: "抽查事项不存在、已移除或不属于本机关",
  INSPECTION_RESULT_WITHDRAWN: "该抽查结果已撤回，不能再更正或撤回",
  INTERNAL: "服务器内部错误",
} as const;

export type ErrorCode = keyof typeof errorMessages;

export type ErrorDetail = { path?: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];

  constructor(code: ErrorCode, message?: string, details?: ErrorDetail[]) {
    super(message ?? errorMessages[code]);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export const fail = (code: ErrorCode, message?: string, details?: ErrorDetail[]): never => {
  throw new AppError(code, message, details);
};
