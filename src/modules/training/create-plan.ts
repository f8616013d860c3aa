import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { requireTrainingManage } from "./find-plan.ts";
import { trainingPlans } from "./schema.ts";
import type { CreatePlanInput } from "./training.ts";

/** A yearly training plan (年度培训计划) of an agency. */
export async function createPlan(ctx: AppContext, actor: Principal, input: CreatePlanInput) {
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, input.agencyId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选机构不存在");
    });
    await requireTrainingManage(tx, actor, agency);
    const now = ctx.now();
    const [row] = await tx
      .insert(trainingPlans)
      .values({ ...input, id: newId(), createdBy: actor.userId, createdAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.plan_created",
      payload: { planId: row!.id, year: input.year, title: input.title },
      at: now,
    });
    return row!;
  });
}
