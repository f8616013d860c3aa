import { and, asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Page, PageRequest } from "../../core/paging.ts";
import { offsetOf } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import { users } from "../identity/schema.ts";
import { certificatesOf, toSummary } from "../officers/find-officer.ts";
import { dateOf } from "../officers/officer.ts";
import { officerProfiles } from "../officers/schema.ts";

export type PublicOfficer = {
  name: string;
  agencyId: string;
  agencyName: string;
  certificateNumber: string;
  fields: string[];
  expiresOn: string;
};

/**
 * Officers holding a valid enforcement certificate today (C13, O1): name, agency, certificate
 * number and fields, so that anyone can check the officer in front of them. Nothing else of the
 * profile (no ID number, phone, staff number) leaves the server.
 */
export async function listPublicOfficers(
  ctx: AppContext,
  req: PageRequest & { agencyId?: string },
): Promise<Page<PublicOfficer>> {
  const today = dateOf(ctx.now());
  const rows = await ctx.db
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
        eq(officerProfiles.enforcementPost, true),
        req.agencyId ? eq(officerProfiles.agencyId, req.agencyId) : undefined,
      ),
    )
    .orderBy(asc(agencies.path), asc(users.displayName), asc(officerProfiles.id));
  const certs = await certificatesOf(
    ctx.db,
    rows.map((r) => r.profile.id),
    today,
  );
  const q = req.q?.trim();
  const all = rows
    .map((r) => toSummary(r, certs, today))
    .filter((o) => o.certificateStatus === "valid" && o.certificateNumber)
    .map(
      (o): PublicOfficer => ({
        name: o.displayName,
        agencyId: o.agencyId,
        agencyName: o.agencyName,
        certificateNumber: o.certificateNumber!,
        fields: o.certificateFields,
        expiresOn: o.certificateExpiresOn ?? "",
      }),
    )
    .filter((o) => !q || o.name.includes(q) || o.certificateNumber.includes(q) || o.agencyName.includes(q));
  const list = req.order === "desc" ? [...all].reverse() : all;
  return {
    items: list.slice(offsetOf(req), offsetOf(req) + req.pageSize),
    total: all.length,
    page: req.page,
    pageSize: req.pageSize,
  };
}
