import { and, eq, gte, isNull, lte, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { AppContext } from "../../context.ts";
import { caseEvents } from "../cases/schema.ts";
import { publicDecisions, publicWithdrawals } from "./schema.ts";

/** The agency and the agencies below it (a county's figures include its squads). */
const inSubtree = (column: AnyPgColumn, agencyId: string): SQL =>
  sql`${column} in (select a.id from agencies a where starts_with(a.path, (select b.path from agencies b where b.id = ${agencyId})))`;

/**
 * Yearly statistics of the public site (年度统计, C13), counted from the database: cases filed
 * (立案), decisions (决定) with penalties and the fines imposed (fen), month by month, and the
 * decisions published (not withdrawn) by field. Optionally for one agency and those below it.
 */
export async function publicStatistics(ctx: AppContext, req: { year: number; agencyId?: string }) {
  const from = `${req.year}-01-01`;
  const to = `${req.year}-12-31`;
  const month = sql<string>`substr(${caseEvents.onDate}::text, 6, 2)`;
  const rows = await ctx.db
    .select({
      month,
      filed: sql<number>`count(*) filter (where ${caseEvents.event} = 'file')::int`,
      decided: sql<number>`count(*) filter (where ${caseEvents.event} = 'decide' and ${caseEvents.data}->>'outcome' in ('penalty', 'no_penalty'))::int`,
      penalties: sql<number>`count(*) filter (where ${caseEvents.event} = 'decide' and ${caseEvents.data}->>'outcome' = 'penalty')::int`,
      fineFen: sql<string>`coalesce(sum(case when ${caseEvents.event} = 'decide' and ${caseEvents.data}->>'outcome' = 'penalty' then (${caseEvents.data}->'penalty'->>'fineFen')::bigint else 0 end), 0)::text`,
    })
    .from(caseEvents)
    .where(
      and(
        gte(caseEvents.onDate, from),
        lte(caseEvents.onDate, to),
        sql`${caseEvents.event} in ('file', 'decide')`,
        req.agencyId ? inSubtree(caseEvents.agencyId, req.agencyId) : undefined,
      ),
    )
    .groupBy(month);
  const byMonth = Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, "0");
    const r = rows.find((x) => x.month === m);
    return {
      month: i + 1,
      filed: r?.filed ?? 0,
      decided: r?.decided ?? 0,
      penalties: r?.penalties ?? 0,
      fineFen: Number(r?.fineFen ?? 0),
    };
  });
  const published = await ctx.db
    .select({ field: publicDecisions.field, count: sql<number>`count(*)::int` })
    .from(publicDecisions)
    .leftJoin(publicWithdrawals, eq(publicWithdrawals.decisionId, publicDecisions.id))
    .where(
      and(
        gte(publicDecisions.decidedOn, from),
        lte(publicDecisions.decidedOn, to),
        isNull(publicWithdrawals.id),
        req.agencyId ? inSubtree(publicDecisions.agencyId, req.agencyId) : undefined,
      ),
    )
    .groupBy(publicDecisions.field)
    .orderBy(publicDecisions.field);
  const sum = (k: "filed" | "decided" | "penalties" | "fineFen") => byMonth.reduce((n, m) => n + m[k], 0);
  return {
    year: req.year,
    filed: sum("filed"),
    decided: sum("decided"),
    penalties: sum("penalties"),
    fineFen: sum("fineFen"),
    published: published.reduce((n, p) => n + p.count, 0),
    byMonth,
    publishedByField: published.map((p) => ({ field: p.field, count: Number(p.count) })),
  };
}
