// Shapes of the API responses (see the API contract in the server's OpenAPI document).

export type AgencyKind = "city_bureau" | "county_bureau" | "squad" | "township_office";

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Membership {
  agencyId: string;
  agencyName: string;
  agencyKind: AgencyKind;
  roles: string[];
}

export interface Me {
  user: { id: string; username: string; displayName: string; phone: string };
  memberships: Membership[];
  permissions: Record<string, string[]>;
}

export interface Role {
  code: string;
  name: string;
  permissions: string[];
}

export interface AgencyNode {
  id: string;
  name: string;
  kind: AgencyKind;
  children: AgencyNode[];
}

export interface Agency {
  id: string;
  parentId: string | null;
  kind: AgencyKind;
  name: string;
  shortName: string;
  creditCode: string | null;
  address: string;
  sealName: string;
  phone: string;
  areas: string[];
  fields: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UserMembership {
  agencyId: string;
  agencyName: string;
  role: string;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  phone: string;
  active: boolean;
  lockedUntil: string | null;
  version: number;
  memberships: UserMembership[];
}

export type SettingType = "integer" | "money" | "percent" | "string";

export interface Setting {
  key: string;
  label: string;
  ruleId: string;
  type: SettingType;
  unit: string;
  description: string;
  value: number | string | null;
  defaultValue: number | string | null;
  source: "default" | "inherited" | "own";
  sourceAgencyId: string | null;
  sourceAgencyName: string | null;
}

export interface SettingChange {
  id: number;
  key: string;
  value: number | string | null;
  reason: string;
  changedBy: string;
  changedByName: string | null;
  changedAt: string;
}

export type DeadlineUnit = "workday" | "day" | "month";

export interface Deadline {
  start: string;
  amount: number;
  unit: DeadlineUnit;
  due: string;
  /** The unadjusted end of the period; differs from `due` when it fell on a rest day. */
  end?: string;
  rolledOver?: boolean;
}

export interface CalendarYear {
  year: number;
  source: string;
  importedAt: string;
  holidays: number;
  workdays: number;
}

export interface CalendarDay {
  day: string;
  kind: "holiday" | "workday";
  name: string;
}

export interface SecurityEvent {
  id: number;
  at: string;
  kind: string;
  username: string;
  ip: string;
  detail: string;
}
