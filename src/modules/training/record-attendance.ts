import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPlanFor, requireOfficersUnder } from "./find-plan.ts";
import { requireNotWithdrawn } from "./revisions.ts";
import { trainingAttendance, trainingSessions } from "./schema.ts";
import type { AttendanceInput } from "./training.ts";

/** Records who attended a session and the hours credited (the session's hours by default). */
export async function recordAttendance(
  ctx: AppContext,
  actor: Principal,
  sessionId: string,
  input: AttendanceInput,
) {
  return ctx.db.transaction(async (tx) => {
    const [session] = await tx.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
    if (!session) throw new AppError("NOT_FOUND", "培训课程不存在");
    const { agency, plan } = await findPlanFor(tx, actor, session.planId, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(session, "培训课程");
    await requireOfficersUnder(tx, agency, input.officerIds);
    const hours = input.hours ?? session.hours;
    if (hours > session.hours)
      throw new AppError("VALIDATION_FAILED", `计入学时不能超过课程学时（${session.hours}）`);
    const already = await tx
      .select({ id: trainingAttendance.officerId })
      .from(trainingAttendance)
      .where(
        and(
          eq(trainingAttendance.sessionId, sessionId),
          inArray(trainingAttendance.officerId, input.officerIds),
        ),
      );
    if (already.length > 0) throw new AppError("DUPLICATE", `有 ${already.length} 名人员已登记出勤`);
    const now = ctx.now();
    await tx
      .insert(trainingAttendance)
      .values(
        input.officerIds.map((officerId) => ({ id: newId(), sessionId, officerId, hours, recordedAt: now })),
      );
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.attendance_recorded",
      payload: { sessionId, officerIds: input.officerIds, hours },
      at: now,
    });
    return { recorded: input.officerIds.length, hours, planId: session.planId };
  });
}
