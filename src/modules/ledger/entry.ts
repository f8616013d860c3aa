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
  "training.plan_updated": "修改培训计划",
  "training.session_updated": "修改培训课程",
  "training.exam_updated": "修改培训考试",
  "training.withdrawn": "撤销培训计划、课程或考试",
  "training.attendance_corrected": "更正培训出勤",
  "training.exam_result_corrected": "更正考试成绩",
  "certificate.applied": "申领执法证",
  "certificate.application_decided": "审批执法证申领",
  "law.saved": "新建或修改法律法规",
  "law.article_versioned": "载入法律条款新版本",
  "law.imported": "导入法律法规",
  "power.saved": "新建或修改权责事项",
  "power.imported": "导入权责清单",
  "benchmark.saved": "新建或修改裁量基准",
  "benchmark.imported": "导入裁量基准",
  "violation.saved": "新建或修改违法行为",
  "violation.imported": "导入违法行为",
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
  "case.change_officers": "变更办案人员",
  "case.extend_seizure": "批准延长查封、扣押期限",
  "case.record_testing_period": "登记检测、检验、检疫或技术鉴定期间",
  "case.cancel": "批准销案",
  "document.downloaded": "查看或下载文书",
  "dossier.downloaded": "查看或下载电子卷宗",
  "case.educate": "教育劝导",
  "case.order_correction": "责令限期改正",
  "case.reinspect_corrected": "复查：已按期改正",
  "case.reinspect_not_corrected": "复查：逾期未改正，转一般程序",
  "case.transfer_out": "移送司法机关",
  "case.approve_deferral": "批准延期缴纳罚款",
  "case.approve_instalments": "批准分期缴纳罚款",
  "case.record_payment": "登记缴款",
  "case.remind": "催告履行",
  "case.apply_court_enforcement": "申请法院强制执行",
  "case.dispose_items": "处置没收物品",
  "case.procedure_list_changed": "三步式执法清单、首违不罚清单变更",
  "publicity.published": "行政执法决定公示",
  "publicity.withdrawn": "撤回公示的行政执法决定",
  "publicity.inspection_item_changed": "随机抽查事项清单变更",
  "publicity.service_guide_changed": "服务指南变更",
  "publicity.inspection_result_changed": "抽查结果公示（公示、更正、撤回）",
  // Complaints and other lead sources (issue 8; seed 001 items 20(4), 25, 26).
  "complaint.received": "收到投诉举报（案源）",
  "complaint.dispatched": "分派投诉举报",
  "complaint.returned": "退回投诉举报",
  "complaint.accepted": "受理投诉举报",
  "complaint.transferred": "书面移送其他部门并告知举报人",
  "complaint.verified": "核实投诉举报",
  "complaint.linked": "投诉举报转为案件线索",
  "complaint.closed": "投诉举报办结",
  "complaint.answered": "答复投诉举报人",
  "complaint.rated": "投诉举报人评价",
  "complaint.reopen_requested": "投诉举报人申请重新办理",
  "complaint.merged": "合并重复投诉举报",
  "complaint.reporter_viewed": "查看举报人信息",
  "complaint.dispatch_rule_changed": "投诉举报分派规则变更",
  "review.criterion_saved": "重大执法决定目录变更",
  "review.case_flagged": "标记重大执法决定",
  "review.submitted": "提交法制审核",
  "review.opinion": "出具法制审核意见",
  "review.escalated": "法制审核分歧提交集体讨论",
  "review.extended": "经批准延长法制审核期限",
  "meeting.held": "集体讨论会议记录",
  "meeting.case_discussed": "集体讨论案件",
  "filing.submitted": "重大执法决定备案报送",
  "filing.acknowledged": "重大执法决定备案签收",
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
