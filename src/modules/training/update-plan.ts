import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { findPlanFor } from "./find-plan.ts";
import { changeVersioned, requireNotWithdrawn } from "./revisions.ts";
import type { UpdatePlanInput } from "./training.ts";

/** Changes a plan's title or note: a new version, the earlier one kept in training_revisions. */
export async function updatePlan(ctx: AppContext, actor: Principal, id: string, input: UpdatePlanInput) {
  return ctx.db.transaction(async (tx) => {
    const { plan, agency } = await findPlanFor(tx, actor, id, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    return changeVersioned(ctx, tx, actor, "plan", plan, input, {
      agencyId: agency.id,
      type: "training.plan_updated",
      ids: { planId: id },
    });
  });
}
