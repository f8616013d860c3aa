import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findUserFor, membershipsOf, toUserView } from "./find-user.ts";
import { type Principal, requirePermission } from "./principal.ts";
import type { Role } from "./roles.ts";
import { memberships, users } from "./schema.ts";

/** Grants a role in an agency the actor administers (the user must already be visible to the actor). */
export async function grantRole(
  ctx: AppContext,
  actor: Principal,
  userId: string,
  m: { agencyId: string; role: Role },
) {
  return ctx.db.transaction(async (tx) => {
    const { user } = await findUserFor(tx, actor, userId, "user.read");
    const agency = await findAgency(tx, m.agencyId);
    requirePermission(actor, "user.manage", agency.path);
    await tx
      .insert(memberships)
      .values({ id: newId(), userId, agencyId: m.agencyId, role: m.role, grantedBy: actor.userId })
      .onConflictDoNothing();
    await appendEntry(tx, {
      agencyId: m.agencyId,
      actorId: actor.userId,
      type: "user.role_granted",
      payload: { userId, role: m.role },
      at: ctx.now(),
    });
    await tx
      .update(users)
      .set({ version: sql`${users.version} + 1` })
      .where(eq(users.id, userId));
    return toUserView({ ...user, version: user.version + 1 }, await membershipsOf(tx, [userId]));
  });
}

export async function revokeRole(
  ctx: AppContext,
  actor: Principal,
  userId: string,
  m: { agencyId: string; role: Role },
) {
  return ctx.db.transaction(async (tx) => {
    const { user, memberships: current } = await findUserFor(tx, actor, userId, "user.read");
    const agency = await findAgency(tx, m.agencyId);
    requirePermission(actor, "user.manage", agency.path);
    if (!current.some((c) => c.agencyId === m.agencyId && c.role === m.role))
      throw new AppError("NOT_FOUND", "该用户没有此角色");
    if (current.length === 1)
      throw new AppError("VALIDATION_FAILED", "用户至少保留一个角色；如需停用请停用账号");
    if (userId === actor.userId && m.role === "sysadmin")
      throw new AppError("FORBIDDEN", "不能撤销自己的系统管理员角色");
    await tx
      .delete(memberships)
      .where(
        and(
          eq(memberships.userId, userId),
          eq(memberships.agencyId, m.agencyId),
          eq(memberships.role, m.role),
        ),
      );
    await appendEntry(tx, {
      agencyId: m.agencyId,
      actorId: actor.userId,
      type: "user.role_revoked",
      payload: { userId, role: m.role },
      at: ctx.now(),
    });
    await tx
      .update(users)
      .set({ version: sql`${users.version} + 1` })
      .where(eq(users.id, userId));
    return toUserView({ ...user, version: user.version + 1 }, await membershipsOf(tx, [userId]));
  });
}
