import { and, count, desc, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import { publicDecisions, publicWithdrawals } from "./schema.ts";
import { queryTokens } from "./tokens.ts";

/** Totals above this are shown as "10000+" (capped: true). */
export const totalCap = 10_000;

export type PublicDecisionQuery = PageRequest & {
  field?: string;
  agencyId?: string;
  from?: string;
  to?: string;
};

/** The public columns of a published decision (never the case's internal data). */
export const publicColumns = {
  id: publicDecisions.id,
  agencyId: publicDecisions.agencyId,
  caseNumber: publicDecisions.caseNumber,
  title: publicDecisions.title,
  agencyName: publicDecisions.agencyName,
  partyDisplay: publicDecisions.partyDisplay,
  creditCode: publicDecisions.creditCode,
  field: publicDecisions.field,
  violation: publicDecisions.violation,
  penalty: publicDecisions.penalty,
  decidedOn: publicDecisions.decidedOn,
  publishedAt: publicDecisions.publishedAt,
  withdrawnAt: publicWithdrawals.withdrawnAt,
  withdrawalReason: publicWithdrawals.reason,
};

/**
 * Searches published decisions (C13): all words of `q` (Chinese by character bigrams, e.g. an
 * organisation's name or a violation), field, agency, decision date range; newest first.
 */
export async function searchPublicDecisions(ctx: AppContext, req: PublicDecisionQuery) {
  const tokens = req.q ? queryTokens(req.q) : [];
  const where: SQL | undefined = and(
    tokens.length
      ? sql`${publicDecisions.tokens} @> string_to_array(${tokens.join("\u0001")}, ${"\u0001"})`
      : undefined,
    req.field ? eq(publicDecisions.field, req.field) : undefined,
    req.agencyId ? eq(publicDecisions.agencyId, req.agencyId) : undefined,
    req.from ? gte(publicDecisions.decidedOn, req.from) : undefined,
    req.to ? lte(publicDecisions.decidedOn, req.to) : undefined,
  );
  const rows = await ctx.db
    .select(publicColumns)
    .from(publicDecisions)
    .leftJoin(publicWithdrawals, eq(publicWithdrawals.decisionId, publicDecisions.id))
    .where(where)
    .orderBy(
      req.order === "asc" ? publicDecisions.publishedAt : desc(publicDecisions.publishedAt),
      publicDecisions.id,
    )
    .limit(req.pageSize)
    .offset(offsetOf(req));
  // Counting every match of a common word over a million decisions is slow: count up to a cap.
  const counted = ctx.db
    .select({ x: sql`1` })
    .from(publicDecisions)
    .where(where)
    .limit(totalCap + 1)
    .as("m");
  const [total] = await ctx.db.select({ n: count() }).from(counted);
  const n = Number(total?.n ?? 0);
  return {
    items: rows,
    total: Math.min(n, totalCap),
    capped: n > totalCap,
    page: req.page,
    pageSize: req.pageSize,
  };
}
