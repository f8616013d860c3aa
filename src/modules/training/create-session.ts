import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPlanFor } from "./find-plan.ts";
import { requireNotWithdrawn } from "./revisions.ts";
import { trainers, trainingSessions } from "./schema.ts";
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
    if (Number(input.heldOn.slice(0, 4)) !== plan.year)
      throw new AppError("VALIDATION_FAILED", `培训日期须在计划年度（${plan.year} 年）内`);
    if (input.trainerId) {
      const [t] = await tx
        .select({ path: agencies.path })
        .from(trainers)
        .innerJoin(agencies, eq(agencies.id, trainers.agencyId))
        .where(eq(trainers.id, input.trainerId));
      if (!t || !can(actor, "training.read", t.path))
        throw new AppError("VALIDATION_FAILED", "所选师资不存在");
    }
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
