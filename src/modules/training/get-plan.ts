import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { officerProfiles } from "../officers/schema.ts";
import { findPlanFor } from "./find-plan.ts";
import { examResults, trainers, trainingAttendance, trainingExams, trainingSessions } from "./schema.ts";
import { examFigures, type PlanDetail, passed } from "./training.ts";

/** A plan with its sessions (and attendees) and exams (with results and figures). */
const live = <T extends { withdrawnAt: Date | null }>(rows: T[]) => rows.filter((r) => !r.withdrawnAt);

export async function getPlan(ctx: AppContext, actor: Principal, id: string): Promise<PlanDetail> {
  const ex = ctx.db;
  const { plan, agency } = await findPlanFor(ex, actor, id, "training.read");
  const sessions = await ex
    .select({ s: trainingSessions, trainerName: trainers.name })
    .from(trainingSessions)
    .leftJoin(trainers, eq(trainers.id, trainingSessions.trainerId))
    .where(eq(trainingSessions.planId, id))
    .orderBy(asc(trainingSessions.heldOn), asc(trainingSessions.createdAt));
  const exams = await ex
    .select()
    .from(trainingExams)
    .where(eq(trainingExams.planId, id))
    .orderBy(asc(trainingExams.heldOn), asc(trainingExams.createdAt));
  const sessionIds = sessions.map((s) => s.s.id);
  const examIds = exams.map((e) => e.id);
  const attendance =
    sessionIds.length === 0
      ? []
      : await ex
          .select({
            sessionId: trainingAttendance.sessionId,
            officerId: trainingAttendance.officerId,
            hours: trainingAttendance.hours,
            correction: sql<boolean>`${trainingAttendance.correctsId} is not null`,
            displayName: users.displayName,
          })
          .from(trainingAttendance)
          .innerJoin(officerProfiles, eq(officerProfiles.id, trainingAttendance.officerId))
          .innerJoin(users, eq(users.id, officerProfiles.userId))
          .where(
            and(
              inArray(trainingAttendance.sessionId, sessionIds),
              sql`NOT EXISTS (SELECT 1 FROM training_attendance c WHERE c.corrects_id = ${trainingAttendance.id})`,
            ),
          )
          .orderBy(asc(users.displayName));
  const results =
    examIds.length === 0
      ? []
      : await ex
          .select({
            examId: examResults.examId,
            officerId: examResults.officerId,
            score: examResults.score,
            displayName: users.displayName,
          })
          .from(examResults)
          .innerJoin(officerProfiles, eq(officerProfiles.id, examResults.officerId))
          .innerJoin(users, eq(users.id, officerProfiles.userId))
          .where(
            and(
              inArray(examResults.examId, examIds),
              sql`NOT EXISTS (SELECT 1 FROM exam_results c WHERE c.corrects_id = ${examResults.id})`,
            ),
          )
          .orderBy(asc(users.displayName));
  return {
    id: plan.id,
    agencyId: plan.agencyId,
    agencyName: agency.name,
    year: plan.year,
    title: plan.title,
    note: plan.note,
    // Withdrawn sessions and exams stay listed (marked) but do not count.
    sessionCount: live(sessions.map((s) => s.s)).length,
    totalHours: live(sessions.map((s) => s.s)).reduce((a, s) => a + s.hours, 0),
    examCount: live(exams).length,
    createdAt: plan.createdAt,
    version: plan.version,
    withdrawnAt: plan.withdrawnAt,
    withdrawnReason: plan.withdrawnReason,
    sessions: sessions.map(({ s, trainerName }) => ({
      id: s.id,
      planId: s.planId,
      title: s.title,
      kind: s.kind,
      online: s.online,
      heldOn: s.heldOn,
      hours: s.hours,
      field: s.field,
      trainerId: s.trainerId,
      trainerName,
      version: s.version,
      withdrawnAt: s.withdrawnAt,
      withdrawnReason: s.withdrawnReason,
      attendees: attendance
        .filter((a) => a.sessionId === s.id && (!a.correction || a.hours > 0))
        .map((a) => ({ officerId: a.officerId, displayName: a.displayName, hours: a.hours })),
    })),
    exams: exams.map((e) => {
      const rs = results.filter((r) => r.examId === e.id);
      return {
        id: e.id,
        planId: e.planId,
        title: e.title,
        heldOn: e.heldOn,
        passMark: e.passMark,
        version: e.version,
        withdrawnAt: e.withdrawnAt,
        withdrawnReason: e.withdrawnReason,
        results: rs.map((r) => ({
          officerId: r.officerId,
          displayName: r.displayName,
          score: r.score,
          passed: passed(r.score, e.passMark),
        })),
        ...examFigures(rs.map((r) => ({ score: r.score, passMark: e.passMark }))),
      };
    }),
  };
}
