import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { requireTrainingManage } from "./find-plan.ts";
import { trainers } from "./schema.ts";
import type { CreateTrainerInput } from "./training.ts";

/** Adds a trainer to an agency's pool (师资库). */
export async function createTrainer(ctx: AppContext, actor: Principal, input: CreateTrainerInput) {
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, input.agencyId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选机构不存在");
    });
    await requireTrainingManage(tx, actor, agency);
    const now = ctx.now();
    const [row] = await tx
      .insert(trainers)
      .values({ ...input, id: newId(), createdAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.trainer_created",
      payload: {
        trainerId: row!.id,
        name: input.name,
        kind: input.kind,
        field: input.field,
        rating: input.rating,
      },
      at: now,
    });
    return row!;
  });
}
