import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission, scopePrefixes } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { certificatesOf, toSummary } from "./find-officer.ts";
import { addDays, dateOf, type OfficerSummary } from "./officer.ts";
import { officerProfiles } from "./schema.ts";

export const officerStatusFilters = ["valid", "suspended", "revoked", "expired", "none"] as const;
export type OfficerFilter = {
  agencyId?: string;
  /** Include the agencies below agencyId (default true). */
  subtree?: boolean;
  enforcementPost?: boolean;
  /** The status of the certificate in use; "none" = no certificate. */
  status?: (typeof officerStatusFilters)[number];
  /** A valid certificate expiring within this many days. */
  expiringWithinDays?: number;
  legalQualified?: boolean;
};

/**
 * Every officer the actor can read that matches the filter, sorted by agency and name. The
 * certificate status is derived from dates and events, so the status filters apply in memory
 * (an agency has hundreds of officers, not millions).
 */
export async function filterOfficers(
  ex: Executor,
  actor: Principal,
  today: string,
  f: OfficerFilter & { q?: string },
): Promise<OfficerSummary[]> {
  let under: string[] = scopePrefixes(actor, "officer.read");
  let exact: string | undefined;
  if (f.agencyId) {
    const agency = await findAgency(ex, f.agencyId);
    requirePermission(actor, "officer.read", agency.path);
    if (f.subtree === false) exact = agency.id;
    else under = [agency.path];
  }
  const rows = await ex
    .select({
      profile: officerProfiles,
      agency: agencies,
      user: { id: users.id, username: users.username, displayName: users.displayName },
    })
    .from(officerProfiles)
    .innerJoin(agencies, eq(agencies.id, officerProfiles.agencyId))
    .innerJoin(users, eq(users.id, officerProfiles.userId))
    .where(
      and(
        underAny(agencies.path, under),
        exact ? eq(officerProfiles.agencyId, exact) : undefined,
        f.enforcementPost === undefined ? undefined : eq(officerProfiles.enforcementPost, f.enforcementPost),
        f.q
          ? or(
              ilike(users.displayName, likePattern(f.q)),
              ilike(users.username, likePattern(f.q)),
              ilike(officerProfiles.staffNo, likePattern(f.q)),
              ilike(officerProfiles.post, likePattern(f.q)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(agencies.path), asc(users.displayName), asc(officerProfiles.id));
  const certs = await certificatesOf(
    ex,
    rows.map((r) => r.profile.id),
    today,
  );
  let list = rows.map((r) => toSummary(r, certs, today));
  if (f.status) list = list.filter((o) => (o.certificateStatus ?? "none") === f.status);
  if (f.expiringWithinDays !== undefined) {
    const until = addDays(today, f.expiringWithinDays);
    list = list.filter(
      (o) =>
        o.certificateStatus === "valid" && o.certificateExpiresOn !== null && o.certificateExpiresOn <= until,
    );
  }
  if (f.legalQualified !== undefined)
    list = list.filter((o) => (o.legalQualificationNo !== null) === f.legalQualified);
  return list;
}

export async function listOfficers(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & OfficerFilter,
): Promise<Page<OfficerSummary>> {
  const all = await filterOfficers(ctx.db, actor, dateOf(ctx.now()), req);
  const items = req.order === "desc" ? [...all].reverse() : all;
  return {
    items: items.slice(offsetOf(req), offsetOf(req) + req.pageSize),
    total: all.length,
    page: req.page,
    pageSize: req.pageSize,
  };
}
