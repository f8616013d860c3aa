import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { memberships, users } from "../identity/schema.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { attendanceInForce, resultsInForce } from "../training/effective.ts";
import { examResults, trainingAttendance, trainingExams, trainingSessions } from "../training/schema.ts";
import { examFigures, percent } from "../training/training.ts";
import { certificatesOf } from "./find-officer.ts";
import { addDays, certificateStatusOn, dateOf } from "./officer.ts";
import { officerProfiles } from "./schema.ts";

export const kpiView = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  subtree: z.boolean(),
  year: z.number(),
  /** The date the certificate figures are taken on: today, or 31 December of a past year. */
  asOf: z.string(),
  certification: z.object({
    enforcementStaff: z.number(),
    certified: z.number(),
    ratePercent: z.number().nullable(),
    uncertified: z.array(z.object({ officerId: z.string(), displayName: z.string(), status: z.string() })),
  }),
  exams: z.object({
    candidates: z.number(),
    sat: z.number(),
    passed: z.number(),
    participationPercent: z.number().nullable(),
    passPercent: z.number().nullable(),
  }),
  training: z.object({
    officers: z.number(),
    requiredHours: z.number(),
    totalHours: z.number(),
    averageHours: z.number().nullable(),
    belowRequirement: z.number(),
  }),
  legalReviewers: z.object({
    reviewers: z.number(),
    withQualification: z.number(),
    ratioPercent: z.number().nullable(),
    requiredPercent: z.number(),
    meetsRequirement: z.boolean(),
  }),
  expiring: z.object({ within30: z.number(), within60: z.number(), within90: z.number() }),
});
export type Kpis = z.infer<typeof kpiView>;

/**
 * Officer and training KPIs of an agency (or its subtree, summing the agencies below): C04, O2, L4.
 *  - certification rate = officers in enforcement posts holding a valid certificate on `asOf`
 *    ÷ staff in enforcement posts;
 *  - exams held in the year by those officers: participation = sat ÷ candidates, pass rate =
 *    passed ÷ sat;
 *  - training hours of the year per enforcement officer vs the setting training.yearlyHours;
 *  - legal reviewers (accounts with the legal_reviewer role in the agencies) ÷ enforcement staff
 *    vs the setting review.reviewerRatioPercent (L4);
 *  - valid certificates expiring within 30/60/90 days of today (cumulative).
 */
export async function agencyKpis(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  opts: { year?: number; subtree?: boolean },
): Promise<Kpis> {
  const ex = ctx.db;
  const agency = await findAgency(ex, agencyId);
  requirePermission(actor, "officer.read", agency.path);
  const today = dateOf(ctx.now());
  const year = opts.year ?? Number(today.slice(0, 4));
  const asOf = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
  const subtree = opts.subtree ?? false;
  const inScope = subtree ? sql`starts_with(${agencies.path}, ${agency.path})` : eq(agencies.id, agency.id);

  const staff = await ex
    .select({ id: officerProfiles.id, displayName: users.displayName, agencyId: officerProfiles.agencyId })
    .from(officerProfiles)
    .innerJoin(agencies, eq(agencies.id, officerProfiles.agencyId))
    .innerJoin(users, eq(users.id, officerProfiles.userId))
    .where(and(inScope, eq(officerProfiles.enforcementPost, true)));
  const ids = staff.map((s) => s.id);
  const certs = await certificatesOf(ex, ids, asOf);
  const uncertified = staff
    .filter((s) => !certs.some((c) => c.officerId === s.id && certificateStatusOn(c, asOf) === "valid"))
    .map((s) => {
      const latest = certs.filter((c) => c.officerId === s.id).at(-1);
      return {
        officerId: s.id,
        displayName: s.displayName,
        status: latest ? certificateStatusOn(latest, asOf) : "none",
      };
    });
  const certified = staff.length - uncertified.length;

  const results =
    ids.length === 0
      ? []
      : await ex
          .select({ score: examResults.score, passMark: trainingExams.passMark })
          .from(examResults)
          .innerJoin(trainingExams, eq(trainingExams.id, examResults.examId))
          .where(
            and(
              inArray(examResults.officerId, ids),
              sql`substr(${trainingExams.heldOn}, 1, 4) = ${String(year)}`,
              resultsInForce(),
            ),
          );

  const hours =
    ids.length === 0
      ? []
      : await ex
          .select({
            officerId: trainingAttendance.officerId,
            hours: sql<number>`sum(${trainingAttendance.hours})::int`,
          })
          .from(trainingAttendance)
          .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
          .where(
            and(
              inArray(trainingAttendance.officerId, ids),
              sql`substr(${trainingSessions.heldOn}, 1, 4) = ${String(year)}`,
              attendanceInForce(),
            ),
          )
          .groupBy(trainingAttendance.officerId);
  // O2: the yearly hours in force for each officer's agency.
  const required = new Map<string, number>();
  for (const a of new Set(staff.map((s) => s.agencyId)))
    required.set(a, await getNumberSetting(ex, a, "training.yearlyHours"));
  const hoursOf = (id: string) => Number(hours.find((h) => h.officerId === id)?.hours ?? 0);
  const totalHours = staff.reduce((a, s) => a + hoursOf(s.id), 0);
  const below = staff.filter((s) => hoursOf(s.id) < (required.get(s.agencyId) ?? 0)).length;

  const reviewerRows = await ex
    .selectDistinct({ userId: memberships.userId, qualification: officerProfiles.legalQualificationNo })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(officerProfiles, eq(officerProfiles.userId, memberships.userId))
    .where(and(inScope, eq(memberships.role, "legal_reviewer"), eq(users.active, true)));
  const reviewers = new Set(reviewerRows.map((r) => r.userId)).size;
  const withQualification = new Set(reviewerRows.filter((r) => r.qualification).map((r) => r.userId)).size;
  // L4: the minimum share of legal reviewers is a setting.
  const requiredPercent = await getNumberSetting(ex, agency.id, "review.reviewerRatioPercent");
  const ratioPercent = percent(reviewers, staff.length);

  const current = await certificatesOf(ex, ids, today);
  const expiringWithin = (days: number) =>
    current.filter((c) => c.status === "valid" && c.expiresOn <= addDays(today, days)).length;

  return {
    agencyId: agency.id,
    agencyName: agency.name,
    subtree,
    year,
    asOf,
    certification: {
      enforcementStaff: staff.length,
      certified,
      ratePercent: percent(certified, staff.length),
      uncertified,
    },
    exams: examFigures(results),
    training: {
      officers: staff.length,
      requiredHours: await getNumberSetting(ex, agency.id, "training.yearlyHours"),
      totalHours,
      averageHours: staff.length === 0 ? null : Math.round((totalHours * 10) / staff.length) / 10,
      belowRequirement: below,
    },
    legalReviewers: {
      reviewers,
      withQualification,
      ratioPercent,
      requiredPercent,
      meetsRequirement: ratioPercent !== null && ratioPercent >= requiredPercent,
    },
    expiring: { within30: expiringWithin(30), within60: expiringWithin(60), within90: expiringWithin(90) },
  };
}
