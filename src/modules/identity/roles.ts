/**
 * Roles and the permissions they grant, as data a reader can check.
 *
 * Scope of a permission:
 *  - "subtree": applies in the agency where the role is held and in every agency below it
 *    (an upper agency supervises, i.e. reads, its subordinates; the system administrator
 *    administers the structure, accounts and settings below it).
 *  - "own": applies only in the agency where the role is held (business data is written only
 *    by the agency it belongs to).
 */
export const permissions = {
  "agency.read": { scope: "subtree", name: "查看机构" },
  "agency.manage": { scope: "subtree", name: "管理机构" },
  "user.read": { scope: "subtree", name: "查看人员" },
  "user.manage": { scope: "subtree", name: "管理人员与角色" },
  "settings.read": { scope: "subtree", name: "查看参数设置" },
  "settings.manage": { scope: "subtree", name: "修改参数设置" },
  "calendar.read": { scope: "subtree", name: "查看工作日历" },
  "calendar.manage": { scope: "subtree", name: "导入工作日历" },
  "audit.read": { scope: "subtree", name: "查看安全日志" },
  "workbench.read": { scope: "own", name: "我的工作" },
  "ledger.read": { scope: "subtree", name: "查看全过程记录" },
  "ledger.verify": { scope: "subtree", name: "核验全过程记录" },
  "officer.read": { scope: "subtree", name: "查看执法人员与执法证" },
  "officer.manage": { scope: "own", name: "管理执法人员与执法证" },
  "training.read": { scope: "subtree", name: "查看教育培训" },
  "training.manage": { scope: "own", name: "管理教育培训" },
  // Laws are platform-wide reference data; power items and benchmarks belong to an agency and are
  // read in the agency, below it (supervision) and above it (inherited by subordinates; see
  // src/modules/powers/scope.ts). They are changed only by the agency they belong to.
  "law.read": { scope: "subtree", name: "查看法律法规" },
  "law.manage": { scope: "subtree", name: "维护法律法规库" },
  "power.read": { scope: "subtree", name: "查看权责清单与裁量基准" },
  "power.manage": { scope: "own", name: "维护权责清单与裁量基准" },
  "evidence.read": { scope: "subtree", name: "查看证据与音像记录" },
  "evidence.write": { scope: "own", name: "上传证据" },
  "device.manage": { scope: "own", name: "管理执法记录仪与音像记录清单" },
  // Cases (C06): read in the agency and below (supervision); handled and approved only in the
  // agency that owns the case. Who may take which step is the transition table of the procedure.
  "case.read": { scope: "subtree", name: "查看案件" },
  "case.handle": { scope: "own", name: "办理案件" },
  "case.approve": { scope: "own", name: "审批案件（立案、决定、结案、销案）" },
  // Publication of decisions on the public site (C13, G3–G6): by the agency that decided.
  "publicity.manage": { scope: "own", name: "公示行政执法决定（公示、撤回）" },
  // Complaints and lead sources (issue 8): read in the agency and below; taken in (phone, letter,
  // transfer in), dispatched and handled by the agency that owns the complaint; assignments go down
  // the tree. The reporter's identity is confidential (seed 001 item 25: 履行保密义务): only the
  // case-centre clerk (who takes calls and answers) and the agency leader of the receiving unit see
  // it; squads work on the complaint without it, and every view is recorded in the ledger.
  "complaint.read": { scope: "subtree", name: "查看投诉举报" },
  "complaint.intake": { scope: "own", name: "登记投诉举报（来电、来信、移送）" },
  "complaint.dispatch": { scope: "own", name: "分派投诉举报" },
  "complaint.handle": { scope: "own", name: "办理投诉举报与巡查发现" },
  "complaint.assign": { scope: "subtree", name: "交办案源" },
  "complaint.identity": { scope: "own", name: "查看举报人信息" },
  // Legal review, collective discussion and filing (issue 6: P9, P10, L1–L3, F1). The case team
  // submits; a legal reviewer of the agency or above reviews; the bureau files; the government's
  // legal office above acknowledges.
  "review.read": { scope: "subtree", name: "查看法制审核、集体讨论与备案" },
  "review.submit": { scope: "subtree", name: "提交法制审核" },
  "review.decide": { scope: "subtree", name: "出具法制审核意见" },
  "review.manage": { scope: "own", name: "维护重大执法决定目录" },
  "meeting.manage": { scope: "own", name: "记录集体讨论" },
  "filing.submit": { scope: "own", name: "报送重大执法决定备案" },
  "filing.ack": { scope: "subtree", name: "签收重大执法决定备案" },
} as const satisfies Record<string, { scope: "subtree" | "own"; name: string }>;

