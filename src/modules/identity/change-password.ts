import { and, eq, isNull, ne } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { hashToken } from "./load-principal.ts";
import { hashPassword, isStrongPassword, verifyPassword } from "./password.ts";
import type { Principal } from "./principal.ts";
import { recordSecurityEvent } from "./record-security-event.ts";
import { sessions, users } from "./schema.ts";

/** Changes one's own password and ends one's other sessions. */
export async function changePassword(
  ctx: AppContext,
  actor: Principal,
  input: { oldPassword: string; newPassword: string; currentToken?: string },
) {
  if (!isStrongPassword(input.newPassword)) throw new AppError("PASSWORD_TOO_WEAK");
  const newHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).for("update");
    if (!user || !(await verifyPassword(input.oldPassword, user.passwordHash)))
      throw new AppError("PASSWORD_INCORRECT");
    const now = ctx.now();
    await tx
      .update(users)
      .set({ passwordHash: newHash, passwordChangedAt: now })
      .where(eq(users.id, user.id));
    await tx
      .update(sessions)
      .set({ endedAt: now })
      .where(
        and(
          eq(sessions.userId, user.id),
          isNull(sessions.endedAt),
          input.currentToken ? ne(sessions.tokenHash, hashToken(input.currentToken)) : undefined,
        ),
      );
    await recordSecurityEvent(tx, { kind: "password_changed", userId: user.id, username: user.username });
  });
}
