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

export const roles = {
  officer: { name: "执法队员", permissions: [...staff, ...officerRead, ...evidence, ...caseHandle] },
  squad_leader: {
    name: "中队长",
    permissions: [...staff, ...officerRead, ...evidence, "device.manage", ...caseApprove],
  },
  legal_reviewer: {
    name: "法制审核人员",
    permissions: [...staff, ...officerRead, ...evidence, "law.manage", "power.manage", "case.read"],
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
    ],
  },
  case_clerk: { name: "案件管理中心人员", permissions: [...staff, ...officerRead, "case.read"] },
  file_reviewer: {
    name: "案卷评查人员",
    permissions: [...staff, ...officerRead, "ledger.read", "ledger.verify", "evidence.read", "case.read"],
  },
  gov_legal_office: { name: "政府法制机构人员", permissions: [...staff, ...officerRead] },
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
