import { and, eq, gte, lte, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import type { Executor } from "../../db/client.ts";
import type { PublicRecord } from "./public-record.ts";
import { publicDecisions as d } from "./schema.ts";
import { indexTokens, walkNewestFirst } from "./search-plan.ts";
import { tokenFrequencies } from "./token-stats.ts";
import { queryTokenGroups } from "./tokens.ts";

/** Matches are counted up to this many pages beyond the one shown ("共 200+ 条" beyond it). */
export const countedPagesAhead = 5;

export type PublicDecisionQuery = PageRequest & {
  field?: string;
  agencyId?: string;
  from?: string;
  to?: string;
};

/** A text[] parameter on both drivers (one string, split by the database). */
const textArray = (xs: string[]) => sql`string_to_array(${xs.join("\u0001")}, ${"\u0001"})`;

/** A published decision as listed (public columns only: never the case's internal data). */
export type PublicDecisionItem = Omit<PublicRecord, "publicationId" | "body"> & {
  id: string;
  agencyId: string;
  publishedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
};

type Row = Omit<PublicDecisionItem, "publishedAt" | "withdrawnAt"> & {
  publishedAt: string;
  withdrawnAt: string | null;
};

/**
 * Searches published decisions (C13): all words of `q` (Chinese by character bigrams, e.g. an
 * organisation's name or a violation), field, agency, decision date range; newest decision first.
 * One statement: the matches up to `countedPagesAhead` pages beyond this one (newest first), their
 * number, and this page's rows. `total` is exact when `capped` is false, else a lower bound.
 */
export async function searchPublicDecisions(ctx: AppContext, req: PublicDecisionQuery) {
  const groups = req.q ? queryTokenGroups(req.q) : [];
  const window = (req.page + countedPagesAhead) * req.pageSize;
  const stats = groups.length ? await tokenFrequencies(ctx) : undefined;
  const { indexed, tested } = stats ? indexTokens(groups, stats) : { indexed: [], tested: [] };
  const where: SQL | undefined = and(
    indexed.length ? sql`${d.tokens} @> ${textArray(indexed)}` : undefined,
    // Not an index condition (array_cat hides the column from the index): tested on each row.
    tested.length ? sql`array_cat(${d.tokens}, '{}'::text[]) @> ${textArray(tested)}` : undefined,
    req.field ? eq(d.field, req.field) : undefined,
    req.agencyId ? eq(d.agencyId, req.agencyId) : undefined,
    req.from ? gte(d.decidedOn, req.from) : undefined,
    req.to ? lte(d.decidedOn, req.to) : undefined,
  );
  const dir = req.order === "asc" ? sql`asc` : sql`desc`;
  const statement = sql`
    with m as (
      select id, decided_on from public_decisions ${where ? sql`where ${where}` : sql``}
      order by decided_on ${dir}, id ${dir} limit ${window + 1}
    ), p as (
      select id, decided_on from m order by decided_on ${dir}, id ${dir}
      offset ${offsetOf(req)} limit ${req.pageSize}
    )
    select (select count(*) from m)::int as total,
      coalesce((
        select json_agg(json_build_object(
          'id', x.id, 'agencyId', x.agency_id, 'caseNumber', x.case_number, 'title', x.title,
          'agencyName', x.agency_name, 'partyDisplay', x.party_display, 'creditCode', x.credit_code,
          'field', x.field, 'violation', x.violation, 'penalty', x.penalty, 'decidedOn', x.decided_on,
          'publishedAt', x.published_at, 'withdrawnAt', w.withdrawn_at, 'withdrawalReason', w.reason)
          order by p.decided_on ${dir}, p.id ${dir})
        from p join public_decisions x on x.id = p.id
        left join public_withdrawals w on w.decision_id = p.id
      ), '[]'::json) as items`;
  // A phrase found in many decisions: walk the date index newest first (search-plan.ts).
  const walk = stats !== undefined && walkNewestFirst(groups, stats, window);
  const run = async (ex: Executor) => {
    const r = (await ex.execute(statement)) as unknown as {
      rows: { total: number; items: Row[] | string }[];
    };
    return r.rows[0]!;
  };
  const row = walk
    ? await ctx.db.transaction(async (tx) => {
        // The planner's estimate of the matches is far too low here: walk the index, on one
        // process, without compiling the plan (JIT would cost more than the walk).
        await tx.execute(sql`select set_config('enable_bitmapscan', 'off', true),
          set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true),
          set_config('max_parallel_workers_per_gather', '0', true)`);
        return run(tx);
      })
    : await run(ctx.db);
  const rows: Row[] = typeof row.items === "string" ? JSON.parse(row.items) : row.items;
  const n = Number(row.total);
  return {
    items: rows.map(
      (r): PublicDecisionItem => ({
        ...r,
        publishedAt: new Date(r.publishedAt),
        withdrawnAt: r.withdrawnAt === null ? null : new Date(r.withdrawnAt),
      }),
    ),
    total: Math.min(n, window),
    capped: n > window,
    page: req.page,
    pageSize: req.pageSize,
  };
}
