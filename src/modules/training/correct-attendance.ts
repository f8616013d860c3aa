import { and, desc, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findSessionFor, requireNotWithdrawn } from "./revisions.ts";
import { trainingAttendance } from "./schema.ts";
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
    const [current] = await tx
      .select()
      .from(trainingAttendance)
      .where(
        and(
          eq(trainingAttendance.sessionId, sessionId),
          eq(trainingAttendance.officerId, input.officerId),
          sql`NOT EXISTS (SELECT 1 FROM training_attendance c WHERE c.corrects_id = ${trainingAttendance.id})`,
        ),
      )
      .orderBy(desc(trainingAttendance.recordedAt))
      .limit(1);
    if (!current) throw new AppError("NOT_FOUND", "该人员没有本课程的出勤记录");
    if (current.hours === input.hours) throw new AppError("VALIDATION_FAILED", "更正后的学时与原记录相同");
    const now = ctx.now();
    await tx.insert(trainingAttendance).values({
      id: newId(),
      sessionId,
      officerId: input.officerId,
      hours: input.hours,
      recordedAt: now,
      correctsId: current.id,
      note: input.note,
    });
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.attendance_corrected",
      payload: {
        sessionId,
        officerId: input.officerId,
        from: current.hours,
        to: input.hours,
        note: input.note,
      },
      at: now,
    });
    return { planId: plan.id };
  });
}
