import { and, eq, gt, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findSessionFor, recordRevision, requireNotWithdrawn } from "./revisions.ts";
import { trainers, trainingAttendance, trainingSessions } from "./schema.ts";
import type { UpdateSessionInput } from "./training.ts";

/**
 * Changes a session (a new version; the earlier one kept in training_revisions). The date stays in
 * the plan's year; the hours cannot drop below hours already credited to an attendee.
 */
export async function updateSession(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: UpdateSessionInput,
) {
  return ctx.db.transaction(async (tx) => {
    const { session, plan, agency } = await findSessionFor(tx, actor, id, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(session, "培训课程");
    const { version, reason, ...changes } = input;
    if (changes.heldOn && Number(changes.heldOn.slice(0, 4)) !== plan.year)
      throw new AppError("VALIDATION_FAILED", `培训日期须在计划年度（${plan.year} 年）内`);
    if (changes.trainerId) {
      const [t] = await tx
        .select({ path: agencies.path })
        .from(trainers)
        .innerJoin(agencies, eq(agencies.id, trainers.agencyId))
        .where(eq(trainers.id, changes.trainerId));
      if (!t || !can(actor, "training.read", t.path))
        throw new AppError("VALIDATION_FAILED", "所选师资不存在");
    }
    if (changes.hours !== undefined) {
      const [over] = await tx
        .select({ id: trainingAttendance.id })
        .from(trainingAttendance)
        .where(
          and(
            eq(trainingAttendance.sessionId, id),
            gt(trainingAttendance.hours, changes.hours),
            sql`NOT EXISTS (SELECT 1 FROM training_attendance c WHERE c.corrects_id = ${trainingAttendance.id})`,
          ),
        )
        .limit(1);
      if (over)
        throw new AppError("VALIDATION_FAILED", "已有人员计入的学时超过新的课程学时，请先更正出勤记录");
    }
    // Nothing differs: no new version (a stale version is still a conflict).
    if (
      !Object.entries(changes).some(([k, v]) => v !== undefined && v !== session[k as keyof typeof session])
    ) {
      if (version !== session.version) throw new AppError("CONFLICT");
      return session;
    }
    const now = ctx.now();
    const [row] = await tx
      .update(trainingSessions)
      .set({ ...changes, version: sql`${trainingSessions.version} + 1` })
      .where(and(eq(trainingSessions.id, id), eq(trainingSessions.version, version)))
      .returning();
    if (!row) throw new AppError("CONFLICT");
    await recordRevision(tx, {
      kind: "session",
      row,
      action: "updated",
      reason: reason ?? "",
      actorId: actor.userId,
      at: now,
    });
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.session_updated",
      payload: { planId: plan.id, sessionId: id, version: row.version, ...changes },
      at: now,
    });
    return row;
  });
}
