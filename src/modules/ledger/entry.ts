import { canonicalJson } from "./canonical-json.ts";
import { leafHash } from "./merkle.ts";

/** The event types recorded in the ledger (other capabilities add theirs here). */
export const ledgerEventTypes = {
  "auth.login": "登录",
  "auth.logout": "退出登录",
  "settings.changed": "参数设置变更",
  "agency.created": "新建机构",
  "agency.updated": "修改机构信息",
  "user.created": "新建账号",
  "user.updated": "修改账号",
  "user.role_granted": "授予角色",
  "user.role_revoked": "撤销角色",
  "calendar.imported": "导入工作日历",
  "bench.append": "基准测试写入",
  "officer.created": "建立执法人员档案",
  "officer.updated": "修改执法人员档案",
  "officer.rotated": "执法人员轮岗（调整岗位）",
  "certificate.issued": "核发执法证",
  "certificate.renewed": "换发执法证",
  "certificate.suspended": "暂扣执法证",
  "certificate.reinstated": "恢复执法证",
  "certificate.revoked": "收回（注销）执法证",
  "certificate.reviewed": "执法证年审",
  "training.plan_created": "新建培训计划",
  "training.session_created": "新建培训课程",
  "training.attendance_recorded": "登记培训出勤",
  "training.exam_created": "新建培训考试",
  "training.exam_results_recorded": "登记考试成绩",
  "training.trainer_created": "新增师资",
  "law.saved": "新建或修改法律法规",
  "law.article_versioned": "载入法律条款新版本",
  "law.imported": "导入法律法规",
  "power.saved": "新建或修改权责事项",
  "power.imported": "导入权责清单",
  "benchmark.saved": "新建或修改裁量基准",
  "benchmark.imported": "导入裁量基准",
  "review.flagged": "标记需复核（法律条款变更）",
  "review.cleared": "复核完成",
  "evidence.added": "上传证据",
  "evidence.downloaded": "下载证据",
  "evidence.exported": "导出案件记录",
  "device.registered": "登记执法记录仪",
  "device.assigned": "领用执法记录仪",
  "device.returned": "归还执法记录仪",
  "device.status_changed": "执法记录仪状态变更",
  "recording_list.changed": "音像记录事项清单变更",
  "case.created": "登记案件线索",
  "case.file": "批准立案",
  "case.decline": "不予立案",
  "case.start_investigation": "开始调查取证",
  "case.record_inspection": "现场检查（勘验）笔录",
  "case.record_interview": "询问笔录",
  "case.preserve_evidence": "先行登记保存证据",
  "case.decide_preserved": "先行登记保存证据处理决定",
  "case.seal_seize": "查封、扣押",
  "case.decide_seized": "查封、扣押财物处理决定",
  "case.finish_investigation": "调查终结",
  "case.notify": "送达行政处罚事先告知书",
  "case.record_statement": "陈述申辩笔录",
  "case.waive_statement": "当事人放弃陈述申辩",
  "case.statement_period_expired": "陈述申辩期限届满",
  "case.request_hearing": "当事人申请听证",
  "case.notify_hearing": "送达听证通知书",
  "case.record_hearing": "听证笔录",
  "case.hearing_absent": "当事人缺席听证（视为放弃）",
  "case.decide": "作出决定",
  "case.serve": "送达决定书",
  "case.record_execution": "执行完毕",
  "case.close": "批准结案",
  "case.archive": "归档",
  "case.extend_decision_period": "批准延长办案期限",
  "case.cancel": "批准销案",
} as const;
export type LedgerEventType = keyof typeof ledgerEventTypes;

export type LedgerEntry = {
  agencyId: string;
  seq: number;
  /** A Date, or its ISO 8601 form with milliseconds ("2026-11-22T08:00:00.000Z"). */
  at: Date | string;
  actorId: string | null;
  caseId: string | null;
  eventType: string;
  payload: string;
};

/**
 * The exact bytes of a leaf: the entry and its position as canonical JSON, keys in sorted order
 * (actor, agency, at, case, payload, seq, type, v). The stored payload is already canonical, so it
 * is spliced in as is; this keeps verification fast.
 */
export function leafBytes(e: LedgerEntry): Buffer {
  const q = canonicalJson;
  return Buffer.from(
    `{"actor":${q(e.actorId)},"agency":${q(e.agencyId)},"at":${q(typeof e.at === "string" ? e.at : e.at.toISOString())},"case":${q(e.caseId)},"payload":${e.payload},"seq":${e.seq},"type":${q(e.eventType)},"v":1}`,
    "utf8",
  );
}

export const entryLeafHash = (e: LedgerEntry): Buffer => leafHash(leafBytes(e));
