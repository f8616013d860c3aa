import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { readablePowerPaths } from "../powers/scope.ts";
import { toViolationListed, type ViolationListed, violationQuery } from "./find-violation.ts";
import { violations } from "./schema.ts";

export type ViolationFilter = {
  agencyId?: string;
  powerItemId?: string;
  field?: string;
  published?: boolean;
  q?: string;
};

export function violationWhere(actor: Principal, req: ViolationFilter) {
  return and(
    readablePowerPaths(agencies.path, actor),
    req.agencyId ? eq(violations.agencyId, req.agencyId) : undefined,
    req.powerItemId ? eq(violations.powerItemId, req.powerItemId) : undefined,
    req.field ? eq(violations.field, req.field) : undefined,
    req.published !== undefined ? eq(violations.published, req.published) : undefined,
    req.q
      ? or(ilike(violations.code, likePattern(req.q)), ilike(violations.name, likePattern(req.q)))
      : undefined,
  );
}

/** Violations the actor can read (own agency, below, inherited from above), filtered and paged. */
export async function listViolations(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & ViolationFilter,
): Promise<Page<ViolationListed>> {
  const where = violationWhere(actor, req);
  const [rows, [total]] = await Promise.all([
    violationQuery(ctx.db)
      .where(where)
      .orderBy(req.order === "desc" ? desc(violations.code) : asc(violations.code), asc(violations.id))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db
      .select({ n: count() })
      .from(violations)
      .innerJoin(agencies, eq(agencies.id, violations.agencyId))
      .where(where),
  ]);
  return {
    items: rows.map(toViolationListed),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
