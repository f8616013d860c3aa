import { eq, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { agencies } from "../agencies/schema.ts";
import { powerItems, reviewFlags } from "../powers/schema.ts";
import type { Tier } from "./benchmark.ts";
import { benchmarks } from "./schema.ts";

export type BenchmarkRow = Omit<typeof benchmarks.$inferSelect, "tiers"> & { tiers: Tier[] };

export const benchmarkColumns = {
  b: benchmarks,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  powerItemCode: powerItems.code,
  powerItemName: powerItems.name,
  violationCode: sql<string | null>`(SELECT v.code FROM violations v WHERE v.id = ${benchmarks.violationId})`,
  openFlags: sql<number>`(SELECT count(*)::int FROM ${reviewFlags} f WHERE f.target_id = ${benchmarks.id} AND f.cleared_at IS NULL)`,
};

export type BenchmarkListed = BenchmarkRow & {
  agencyName: string;
  agencyPath: string;
  powerItemCode: string | null;
  powerItemName: string | null;
  violationCode: string | null;
  openFlags: number;
};

export const toListed = (r: {
  b: typeof benchmarks.$inferSelect;
  agencyName: string;
  agencyPath: string;
  powerItemCode: string | null;
  powerItemName: string | null;
  violationCode: string | null;
  openFlags: number;
}): BenchmarkListed => ({
  ...r.b,
  tiers: r.b.tiers as Tier[],
  agencyName: r.agencyName,
  agencyPath: r.agencyPath,
  powerItemCode: r.powerItemCode,
  powerItemName: r.powerItemName,
  violationCode: r.violationCode,
  openFlags: Number(r.openFlags),
});

export async function findBenchmark(ex: Executor, id: string): Promise<BenchmarkListed> {
  const [row] = await ex
    .select(benchmarkColumns)
    .from(benchmarks)
    .innerJoin(agencies, eq(agencies.id, benchmarks.agencyId))
    .leftJoin(powerItems, eq(powerItems.id, benchmarks.powerItemId))
    .where(eq(benchmarks.id, id));
  if (!row) throw new AppError("NOT_FOUND", "裁量基准不存在");
  return toListed(row);
}
