import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { mayApprove } from "../cases/case-roles.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findReview, latestReview } from "./find-review.ts";
import { caseForTeam, placeOf } from "./review-case.ts";
import { escalateInput } from "./review-input.ts";
import { legalReviewEscalations } from "./schema.ts";

/**
 * P9 / P10: the case team does not accept a "problems found" opinion; an approver of the case sends
 * the disagreement to the agency leaders' collective discussion (the decide step then needs it).
 */
export async function escalateReview(ctx: AppContext, actor: Principal, reviewId: string, raw: unknown) {
  const input = escalateInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const r = await findReview(tx, reviewId);
    const loaded = await caseForTeam(tx, actor, r.review.caseId);
    if (!mayApprove(actor, placeOf(loaded)))
      throw new AppError("FORBIDDEN_AGENCY", "审核分歧由案件审批人员提交集体讨论");
    const latest = await latestReview(tx, r.review.caseId);
    if (latest?.review.id !== r.review.id || r.status !== "returned")
      throw new AppError("LEGAL_REVIEW_STATE", "只有最新一次且审核意见为“存在问题”的提交可以提请集体讨论");
    const now = ctx.now();
    const row = {
      id: newId(),
      reviewId,
      caseId: r.review.caseId,
      reason: input.reason,
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(legalReviewEscalations).values(row);
    await appendEntry(tx, {
      agencyId: r.review.agencyId,
      actorId: actor.userId,
      caseId: r.review.caseId,
      type: "review.escalated",
      payload: { reviewId, reason: input.reason },
      at: now,
    });
    return row;
  });
}
