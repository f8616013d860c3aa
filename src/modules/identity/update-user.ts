import { and, eq, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findUserFor, membershipsOf, toUserView } from "./find-user.ts";
import type { Principal } from "./principal.ts";
import { sessions, users } from "./schema.ts";
import type { UpdateUserInput } from "./user.ts";

/** Edits an account; disabling it ends its sessions. Stale version → CONFLICT. */
export async function updateUser(ctx: AppContext, actor: Principal, id: string, input: UpdateUserInput) {
  return ctx.db.transaction(async (tx) => {
    await findUserFor(tx, actor, id, "user.manage");
    if (input.active === false && id === actor.userId) throw new AppError("FORBIDDEN", "不能停用自己的账号");
    const { version, ...changes } = input;
    const [row] = await tx
      .update(users)
      .set({ ...changes, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    if (!row) throw new AppError("CONFLICT");
    const [home] = await membershipsOf(tx, [id]);
    if (home) {
      await appendEntry(tx, {
        agencyId: home.agencyId,
        actorId: actor.userId,
        type: "user.updated",
        payload: { id, ...changes },
        at: ctx.now(),
      });
    }
    if (input.active === false) {
      await tx
        .update(sessions)
        .set({ endedAt: ctx.now() })
        .where(and(eq(sessions.userId, id), isNull(sessions.endedAt)));
    }
    return toUserView(row, await membershipsOf(tx, [id]));
  });
}
