import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import type { ReviewStatus } from "./find-review.ts";

/** L3: the approver's reason for extending a review deadline. */
export const extendReviewInput = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export type ExtendReviewInput = z.input<typeof extendReviewInput>;

/**
 * L3: the review deadline in force. The submission's own deadline is never changed (append-only);
 * an approved extension (review_deadline_extensions) carries the new one.
 */
export const dueInForce = (
  review: { dueOn: string },
  extension: { dueOn: string } | null | undefined,
): string => extension?.dueOn ?? review.dueOn;

/**
 * L3 ("7 working days, +3 with approval"): may this submission's deadline be extended today? Only a
 * pending submission (no opinion yet), only once, only where the agency's `review.extensionWorkdays`
 * setting is above 0, and only while the deadline runs (an extension is approved before the
 * deadline, not after it has passed; the due day itself still counts). Returns the refusal, if any:
 * the use case throws it, the review page offers the action when there is none.
 */
export function extensionRefusal(x: {
  status: ReviewStatus;
  extended: boolean;
  dueOn: string;
  today: string;
  days: number;
}): AppError | undefined {
  if (x.status !== "pending")
    return new AppError("LEGAL_REVIEW_STATE", "该次提交已出具审核意见，不能再延长审核期限（L3）");
  if (x.extended)
    return new AppError("REVIEW_EXTENSION_USED", "该次提交的审核期限已经批准延长一次，不能再次延长（L3）");
  if (x.days <= 0)
    return new AppError(
      "REVIEW_EXTENSION_NOT_ALLOWED",
      "本机关的设置（法制审核延长期限为 0 个工作日）不允许延长审核期限（L3）",
    );
  if (x.today > x.dueOn)
    return new AppError(
      "REVIEW_EXTENSION_LATE",
      `审核期限已于 ${x.dueOn} 届满；延长审核期限须在期限届满前批准，期限届满后不能再延长（L3）`,
    );
  return undefined;
}
