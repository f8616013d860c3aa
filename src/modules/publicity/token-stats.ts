import { sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { TokenFrequencies } from "./search-plan.ts";

/** Statistics change slowly (ANALYZE runs now and then): read them at most this often per process. */
const maxAgeMs = 5 * 60_000;
const cache = new WeakMap<AppContext, { at: number; value: TokenFrequencies }>();

/**
 * The search tokens' frequencies from the planner's statistics of public_decisions.tokens
 * (pg_stats, filled by ANALYZE / autovacuum on both engines). Without statistics: none (every
 * search then uses the token index).
 */
export async function tokenFrequencies(ctx: AppContext): Promise<TokenFrequencies> {
  const now = Date.now();
  const hit = cache.get(ctx);
  if (hit && now - hit.at < maxAgeMs) return hit.value;
  const result = await ctx.db.execute(sql`
    select s.most_common_elems::text::text[] as elems, s.most_common_elem_freqs as freqs,
           (select greatest(c.reltuples, 0) from pg_class c where c.oid = 'public_decisions'::regclass) as rows
    from pg_stats s
    where s.schemaname = current_schema() and s.tablename = 'public_decisions' and s.attname = 'tokens'`);
  const row = (
    result as unknown as { rows: { elems: string[] | null; freqs: number[] | null; rows: number }[] }
  ).rows[0];
  const elems = row?.elems ?? [];
  const freqs = (row?.freqs ?? []).map(Number);
  const common = new Map<string, number>(elems.map((e, i) => [e, freqs[i] ?? 0]));
  const value: TokenFrequencies = {
    common,
    rarerThan: elems.length ? (freqs[elems.length] ?? 0) : 0,
    rows: Number(row?.rows ?? 0),
  };
  cache.set(ctx, { at: now, value });
  return value;
}
