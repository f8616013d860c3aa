import { AppError } from "../../core/errors.ts";
import { type Permission, permissions, type Role, roles } from "./roles.ts";

/** Who is acting: the logged-in user with the roles held in each agency (domain type, no I/O). */
export type Principal = {
  userId: string;
  username: string;
  displayName: string;
  memberships: { agencyId: string; agencyPath: string; roles: Role[] }[];
};

/** Can the principal exercise `permission` on data that belongs to the agency with `agencyPath`? */
export function can(p: Principal, permission: Permission, agencyPath: string): boolean {
  const scope = permissions[permission].scope;
  return p.memberships.some(
    (m) =>
      m.roles.some((r) => (roles[r].permissions as readonly Permission[]).includes(permission)) &&
      (scope === "own" ? m.agencyPath === agencyPath : agencyPath.startsWith(m.agencyPath)),
  );
}

/** Does the principal hold `permission` anywhere? (The route-level check.) */
export function holdsAnywhere(p: Principal, permission: Permission): boolean {
  return p.memberships.some((m) =>
    m.roles.some((r) => (roles[r].permissions as readonly Permission[]).includes(permission)),
  );
}

export function requirePermission(p: Principal, permission: Permission, agencyPath: string): void {
  if (!can(p, permission, agencyPath)) throw new AppError("FORBIDDEN_AGENCY");
}

/** Path prefixes under which the principal holds `permission` (for filtering lists in SQL). */
export function scopePrefixes(p: Principal, permission: Permission): string[] {
  const own = permissions[permission].scope === "own";
  const prefixes = p.memberships
    .filter((m) => m.roles.some((r) => (roles[r].permissions as readonly Permission[]).includes(permission)))
    .map((m) => m.agencyPath);
  // "own" scope is matched exactly; callers compare with = rather than LIKE.
  return own ? prefixes : prefixes.filter((x) => !prefixes.some((y) => y !== x && x.startsWith(y)));
}
