import { and, count, desc, eq, exists, ilike, isNull, or, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { holdsAnywhere, type Principal, scopePrefixes } from "./principal.ts";
import { memberships, securityEvents } from "./schema.ts";

/**
 * Platform security log (logins, lockouts, denials): for holders of audit.read, limited to the
 * accounts that hold a role in an agency the actor audits. Events without an account (unknown
 * usernames) are shown only to auditors of a root agency.
 */
export async function listSecurityEvents(ctx: AppContext, actor: Principal, req: PageRequest) {
  if (!holdsAnywhere(actor, "audit.read")) throw new AppError("FORBIDDEN");
  const prefixes = scopePrefixes(actor, "audit.read");
  const auditsRoot = prefixes.some((p) => ancestorIds(p).length === 1);
  const inScope = or(
    exists(
      ctx.db
        .select({ one: sql`1` })
        .from(memberships)
        .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
        .where(and(eq(memberships.userId, securityEvents.userId), underAny(agencies.path, prefixes))),
    ),
    auditsRoot ? isNull(securityEvents.userId) : undefined,
  );
  const where = and(
    inScope,
    req.q
      ? or(
          ilike(securityEvents.username, likePattern(req.q)),
          ilike(securityEvents.kind, likePattern(req.q)),
          ilike(securityEvents.ip, likePattern(req.q)),
        )
      : undefined,
  );
  const items = await ctx.db
    .select()
    .from(securityEvents)
    .where(where)
    .orderBy(desc(securityEvents.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db.select({ n: count() }).from(securityEvents).where(where);
  return { items, total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}
