import { desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { citedArticles } from "../powers/get-power-item.ts";
import { reviewFlags } from "../powers/schema.ts";
import { requireReadPower } from "../powers/scope.ts";
import { findViolation } from "./find-violation.ts";
import { violationVersions } from "./schema.ts";

/** A violation with its cited provisions, version history and review flags. */
export async function getViolation(ctx: AppContext, actor: Principal, id: string) {
  const v = await findViolation(ctx.db, id);
  requireReadPower(actor, v.agencyPath);
  const [violated, penalty, versions, flags] = await Promise.all([
    citedArticles(ctx, v.violatedArticleIds),
    citedArticles(ctx, v.penaltyArticleIds),
    ctx.db
      .select()
      .from(violationVersions)
      .where(eq(violationVersions.violationId, id))
      .orderBy(desc(violationVersions.version)),
    ctx.db
      .select()
      .from(reviewFlags)
      .where(eq(reviewFlags.targetId, id))
      .orderBy(desc(reviewFlags.createdAt)),
  ]);
  return { ...v, violatedArticles: violated, penaltyArticles: penalty, versions, flags };
}
