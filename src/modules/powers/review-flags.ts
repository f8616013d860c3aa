import { and, asc, count, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { lawArticles, laws } from "../laws/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { reviewFlags } from "./schema.ts";
import { readablePowerPaths } from "./scope.ts";

const flagColumns = {
  flag: reviewFlags,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  lawTitle: laws.title,
  articleNumber: lawArticles.number,
  articleVersion: lawArticles.version,
};

export type ReviewFlagListed = typeof reviewFlags.$inferSelect & {
  agencyName: string;
  lawTitle: string;
  articleNumber: string;
  articleVersion: number;
};

/** Items and benchmarks flagged "needs review" by law changes (open ones unless `cleared`). */
export async function listReviewFlags(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & {
    cleared?: boolean;
    agencyId?: string;
    targetKind?: "power_item" | "benchmark" | "violation";
  },
): Promise<Page<ReviewFlagListed>> {
  const where = and(
    readablePowerPaths(agencies.path, actor),
    req.cleared ? isNotNull(reviewFlags.clearedAt) : isNull(reviewFlags.clearedAt),
    req.agencyId ? eq(reviewFlags.agencyId, req.agencyId) : undefined,
    req.targetKind ? eq(reviewFlags.targetKind, req.targetKind) : undefined,
  );
  const base = () =>
    ctx.db
      .select(flagColumns)
      .from(reviewFlags)
      .innerJoin(agencies, eq(agencies.id, reviewFlags.agencyId))
      .innerJoin(lawArticles, eq(lawArticles.id, reviewFlags.articleId))
      .innerJoin(laws, eq(laws.id, reviewFlags.lawId));
  const [rows, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(
        req.order === "desc" ? desc(reviewFlags.createdAt) : asc(reviewFlags.createdAt),
        asc(reviewFlags.id),
      )
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db
      .select({ n: count() })
      .from(reviewFlags)
      .innerJoin(agencies, eq(agencies.id, reviewFlags.agencyId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      ...r.flag,
      agencyName: r.agencyName,
      lawTitle: r.lawTitle,
      articleNumber: r.articleNumber,
      articleVersion: r.articleVersion,
    })),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}

/** The review action: the agency that owns the item confirms it was checked against the new text. */
export async function clearReviewFlag(ctx: AppContext, actor: Principal, id: string, note: string) {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ flag: reviewFlags, path: agencies.path })
      .from(reviewFlags)
      .innerJoin(agencies, eq(agencies.id, reviewFlags.agencyId))
      .where(eq(reviewFlags.id, id));
    if (!row) throw new AppError("NOT_FOUND", "复核标记不存在");
    requirePermission(actor, "power.manage", row.path);
    if (row.flag.clearedAt) throw new AppError("CONFLICT", "该标记已复核完毕");
    const [cleared] = await tx
      .update(reviewFlags)
      .set({ clearedAt: ctx.now(), clearedBy: actor.userId, clearNote: note })
      .where(and(eq(reviewFlags.id, id), isNull(reviewFlags.clearedAt)))
      .returning();
    if (!cleared) throw new AppError("CONFLICT", "该标记已复核完毕");
    await appendEntry(tx, {
      agencyId: cleared.agencyId,
      actorId: actor.userId,
      type: "review.cleared",
      payload: { id, targetKind: cleared.targetKind, targetId: cleared.targetId, note },
      at: ctx.now(),
    });
    return cleared;
  });
}
