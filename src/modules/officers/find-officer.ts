import { asc, eq, inArray } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import type { Permission } from "../identity/roles.ts";
import { users } from "../identity/schema.ts";
import {
  type CertificateEventKind,
  type CertificateView,
  certificateStatusOn,
  currentCertificate,
  type OfficerSummary,
} from "./officer.ts";
import { annualReviews, certificateEvents, certificates, officerProfiles } from "./schema.ts";

export type OfficerRow = typeof officerProfiles.$inferSelect;
export type OfficerWithAgency = {
  profile: OfficerRow;
  agency: AgencyRow;
  user: { id: string; username: string; displayName: string };
};

/**
 * The bureau that manages an officer's records: the nearest city or county bureau at or above
 * the officer's agency. A squad acts in its bureau's name, and a township office's officers are
 * certified through the county bureau, so `officer.manage` (scope own) is checked there.
 */
export async function managingBureau(ex: Executor, agency: AgencyRow): Promise<AgencyRow> {
  if (agency.kind === "city_bureau" || agency.kind === "county_bureau") return agency;
  const chain = await ex
    .select()
    .from(agencies)
    .where(inArray(agencies.id, ancestorIds(agency.path)));
  const bureaus = chain
    .filter((a) => a.kind === "city_bureau" || a.kind === "county_bureau")
    .sort((a, b) => b.path.length - a.path.length);
  return bureaus[0] ?? agency;
}

/** Throws unless the actor manages officers of the bureau that `agency` belongs to. */
export async function requireOfficerManage(ex: Executor, actor: Principal, agency: AgencyRow): Promise<void> {
  requirePermission(actor, "officer.manage", (await managingBureau(ex, agency)).path);
}

async function withAgency(ex: Executor, profile: OfficerRow | undefined): Promise<OfficerWithAgency> {
  if (!profile) throw new AppError("NOT_FOUND", "执法人员档案不存在");
  const [agency] = await ex.select().from(agencies).where(eq(agencies.id, profile.agencyId));
  const [user] = await ex
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(eq(users.id, profile.userId));
  return { profile, agency: agency!, user: user! };
}

/** Loads an officer the actor may read (`officer.read`) or change (`officer.manage`). */
export async function findOfficerFor(
  ex: Executor,
  actor: Principal,
  id: string,
  permission: Extract<Permission, "officer.read" | "officer.manage">,
): Promise<OfficerWithAgency> {
  const [profile] = await ex.select().from(officerProfiles).where(eq(officerProfiles.id, id));
  const found = await withAgency(ex, profile);
  if (permission === "officer.manage") await requireOfficerManage(ex, actor, found.agency);
  else requirePermission(actor, permission, found.agency.path);
  return found;
}

export async function findOfficerByUser(
  ex: Executor,
  userId: string,
): Promise<OfficerWithAgency | undefined> {
  const [profile] = await ex.select().from(officerProfiles).where(eq(officerProfiles.userId, userId));
  return profile ? withAgency(ex, profile) : undefined;
}

export type CertificateFull = Omit<CertificateView, "events"> & {
  officerId: string;
  events: { id: string; kind: CertificateEventKind; effectiveOn: string; reason: string; recordedAt: Date }[];
};

/** Certificates of the given officers with their events and reviews, oldest first. */
export async function certificatesOf(
  ex: Executor,
  officerIds: string[],
  today: string,
): Promise<CertificateFull[]> {
  if (officerIds.length === 0) return [];
  const rows = await ex
    .select()
    .from(certificates)
    .where(inArray(certificates.officerId, officerIds))
    .orderBy(asc(certificates.issuedOn), asc(certificates.recordedAt));
  const ids = rows.map((r) => r.id);
  const [events, reviews] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          ex
            .select()
            .from(certificateEvents)
            .where(inArray(certificateEvents.certificateId, ids))
            .orderBy(asc(certificateEvents.effectiveOn), asc(certificateEvents.recordedAt)),
          ex
            .select()
            .from(annualReviews)
            .where(inArray(annualReviews.certificateId, ids))
            .orderBy(asc(annualReviews.year), asc(annualReviews.recordedAt)),
        ]);
  return rows.map((r) => {
    const evs = events
      .filter((e) => e.certificateId === r.id)
      .map((e) => ({
        id: e.id,
        kind: e.kind as CertificateEventKind,
        effectiveOn: e.effectiveOn,
        reason: e.reason,
        recordedAt: e.recordedAt,
      }));
    const record = {
      id: r.id,
      number: r.number,
      fields: r.fields,
      issuedOn: r.issuedOn,
      expiresOn: r.expiresOn,
      events: evs,
    };
    return {
      ...record,
      officerId: r.officerId,
      issuingBody: r.issuingBody,
      replacesId: r.replacesId,
      status: certificateStatusOn(record, today),
      reviews: reviews
        .filter((v) => v.certificateId === r.id)
        .map((v) => ({
          id: v.id,
          year: v.year,
          reviewedOn: v.reviewedOn,
          outcome: v.outcome,
          note: v.note,
          recordedAt: v.recordedAt,
        })),
    };
  });
}

export function toSummary(o: OfficerWithAgency, certs: CertificateFull[], today: string): OfficerSummary {
  const current = currentCertificate(
    certs.filter((c) => c.officerId === o.profile.id),
    today,
  );
  const p = o.profile;
  return {
    id: p.id,
    userId: p.userId,
    username: o.user.username,
    displayName: o.user.displayName,
    agencyId: p.agencyId,
    agencyName: o.agency.name,
    post: p.post,
    enforcementPost: p.enforcementPost,
    staffNo: p.staffNo,
    gender: p.gender,
    staffKind: p.staffKind,
    legalQualificationNo: p.legalQualificationNo,
    legalQualificationDate: p.legalQualificationDate,
    version: p.version,
    certificateNumber: current?.number ?? null,
    certificateStatus: current?.status ?? null,
    certificateExpiresOn: current?.expiresOn ?? null,
    certificateFields: current?.fields ?? [],
  };
}

export async function findCertificate(ex: Executor, id: string) {
  const [row] = await ex.select().from(certificates).where(eq(certificates.id, id));
  if (!row) throw new AppError("NOT_FOUND", "执法证不存在");
  return row;
}