export type Permission = keyof typeof permissions;

const everyone: Permission[] = ["agency.read", "calendar.read", "workbench.read"];
const staff: Permission[] = [...everyone, "user.read", "settings.read", "law.read", "power.read"];
/** Officers and training (C04): every staff member reads; the bureau leader and administrator manage. */
const officerRead: Permission[] = ["officer.read", "training.read"];
const officerManage: Permission[] = ["officer.manage", "training.manage"];
const evidence: Permission[] = ["evidence.read", "evidence.write"];
const caseHandle: Permission[] = ["case.read", "case.handle"];
const caseApprove: Permission[] = [...caseHandle, "case.approve"];
/** Complaints (issue 8): squads handle; clerks and leaders also take in, dispatch and see the reporter. */
const complaintHandle: Permission[] = ["complaint.read", "complaint.handle"];
const complaintDesk: Permission[] = [
  ...complaintHandle,
  "complaint.intake",
  "complaint.dispatch",
  "complaint.identity",
];

export const roles = {
  officer: {
    name: "执法队员",
    permissions: [
      ...staff,
      ...officerRead,
      ...evidence,
      ...caseHandle,
      ...complaintHandle,
      "review.read",
      "review.submit",
    ],
  },
  squad_leader: {
    name: "中队长",
    permissions: [
      ...staff,
      ...officerRead,
      ...evidence,
      "device.manage",
      ...caseApprove,
      ...complaintHandle,
      "review.read",
      "review.submit",
    ],
  },
  legal_reviewer: {
    name: "法制审核人员",
    permissions: [
      ...staff,
      ...officerRead,
      ...evidence,
      "law.manage",
      "power.manage",
      "case.read",
      "review.read",
      "review.decide",
      "review.manage",
      "meeting.manage",
      "filing.submit",
      "publicity.manage",
    ],
  },
  agency_leader: {
    name: "机关负责人",
    permissions: [
      ...staff,
      ...officerRead,
      ...officerManage,
      "audit.read",
      "ledger.read",
      ...evidence,
      ...caseApprove,
      "publicity.manage",
      ...complaintDesk,
      "complaint.assign",
      "review.read",
      "review.submit",
      "review.manage",
      "meeting.manage",
      "filing.submit",
    ],
  },
  case_clerk: {
    name: "案件管理中心人员",
    permissions: [...staff, ...officerRead, "case.read", ...complaintDesk],
  },
  file_reviewer: {
    name: "案卷评查人员",
    permissions: [
      ...staff,
      ...officerRead,
      "ledger.read",
      "ledger.verify",
      "evidence.read",
      "case.read",
      "review.read",
    ],
  },
  gov_legal_office: {
    name: "政府法制机构人员",
    permissions: [...staff, ...officerRead, "review.read", "filing.ack"],
  },
  sysadmin: {
    name: "系统管理员",
    permissions: [
      ...staff,
      ...officerRead,
      ...officerManage,
      "agency.manage",
      "user.manage",
      "settings.manage",
      "calendar.manage",
      "audit.read",
      "ledger.read",
      "ledger.verify",
      "evidence.read",
      "device.manage",
      "law.manage",
      "power.manage",
    ],
  },
  social_supervisor: { name: "社会监督员", permissions: everyone },
  assistant: { name: "协管员", permissions: everyone },
} as const satisfies Record<string, { name: string; permissions: Permission[] }>;

export type Role = keyof typeof roles;
export const roleCodes = Object.keys(roles) as [Role, ...Role[]];
export const permissionCodes = Object.keys(permissions) as [Permission, ...Permission[]];
