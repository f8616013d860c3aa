import { eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { statusOf } from "./load-major.ts";
import { dueInForce } from "./review-deadline.ts";
import {
  legalReviewEscalations,
  legalReviewOpinions,
  legalReviews,
  reviewDeadlineExtensions,
} from "./schema.ts";

/**
 * One submission with its opinion, escalation, deadline extension (L3), the deadline in force and
 * its status (no permission check: the caller checks the case).
 */
export async function findReview(ex: Executor, id: string) {
  const [row] = await ex
    .select({
      review: legalReviews,
      opinion: legalReviewOpinions,
      escalation: legalReviewEscalations,
      extension: reviewDeadlineExtensions,
    })
    .from(legalReviews)
    .leftJoin(legalReviewOpinions, eq(legalReviewOpinions.reviewId, legalReviews.id))
    .leftJoin(legalReviewEscalations, eq(legalReviewEscalations.reviewId, legalReviews.id))
    .leftJoin(reviewDeadlineExtensions, eq(reviewDeadlineExtensions.reviewId, legalReviews.id))
    .where(eq(legalReviews.id, id));
  if (!row) throw new AppError("NOT_FOUND", "法制审核记录不存在");
  return {
    review: row.review,
    opinion: row.opinion ?? undefined,
    escalation: row.escalation ?? undefined,
    extension: row.extension ?? undefined,
    /** L3: the deadline in force (extended when an extension was approved). */
    dueOn: dueInForce(row.review, row.extension),
    status: statusOf(row.opinion ?? undefined, row.escalation !== null),
  };
}
