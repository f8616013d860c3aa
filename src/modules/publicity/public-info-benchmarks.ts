import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import { harmLevels, partyTypes, penaltyKinds, type Tier, tierLevels } from "../benchmarks/benchmark.ts";
import { benchmarks } from "../benchmarks/schema.ts";
import { powerItems } from "../powers/schema.ts";

/**
 * Published discretion benchmarks (裁量基准, C03, C13): the violation, the power item and each tier
 * with its conditions, penalties and fine ranges (in fen), with Chinese names for the codes.
 */
export async function listPublicBenchmarks(ctx: AppContext, req: PageRequest & { agencyId?: string }) {
  const where = and(
    eq(benchmarks.published, true),
    req.agencyId ? eq(benchmarks.agencyId, req.agencyId) : undefined,
    req.q
      ? or(ilike(benchmarks.code, likePattern(req.q)), ilike(benchmarks.violationName, likePattern(req.q)))
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: benchmarks.id,
        agencyId: benchmarks.agencyId,
        agencyName: agencies.name,
        code: benchmarks.code,
        violationName: benchmarks.violationName,
        powerItemCode: powerItems.code,
        powerItemName: powerItems.name,
        quantityName: benchmarks.quantityName,
        quantityUnit: benchmarks.quantityUnit,
        tiers: benchmarks.tiers,
        effectiveFrom: benchmarks.effectiveFrom,
        effectiveTo: benchmarks.effectiveTo,
      })
      .from(benchmarks)
      .innerJoin(agencies, eq(agencies.id, benchmarks.agencyId))
      .leftJoin(powerItems, eq(powerItems.id, benchmarks.powerItemId))
      .where(where)
      .orderBy(
        req.order === "desc" ? asc(benchmarks.violationName) : asc(benchmarks.code),
        asc(benchmarks.id),
      )
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db.select({ n: count() }).from(benchmarks).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      tiers: ((r.tiers ?? []) as Tier[]).map((t) => ({
        level: t.level,
        levelName: tierLevels[t.level] ?? t.level,
        conditions: t.conditions,
        harm: (t.harm ?? []).map((h) => harmLevels[h] ?? h),
        penalties: (t.penalties ?? []).map((p) => penaltyKinds[p] ?? p),
        ranges: (t.ranges ?? []).map((x) => ({
          partyType: partyTypes[x.partyType] ?? x.partyType,
          above: x.above ?? null,
          upTo: x.upTo ?? null,
          minFen: x.minFen,
          maxFen: x.maxFen,
        })),
      })),
    })),
    total: Number(total?.n ?? 0),
    page: req.page,
    pageSize: req.pageSize,
  };
}
