import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { criteriaInForce } from "./load-major.ts";
import { type SaveCriterionInput, saveCriterionInput } from "./major-decisions.ts";
import { majorDecisionCriteria } from "./schema.ts";

/** L1: adds or changes one criterion of the agency's list of major decisions (a new row, with the reason). */
export async function saveCriterion(ctx: AppContext, actor: Principal, raw: SaveCriterionInput) {
  const input = saveCriterionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, input.agencyId);
    requirePermission(actor, "review.manage", agency.path);
    if (input.criterionId) {
      const own = (await criteriaInForce(tx, agency.path)).find(
        (c) => c.criterionId === input.criterionId && c.agencyId === agency.id,
      );
      if (!own) throw new AppError("NOT_FOUND", "本机关的重大执法决定目录中没有该项");
    }
    const now = ctx.now();
    const row = {
      id: newId(),
      criterionId: input.criterionId ?? newId(),
      agencyId: agency.id,
      action: "save",
      name: input.name,
      criteria: input.criteria,
      needsReview: input.needsReview,
      needsDiscussion: input.needsDiscussion,
      reason: input.reason,
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(majorDecisionCriteria).values(row);
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "review.criterion_saved",
      payload: {
        criterionId: row.criterionId,
        action: "save",
        name: row.name,
        criteria: row.criteria,
        needsReview: row.needsReview,
        needsDiscussion: row.needsDiscussion,
        reason: row.reason,
      },
      at: now,
    });
    return {
      criterionId: row.criterionId,
      agencyId: agency.id,
      name: row.name,
      criteria: input.criteria,
      needsReview: row.needsReview,
      needsDiscussion: row.needsDiscussion,
      reason: row.reason,
    };
  });
}

/** L1: removes a criterion from the agency's list (a new row, with the reason). */
export async function removeCriterion(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  criterionId: string,
  reason: string,
) {
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "review.manage", agency.path);
    const own = (await criteriaInForce(tx, agency.path)).find(
      (c) => c.criterionId === criterionId && c.agencyId === agency.id,
    );
    if (!own) throw new AppError("NOT_FOUND", "本机关的重大执法决定目录中没有该项");
    const now = ctx.now();
    await tx.insert(majorDecisionCriteria).values({
      id: newId(),
      criterionId,
      agencyId: agency.id,
      action: "remove",
      name: own.name,
      criteria: own.criteria,
      needsReview: own.needsReview,
      needsDiscussion: own.needsDiscussion,
      reason,
      actorId: actor.userId,
      at: now,
    });
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "review.criterion_saved",
      payload: { criterionId, action: "remove", name: own.name, reason },
      at: now,
    });
    return { removed: criterionId };
  });
}
