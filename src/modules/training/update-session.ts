import { and, eq, gt } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { attendanceUncorrected } from "./effective.ts";
import {
  changeVersioned,
  findSessionFor,
  requireInPlanYear,
  requireNotWithdrawn,
  requireTrainer,
} from "./revisions.ts";
import { trainingAttendance } from "./schema.ts";
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
    requireInPlanYear(plan, input.heldOn, "培训日期");
    await requireTrainer(tx, actor, input.trainerId);
    if (input.hours !== undefined) {
      const [over] = await tx
        .select({ id: trainingAttendance.id })
        .from(trainingAttendance)
        .where(
          and(
            eq(trainingAttendance.sessionId, id),
            gt(trainingAttendance.hours, input.hours),
            attendanceUncorrected(),
          ),
        )
        .limit(1);
      if (over)
        throw new AppError("VALIDATION_FAILED", "已有人员计入的学时超过新的课程学时，请先更正出勤记录");
    }
    return changeVersioned(ctx, tx, actor, "session", session, input, {
      agencyId: agency.id,
      type: "training.session_updated",
      ids: { planId: plan.id, sessionId: id },
    });
  });
}
