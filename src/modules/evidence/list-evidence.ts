import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import type { EvidenceRow } from "./find-evidence.ts";
import { evidenceItems } from "./schema.ts";

export type EvidenceFilter = {
  agencyId?: string;
  caseId?: string;
  kind?: string;
  officerId?: string;
  deviceId?: string;
  action?: string;
};

/** Evidence the actor may read (own agency and supervised ones), newest first by default. */
export async function listEvidence(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & EvidenceFilter,
): Promise<Page<EvidenceRow>> {
  const e = evidenceItems;
  const where = and(
    underAny(agencies.path, scopePrefixes(actor, "evidence.read")),
    req.agencyId ? eq(e.agencyId, req.agencyId) : undefined,
    req.caseId ? eq(e.caseId, req.caseId) : undefined,
    req.kind ? eq(e.kind, req.kind) : undefined,
    req.officerId ? eq(e.officerId, req.officerId) : undefined,
    req.deviceId ? eq(e.deviceId, req.deviceId) : undefined,
    req.action ? eq(e.action, req.action) : undefined,
    req.q
      ? or(
          ilike(e.fileName, likePattern(req.q)),
          ilike(e.description, likePattern(req.q)),
          ilike(e.location, likePattern(req.q)),
          eq(e.sha256, req.q.toLowerCase()),
        )
      : undefined,
  );
  const rows = await ctx.db
    .select({ e })
    .from(e)
    .innerJoin(agencies, eq(agencies.id, e.agencyId))
    .where(where)
    .orderBy(req.order === "asc" ? asc(e.uploadedAt) : desc(e.uploadedAt), asc(e.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(e)
    .innerJoin(agencies, eq(agencies.id, e.agencyId))
    .where(where);
  return { items: rows.map((r) => r.e), total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}
