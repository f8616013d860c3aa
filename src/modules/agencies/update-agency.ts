import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import type { UpdateAgencyInput } from "./agency.ts";
import { findAgency } from "./find-agency.ts";
import { agencies } from "./schema.ts";

/** Optimistic concurrency: a stale `version` gets CONFLICT and changes nothing. */
export async function updateAgency(ctx: AppContext, actor: Principal, id: string, input: UpdateAgencyInput) {
  return ctx.db.transaction(async (tx) => {
    const current = await findAgency(tx, id);
    requirePermission(actor, "agency.manage", current.path);
    const { version, ...changes } = input;
    const [row] = await tx
      .update(agencies)
      .set({ ...changes, updatedAt: ctx.now(), version: sql`${agencies.version} + 1` })
      .where(and(eq(agencies.id, id), eq(agencies.version, version)))
      .returning();
    if (!row) throw new AppError("CONFLICT");
    await appendEntry(tx, {
      agencyId: id,
      actorId: actor.userId,
      type: "agency.updated",
      payload: changes,
      at: ctx.now(),
    });
    return row;
  });
}
