import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { appendCorrection } from "./corrections.ts";
import { findSessionFor, requireNotWithdrawn } from "./revisions.ts";
import type { CorrectAttendanceInput } from "./training.ts";

/**
 * Corrects one officer's attendance of a session: attendance is append-only (the database refuses
 * UPDATE and DELETE), so the correction is a new row naming the row in force; hours 0 = absent.
 */
export async function correctAttendance(
  ctx: AppContext,
  actor: Principal,
  sessionId: string,
  input: CorrectAttendanceInput,
) {
  return ctx.db.transaction(async (tx) => {
    const { session, plan, agency } = await findSessionFor(tx, actor, sessionId, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(session, "培训课程");
    if (input.hours > session.hours)
      throw new AppError("VALIDATION_FAILED", `计入学时不能超过课程学时（${session.hours}）`);
    await appendCorrection(ctx, tx, actor, "attendance", {
      agencyId: agency.id,
      parentId: sessionId,
      officerId: input.officerId,
      value: input.hours,
      note: input.note,
    });
    return { planId: plan.id };
  });
}
