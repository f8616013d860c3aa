import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPlanFor } from "./find-plan.ts";
import { recordRevision, requireNotWithdrawn } from "./revisions.ts";
import { trainingPlans } from "./schema.ts";
import type { UpdatePlanInput } from "./training.ts";

/** Changes a plan's title or note: a new version, the earlier one kept in training_revisions. */
export async function updatePlan(ctx: AppContext, actor: Principal, id: string, input: UpdatePlanInput) {
  return ctx.db.transaction(async (tx) => {
    const { plan, agency } = await findPlanFor(tx, actor, id, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    const { version, reason, ...changes } = input;
    // Nothing differs: no new version (a stale version is still a conflict).
    if (!Object.entries(changes).some(([k, v]) => v !== undefined && v !== plan[k as keyof typeof plan])) {
      if (version !== plan.version) throw new AppError("CONFLICT");
      return plan;
    }
    const now = ctx.now();
    const [row] = await tx
      .update(trainingPlans)
      .set({ ...changes, version: sql`${trainingPlans.version} + 1` })
      .where(and(eq(trainingPlans.id, id), eq(trainingPlans.version, version)))
      .returning();
    if (!row) throw new AppError("CONFLICT");
    await recordRevision(tx, {
      kind: "plan",
      row,
      action: "updated",
      reason: reason ?? "",
      actorId: actor.userId,
      at: now,
    });
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.plan_updated",
      payload: { planId: id, version: row.version, ...changes },
      at: now,
    });
    return row;
  });
}
