import { desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { citedArticles } from "../powers/get-power-item.ts";
import { reviewFlags } from "../powers/schema.ts";
import { requireReadPower } from "../powers/scope.ts";
import { findBenchmark } from "./find-benchmark.ts";
import { benchmarkVersions } from "./schema.ts";

/** A benchmark with its cited provisions, version history and review flags. */
export async function getBenchmark(ctx: AppContext, actor: Principal, id: string) {
  const b = await findBenchmark(ctx.db, id);
  requireReadPower(actor, b.agencyPath);
  const [violated, penalty, versions, flags] = await Promise.all([
    citedArticles(ctx, b.violatedArticleIds),
    citedArticles(ctx, b.penaltyArticleIds),
    ctx.db
      .select()
      .from(benchmarkVersions)
      .where(eq(benchmarkVersions.benchmarkId, id))
      .orderBy(desc(benchmarkVersions.version)),
    ctx.db
      .select()
      .from(reviewFlags)
      .where(eq(reviewFlags.targetId, id))
      .orderBy(desc(reviewFlags.createdAt)),
  ]);
  return { ...b, violatedArticles: violated, penaltyArticles: penalty, versions, flags };
}
