import type { AppContext } from "../../context.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPlanFor } from "./find-plan.ts";
import { requireInPlanYear, requireNotWithdrawn, requireTrainer } from "./revisions.ts";
import { trainingSessions } from "./schema.ts";
import type { CreateSessionInput } from "./training.ts";

/** A session of a plan, held in the plan's year (kind, online or in person, hours). */
export async function createSession(
  ctx: AppContext,
  actor: Principal,
  planId: string,
  input: CreateSessionInput,
) {
  return ctx.db.transaction(async (tx) => {
    const { plan, agency } = await findPlanFor(tx, actor, planId, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireInPlanYear(plan, input.heldOn, "培训日期");
    await requireTrainer(tx, actor, input.trainerId);
    const now = ctx.now();
    const [row] = await tx
      .insert(trainingSessions)
      .values({ ...input, id: newId(), planId, createdAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.session_created",
      payload: { planId, sessionId: row!.id, kind: input.kind, hours: input.hours, heldOn: input.heldOn },
      at: now,
    });
    return row!;
  });
}
