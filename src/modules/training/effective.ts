import { and, isNull, type SQL, sql } from "drizzle-orm";
import { examResults, trainingAttendance, trainingExams, trainingSessions } from "./schema.ts";

/**
 * Attendance and exam results are append-only (a correction is a new row naming the one it
 * corrects). The rows in force are those no later row corrects, of sessions and exams not withdrawn.
 * Use with queries joining the session (or the exam).
 */
export const attendanceInForce = (): SQL =>
  and(
    sql`NOT EXISTS (SELECT 1 FROM training_attendance c WHERE c.corrects_id = ${trainingAttendance.id})`,
    isNull(trainingSessions.withdrawnAt),
  )!;

export const resultsInForce = (): SQL =>
  and(
    sql`NOT EXISTS (SELECT 1 FROM exam_results c WHERE c.corrects_id = ${examResults.id})`,
    isNull(trainingExams.withdrawnAt),
  )!;
