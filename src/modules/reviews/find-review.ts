import { desc, eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { dueInForce } from "./review-deadline.ts";
import {
  legalReviewEscalations,
  legalReviewOpinions,
  legalReviews,
  reviewDeadlineExtensions,
} from "./schema.ts";

export type ReviewRow = typeof legalReviews.$inferSelect;
export type OpinionRow = typeof legalReviewOpinions.$inferSelect;

export type ReviewStatus = "pending" | "passed" | "returned" | "escalated";

/** The status of one submission: no opinion yet, agreed, problems found (returned), or escalated to P9. */
export const statusOf = (opinion: OpinionRow | undefined, escalated: boolean): ReviewStatus =>
  !opinion ? "pending" : opinion.opinion === "agree" ? "passed" : escalated ? "escalated" : "returned";

/** Submissions with their opinion, escalation and deadline extension (L3), one row each. */
const submissions = (ex: Executor) =>
  ex
    .select({
      review: legalReviews,
      opinion: legalReviewOpinions,
      escalation: legalReviewEscalations,
      extension: reviewDeadlineExtensions,
    })
    .from(legalReviews)
    .leftJoin(legalReviewOpinions, eq(legalReviewOpinions.reviewId, legalReviews.id))
    .leftJoin(legalReviewEscalations, eq(legalReviewEscalations.reviewId, legalReviews.id))
    .leftJoin(reviewDeadlineExtensions, eq(reviewDeadlineExtensions.reviewId, legalReviews.id));

type SubmissionRow = Awaited<ReturnType<typeof submissions>>[number];

/** A submission with the deadline in force (L3: extended when an extension was approved) and its status. */
const toSubmission = (row: SubmissionRow) => ({
  review: row.review,
  opinion: row.opinion ?? undefined,
  escalation: row.escalation ?? undefined,
  extension: row.extension ?? undefined,
  dueOn: dueInForce(row.review, row.extension),
  status: statusOf(row.opinion ?? undefined, row.escalation !== null),
});

/** One submission (no permission check: the caller checks the case). */
export async function findReview(ex: Executor, id: string) {
  const [row] = await submissions(ex).where(eq(legalReviews.id, id));
  if (!row) throw new AppError("NOT_FOUND", "法制审核记录不存在");
  return toSubmission(row);
}

/** The latest submission of a case (undefined: never submitted). */
export async function latestReview(ex: Executor, caseId: string) {
  const [row] = await submissions(ex)
    .where(eq(legalReviews.caseId, caseId))
    .orderBy(desc(legalReviews.round))
    .limit(1);
  return row ? toSubmission(row) : undefined;
}
