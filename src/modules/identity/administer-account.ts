import { and, eq, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findUserFor } from "./find-user.ts";
import { hashPassword, isStrongPassword } from "./password.ts";
import type { Principal } from "./principal.ts";
import { recordSecurityEvent } from "./record-security-event.ts";
import { sessions, users } from "./schema.ts";

/** An administrator lifts a lockout. */
export async function unlockUser(ctx: AppContext, actor: Principal, userId: string) {
  await ctx.db.transaction(async (tx) => {
    const { user } = await findUserFor(tx, actor, userId, "user.manage");
    await tx.update(users).set({ lockedUntil: sql`null`, failedLogins: 0 }).where(eq(users.id, userId));
    await recordSecurityEvent(tx, {
      kind: "account_unlocked",
      userId,
      username: user.username,
      detail: `操作人：${actor.displayName}（${actor.username}）`,
    });
  });
}

/** An administrator sets a new password; the user's sessions end. */
export async function resetPassword(ctx: AppContext, actor: Principal, userId: string, password: string) {
  if (!isStrongPassword(password)) throw new AppError("PASSWORD_TOO_WEAK");
  const passwordHash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    const { user } = await findUserFor(tx, actor, userId, "user.manage");
    const now = ctx.now();
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, failedLogins: 0 })
      .where(eq(users.id, userId));
    await tx
      .update(sessions)
      .set({ endedAt: now })
      .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
    await recordSecurityEvent(tx, {
      kind: "password_reset",
      userId,
      username: user.username,
      detail: `操作人：${actor.displayName}（${actor.username}）`,
    });
  });
}
