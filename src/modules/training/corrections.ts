import { and, desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { attendanceUncorrected, resultsUncorrected } from "./effective.ts";
import { examResults, trainingAttendance } from "./schema.ts";

/**
 * The append-only records of an officer in a training that take corrections: the attendance of a
 * session (hours credited) and the result of an exam (score), with what tells them apart.
 */
const records = {
  attendance: {
    table: trainingAttendance,
    parent: trainingAttendance.sessionId,
    parentKey: "sessionId",
    value: trainingAttendance.hours,
    valueKey: "hours",
    uncorrected: attendanceUncorrected,
    event: "training.attendance_corrected",
    notFound: "该人员没有本课程的出勤记录",
    unchanged: "更正后的学时与原记录相同",
  },
  result: {
    table: examResults,
    parent: examResults.examId,
    parentKey: "examId",
    value: examResults.score,
    valueKey: "score",
    uncorrected: resultsUncorrected,
    event: "training.exam_result_corrected",
    notFound: "该人员没有本次考试的成绩记录",
    unchanged: "更正后的成绩与原记录相同",
  },
} as const;

/**
 * Corrects one officer's record of a session or exam (parentId): finds the row in force, then
 * appends a new row naming it (the database refuses UPDATE and DELETE), and the ledger entry.
 */
export async function appendCorrection(
  ctx: AppContext,
  tx: Tx,
  actor: Principal,
  kind: keyof typeof records,
  c: { agencyId: string; parentId: string; officerId: string; value: number | null; note: string },
): Promise<void> {
  const r = records[kind];
  const [current] = await tx
    .select({ id: r.table.id, value: r.value })
    .from(r.table)
    .where(and(eq(r.parent, c.parentId), eq(r.table.officerId, c.officerId), r.uncorrected()))
    .orderBy(desc(r.table.recordedAt))
    .limit(1);
  if (!current) throw new AppError("NOT_FOUND", r.notFound);
  if (current.value === c.value) throw new AppError("VALIDATION_FAILED", r.unchanged);
  const at = ctx.now();
  const row = {
    id: newId(),
    [r.parentKey]: c.parentId,
    officerId: c.officerId,
    [r.valueKey]: c.value,
    recordedAt: at,
    correctsId: current.id,
    note: c.note,
  };
  await tx.insert(r.table).values(row as typeof r.table.$inferInsert);
  await appendEntry(tx, {
    agencyId: c.agencyId,
    actorId: actor.userId,
    type: r.event,
    payload: {
      [r.parentKey]: c.parentId,
      officerId: c.officerId,
      from: current.value,
      to: c.value,
      note: c.note,
    },
    at,
  });
}
