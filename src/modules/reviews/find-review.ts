import { eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { statusOf } from "./load-major.ts";
import { legalReviewEscalations, legalReviewOpinions, legalReviews } from "./schema.ts";

/** One submission with its opinion, escalation and status (no permission check: the caller checks the case). */
export async function findReview(ex: Executor, id: string) {
  const [row] = await ex
    .select({ review: legalReviews, opinion: legalReviewOpinions, escalation: legalReviewEscalations })
    .from(legalReviews)
    .leftJoin(legalReviewOpinions, eq(legalReviewOpinions.reviewId, legalReviews.id))
    .leftJoin(legalReviewEscalations, eq(legalReviewEscalations.reviewId, legalReviews.id))
    .where(eq(legalReviews.id, id));
  if (!row) throw new AppError("NOT_FOUND", "法制审核记录不存在");
  return {
    review: row.review,
    opinion: row.opinion ?? undefined,
    escalation: row.escalation ?? undefined,
    status: statusOf(row.opinion ?? undefined, row.escalation !== null),
  };
}
