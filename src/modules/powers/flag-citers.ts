import { and, arrayOverlaps, eq, lt, or } from "drizzle-orm";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import { benchmarks } from "../benchmarks/schema.ts";
import { lawArticles } from "../laws/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { violations } from "../violations/schema.ts";
import { powerItems, reviewFlags } from "./schema.ts";

/**
 * A new version of an article was loaded: flag every power item, violation and benchmark that cites an
 * earlier version of it "needs review" (a flag row; the item itself is not touched).
 * Returns the number of flags created.
 */
export async function flagCiters(
  tx: Tx,
  e: { article: typeof lawArticles.$inferSelect; at: Date; actorId: string | null },
): Promise<number> {
  const earlier = (
    await tx
      .select({ id: lawArticles.id })
      .from(lawArticles)
      .where(
        and(
          eq(lawArticles.lawId, e.article.lawId),
          eq(lawArticles.number, e.article.number),
          lt(lawArticles.version, e.article.version),
        ),
      )
  ).map((r) => r.id);
  if (earlier.length === 0) return 0;
  const items = await tx
    .select({
      id: powerItems.id,
      agencyId: powerItems.agencyId,
      code: powerItems.code,
      name: powerItems.name,
    })
    .from(powerItems)
    .where(arrayOverlaps(powerItems.basisArticleIds, earlier));
  const marks = await tx
    .select({
      id: benchmarks.id,
      agencyId: benchmarks.agencyId,
      code: benchmarks.code,
      name: benchmarks.violationName,
    })
    .from(benchmarks)
    .where(
      or(
        arrayOverlaps(benchmarks.violatedArticleIds, earlier),
        arrayOverlaps(benchmarks.penaltyArticleIds, earlier),
      ),
    );
  // C03: a violation citing the changed article (violated or penalty provision) is flagged too.
  const acts = await tx
    .select({
      id: violations.id,
      agencyId: violations.agencyId,
      code: violations.code,
      name: violations.name,
    })
    .from(violations)
    .where(
      or(
        arrayOverlaps(violations.violatedArticleIds, earlier),
        arrayOverlaps(violations.penaltyArticleIds, earlier),
      ),
    );
  const reason = `${e.article.number}已载入第 ${e.article.version} 版`;
  const rows = [
    ...items.map((i) => ({ ...i, kind: "power_item" as const })),
    ...marks.map((b) => ({ ...b, kind: "benchmark" as const })),
    ...acts.map((v) => ({ ...v, kind: "violation" as const })),
  ].map((t) => ({
    id: newId(),
    agencyId: t.agencyId,
    targetKind: t.kind,
    targetId: t.id,
    targetLabel: `${t.code} ${t.name}`,
    lawId: e.article.lawId,
    articleId: e.article.id,
    reason,
    createdAt: e.at,
  }));
  if (rows.length === 0) return 0;
  await tx.insert(reviewFlags).values(rows);
  const byAgency = new Map<string, string[]>();
  for (const r of rows) byAgency.set(r.agencyId, [...(byAgency.get(r.agencyId) ?? []), r.targetId]);
  for (const [agencyId, targets] of byAgency) {
    await appendEntry(tx, {
      agencyId,
      actorId: e.actorId,
      type: "review.flagged",
      payload: { articleId: e.article.id, number: e.article.number, version: e.article.version, targets },
      at: e.at,
    });
  }
  return rows.length;
}
