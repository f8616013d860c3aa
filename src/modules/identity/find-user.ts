import { asc, eq, inArray } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal } from "./principal.ts";
import type { Permission } from "./roles.ts";
import { memberships, users } from "./schema.ts";
import type { UserView } from "./user.ts";

type MembershipRow = {
  userId: string;
  agencyId: string;
  agencyName: string;
  agencyPath: string;
  role: string;
};

export async function membershipsOf(ex: Executor, userIds: string[]): Promise<MembershipRow[]> {
  if (userIds.length === 0) return [];
  return ex
    .select({
      userId: memberships.userId,
      agencyId: memberships.agencyId,
      agencyName: agencies.name,
      agencyPath: agencies.path,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(inArray(memberships.userId, userIds))
    .orderBy(asc(agencies.path), asc(memberships.role));
}

export function toUserView(u: typeof users.$inferSelect, ms: MembershipRow[]): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    phone: u.phone,
    active: u.active,
    lockedUntil: u.lockedUntil,
    version: u.version,
    memberships: ms
      .filter((m) => m.userId === u.id)
      .map((m) => ({ agencyId: m.agencyId, agencyName: m.agencyName, role: m.role })),
  };
}

/**
 * Loads a user that the actor may see (read) or change (manage): the actor needs the permission
 * in at least one agency where the user holds a role.
 */
export async function findUserFor(ex: Executor, actor: Principal, id: string, permission: Permission) {
  const [user] = await ex.select().from(users).where(eq(users.id, id));
  if (!user) throw new AppError("NOT_FOUND", "用户不存在");
  const ms = await membershipsOf(ex, [id]);
  if (!ms.some((m) => can(actor, permission, m.agencyPath))) throw new AppError("FORBIDDEN_AGENCY");
  return { user, memberships: ms };
}
