import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { membershipsOf, toUserView } from "./find-user.ts";
import { hashPassword, isStrongPassword } from "./password.ts";
import { type Principal, requirePermission } from "./principal.ts";
import { memberships, users } from "./schema.ts";
import type { CreateUserInput } from "./user.ts";

/** Creates a staff account; the actor must administer every agency the account gets a role in. */
export async function createUser(ctx: AppContext, actor: Principal | null, input: CreateUserInput) {
  if (!isStrongPassword(input.password)) throw new AppError("PASSWORD_TOO_WEAK");
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    for (const m of input.memberships) {
      const agency = await findAgency(tx, m.agencyId);
      if (actor) requirePermission(actor, "user.manage", agency.path);
    }
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (taken) throw new AppError("DUPLICATE", "用户名已被使用");
    const id = newId();
    const [user] = await tx
      .insert(users)
      .values({
        id,
        username: input.username,
        displayName: input.displayName,
        phone: input.phone,
        passwordHash,
      })
      .returning()
      .catch((e: { code?: string; cause?: { code?: string } }) => {
        // Two simultaneous creations of one username: the loser hits the unique index.
        if ((e.cause?.code ?? e.code) === "23505") throw new AppError("DUPLICATE", "用户名已被使用");
        throw e;
      });
    const unique = new Map(input.memberships.map((m) => [`${m.agencyId}:${m.role}`, m]));
    await tx.insert(memberships).values(
      [...unique.values()].map((m) => ({
        id: newId(),
        userId: id,
        ...m,
        grantedBy: actor?.userId ?? null,
      })),
    );
    await appendEntry(tx, {
      agencyId: input.memberships[0]!.agencyId,
      actorId: actor?.userId,
      type: "user.created",
      payload: {
        id,
        username: input.username,
        displayName: input.displayName,
        memberships: [...unique.values()],
      },
      at: ctx.now(),
    });
    return toUserView(user!, await membershipsOf(tx, [id]));
  });
}
