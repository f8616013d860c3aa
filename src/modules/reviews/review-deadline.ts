import { z } from "zod";
import { AppError } from "../../core/errors.ts";
import type { ReviewStatus } from "./load-major.ts";

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
 * pending submission (no opinion yet), only once, only while the deadline runs (an extension is
 * approved before the deadline, not after it has passed; the due day itself still counts), and only
 * where the agency's `review.extensionWorkdays` setting is above 0. Throws the refusal.
 */
export function assertExtensionAllowed(x: {
  status: ReviewStatus;
  extended: boolean;
  dueOn: string;
  today: string;
  days: number;
}): void {
  if (x.status !== "pending")
    throw new AppError("LEGAL_REVIEW_STATE", "该次提交已出具审核意见，不能再延长审核期限（L3）");
  if (x.extended)
    throw new AppError("REVIEW_EXTENSION_USED", "该次提交的审核期限已经批准延长一次，不能再次延长（L3）");
  if (x.days <= 0)
    throw new AppError(
      "REVIEW_EXTENSION_NOT_ALLOWED",
      "本机关的设置（法制审核延长期限为 0 个工作日）不允许延长审核期限（L3）",
    );
  if (x.today > x.dueOn)
    throw new AppError(
      "REVIEW_EXTENSION_LATE",
      `审核期限已于 ${x.dueOn} 届满；延长审核期限须在期限届满前批准，期限届满后不能再延长（L3）`,
    );
}
