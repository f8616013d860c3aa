import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { attendanceInForce, resultsInForce } from "../training/effective.ts";
import { examResults, trainingAttendance, trainingExams, trainingSessions } from "../training/schema.ts";
import type { ApplicationFacts } from "./certificate-application.ts";
import { certificatesOf, managingBureau, type OfficerWithAgency } from "./find-officer.ts";

/**
 * O2: what the rules look at for an application, as recorded now: the post, a live certificate,
 * this year's training hours against the setting, the best exam result in force.
 */
export async function applicationFacts(
  ex: Executor,
  officer: OfficerWithAgency,
  today: string,
): Promise<ApplicationFacts & { examResultId: string | null }> {
  const year = Number(today.slice(0, 4));
  const bureau = await managingBureau(ex, officer.agency);
  const requiredHours = await getNumberSetting(ex, bureau.id, "training.yearlyHours");
  const [hours] = await ex
    .select({ hours: sql<number>`coalesce(sum(${trainingAttendance.hours}), 0)::int` })
    .from(trainingAttendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
    .where(
      and(
        eq(trainingAttendance.officerId, officer.profile.id),
        sql`substr(${trainingSessions.heldOn}, 1, 4) = ${String(year)}`,
        attendanceInForce(),
      ),
    );
  const [best] = await ex
    .select({ id: examResults.id, score: examResults.score, passMark: trainingExams.passMark })
    .from(examResults)
    .innerJoin(trainingExams, eq(trainingExams.id, examResults.examId))
    .where(
      and(
        eq(examResults.officerId, officer.profile.id),
        sql`${examResults.score} is not null`,
        resultsInForce(),
      ),
    )
    .orderBy(desc(sql`${examResults.score} >= ${trainingExams.passMark}`), desc(trainingExams.heldOn))
    .limit(1);
  const certs = await certificatesOf(ex, [officer.profile.id], today);
  const live = certs.find((c) => c.status === "valid" || c.status === "suspended");
  return {
    enforcementPost: officer.profile.enforcementPost,
    liveCertificate: live?.number ?? null,
    year,
    hours: Number(hours?.hours ?? 0),
    requiredHours,
    exam: best ? { score: best.score!, passMark: best.passMark } : null,
    examResultId: best?.id ?? null,
  };
}
