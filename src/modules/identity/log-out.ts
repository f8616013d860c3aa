import { and, eq, isNull } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { hashToken } from "./load-principal.ts";
import { recordSecurityEvent } from "./record-security-event.ts";
import { sessions } from "./schema.ts";

export async function logOut(
  ctx: AppContext,
  token: string,
  meta: { username?: string; ip?: string; requestId?: string },
) {
  await ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .update(sessions)
      .set({ endedAt: ctx.now() })
      .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt)))
      .returning({ userId: sessions.userId });
    if (s) await recordSecurityEvent(tx, { kind: "logout", userId: s.userId, ...meta });
  });
}
