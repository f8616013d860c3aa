import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { attendanceInForce } from "../training/effective.ts";
import { trainingAttendance, trainingSessions } from "../training/schema.ts";
import { certificatesOf, findOfficerFor, toSummary } from "./find-officer.ts";
import { dateOf, type OfficerDetail } from "./officer.ts";
import { officerRotations } from "./schema.ts";

/** An officer with certificate history (events, reviews), rotations and training hours per year. */
export async function getOfficer(ctx: AppContext, actor: Principal, id: string): Promise<OfficerDetail> {
  const ex = ctx.db;
  const officer = await findOfficerFor(ex, actor, id, "officer.read");
  const today = dateOf(ctx.now());
  const certs = await certificatesOf(ex, [id], today);
  const from = alias(agencies, "from_agency");
  const rotations = await ex
    .select({
      id: officerRotations.id,
      fromAgencyName: from.name,
      toAgencyName: agencies.name,
      fromPost: officerRotations.fromPost,
      toPost: officerRotations.toPost,
      enforcementPost: officerRotations.enforcementPost,
      effectiveOn: officerRotations.effectiveOn,
      reason: officerRotations.reason,
      recordedAt: officerRotations.recordedAt,
    })
    .from(officerRotations)
    .innerJoin(agencies, eq(agencies.id, officerRotations.toAgencyId))
    .leftJoin(from, eq(from.id, officerRotations.fromAgencyId))
    .where(eq(officerRotations.officerId, id))
    .orderBy(asc(officerRotations.effectiveOn), asc(officerRotations.recordedAt));
  const year = sql<number>`substr(${trainingSessions.heldOn}, 1, 4)::int`;
  const hours = await ex
    .select({ year, hours: sql<number>`sum(${trainingAttendance.hours})::int` })
    .from(trainingAttendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, trainingAttendance.sessionId))
    .where(and(eq(trainingAttendance.officerId, id), attendanceInForce()))
    .groupBy(year)
    .orderBy(year);
  // O2: yearly training hours are a setting.
  const requiredHours = await getNumberSetting(ex, officer.agency.id, "training.yearlyHours");
  const thisYear = Number(today.slice(0, 4));
  const training = hours.map((h) => ({ year: Number(h.year), hours: Number(h.hours), requiredHours }));
  if (!training.some((t) => t.year === thisYear)) training.push({ year: thisYear, hours: 0, requiredHours });
  return {
    ...toSummary(officer, certs, today),
    certificates: certs.map((c) => ({
      id: c.id,
      number: c.number,
      issuingBody: c.issuingBody,
      fields: c.fields,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      replacesId: c.replacesId,
      status: c.status,
      events: c.events as OfficerDetail["certificates"][number]["events"],
      reviews: c.reviews,
    })),
    rotations,
    training: training.sort((a, b) => a.year - b.year),
  };
}
