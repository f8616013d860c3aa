import { and, isNull, type SQL, sql } from "drizzle-orm";
import { examResults, trainingAttendance, trainingExams, trainingSessions } from "./schema.ts";

/**
 * Attendance and exam results are append-only (a correction is a new row naming the one it
 * corrects). The rows no later row corrects are the latest of each officer.
 */
export const attendanceUncorrected = (): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM training_attendance c WHERE c.corrects_id = ${trainingAttendance.id})`;

export const resultsUncorrected = (): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM exam_results c WHERE c.corrects_id = ${examResults.id})`;

/**
 * The rows in force are those no later row corrects, of sessions and exams not withdrawn.
 * Use with queries joining the session (or the exam).
 */
export const attendanceInForce = (): SQL =>
  and(attendanceUncorrected(), isNull(trainingSessions.withdrawnAt))!;

export const resultsInForce = (): SQL => and(resultsUncorrected(), isNull(trainingExams.withdrawnAt))!;
