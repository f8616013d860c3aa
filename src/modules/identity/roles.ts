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
} as const satisfies Record<string, { scope: "subtree" | "own"; name: string }>;

export type Permission = keyof typeof permissions;

const everyone: Permission[] = ["agency.read", "calendar.read", "workbench.read"];
const staff: Permission[] = [...everyone, "user.read", "settings.read"];

export const roles = {
  officer: { name: "执法队员", permissions: staff },
  squad_leader: { name: "中队长", permissions: staff },
  legal_reviewer: { name: "法制审核人员", permissions: staff },
  agency_leader: { name: "机关负责人", permissions: [...staff, "audit.read", "ledger.read"] },
  case_clerk: { name: "案件管理中心人员", permissions: staff },
  file_reviewer: { name: "案卷评查人员", permissions: [...staff, "ledger.read", "ledger.verify"] },
  gov_legal_office: { name: "政府法制机构人员", permissions: staff },
  sysadmin: {
    name: "系统管理员",
    permissions: [
      ...staff,
      "agency.manage",
      "user.manage",
      "settings.manage",
      "calendar.manage",
      "audit.read",
      "ledger.read",
      "ledger.verify",
    ],
  },
  social_supervisor: { name: "社会监督员", permissions: everyone },
  assistant: { name: "协管员", permissions: everyone },
} as const satisfies Record<string, { name: string; permissions: Permission[] }>;

export type Role = keyof typeof roles;
export const roleCodes = Object.keys(roles) as [Role, ...Role[]];
export const permissionCodes = Object.keys(permissions) as [Permission, ...Permission[]];
