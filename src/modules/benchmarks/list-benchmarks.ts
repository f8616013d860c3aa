import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { powerItems } from "../powers/schema.ts";
import { readablePowerPaths } from "../powers/scope.ts";
import { type BenchmarkListed, benchmarkColumns, toListed } from "./find-benchmark.ts";
import { benchmarks } from "./schema.ts";

export type BenchmarkFilter = {
  agencyId?: string;
  powerItemId?: string;
  violationId?: string;
  published?: boolean;
  q?: string;
};

export function benchmarkWhere(actor: Principal, req: BenchmarkFilter) {
  return and(
    readablePowerPaths(agencies.path, actor),
    req.agencyId ? eq(benchmarks.agencyId, req.agencyId) : undefined,
    req.powerItemId ? eq(benchmarks.powerItemId, req.powerItemId) : undefined,
    req.violationId ? eq(benchmarks.violationId, req.violationId) : undefined,
    req.published !== undefined ? eq(benchmarks.published, req.published) : undefined,
    req.q
      ? or(ilike(benchmarks.code, likePattern(req.q)), ilike(benchmarks.violationName, likePattern(req.q)))
      : undefined,
  );
}

export const benchmarkQuery = (ctx: AppContext) =>
  ctx.db
    .select(benchmarkColumns)
    .from(benchmarks)
    .innerJoin(agencies, eq(agencies.id, benchmarks.agencyId))
    .leftJoin(powerItems, eq(powerItems.id, benchmarks.powerItemId));

/** Benchmarks the actor can read (own agency, below, inherited from above). */
export async function listBenchmarks(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & BenchmarkFilter,
): Promise<Page<BenchmarkListed>> {
  const where = benchmarkWhere(actor, req);
  const [rows, [total]] = await Promise.all([
    benchmarkQuery(ctx)
      .where(where)
      .orderBy(req.order === "desc" ? desc(benchmarks.code) : asc(benchmarks.code), asc(benchmarks.id))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db
      .select({ n: count() })
      .from(benchmarks)
      .innerJoin(agencies, eq(agencies.id, benchmarks.agencyId))
      .where(where),
  ]);
  return { items: rows.map(toListed), total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}
