import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { caseRolesOf } from "../cases/case-roles.ts";
import { findCase, type LoadedCase } from "../cases/find-case.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { findReview } from "./find-review.ts";
import { placeOf } from "./review-case.ts";
import { type ExtendReviewInput, extendReviewInput, extensionRefusal } from "./review-deadline.ts";
import { reviewDeadlineExtensions } from "./schema.ts";

/**
 * L3 ("+3 with approval"): who approves an extension of a review deadline. The head of the
 * administrative organ (机关负责人, role agency_leader) of the agency handling the case or of its
 * bureau: the legal office works under him, and he approves the case's decision (APL art. 57), as
 * local review rules put it (情况复杂的，经本机关负责人批准，可以延长). Not a squad leader (he
 * approves his squad's steps, not the legal office's time), nor the legal reviewer (no one extends
 * his own deadline). The route asks for case.approve, which every agency leader holds.
 */
export const mayApproveExtension = (actor: Principal, loaded: LoadedCase): boolean =>
  caseRolesOf(actor, placeOf(loaded)).includes("agency_leader");

/**
 * L3: the approver extends a pending review's deadline once, by the agency's
 * `review.extensionWorkdays` working days counted from the deadline in force (calendar; D4: a year
 * not loaded is refused), with a reason. The extension is a new row (append-only) and a ledger entry.
 */
export async function extendReview(
  ctx: AppContext,
  actor: Principal,
  reviewId: string,
  raw: ExtendReviewInput,
) {
  const input = extendReviewInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const r = await findReview(tx, reviewId);
    const loaded = await findCase(tx, actor, r.review.caseId);
    if (!mayApproveExtension(actor, loaded))
      throw new AppError("CASE_ROLE_REQUIRED", "延长法制审核期限须经本机关负责人批准（L3）");
    const now = ctx.now();
    const today = dateOf(now);
    const days = await getNumberSetting(tx, r.review.agencyId, "review.extensionWorkdays");
    const refused = extensionRefusal({
      status: r.status,
      extended: !!r.extension,
      dueOn: r.dueOn,
      today,
      days,
    });
    if (refused) throw refused;
    const dueOn = addWorkingDays(await loadCalendar(tx), r.dueOn, days);
    const row = {
      id: newId(),
      reviewId,
      caseId: r.review.caseId,
      agencyId: r.review.agencyId,
      days,
      previousDueOn: r.dueOn,
      dueOn,
      reason: input.reason,
      approverId: actor.userId,
      at: now,
    };
    await tx.insert(reviewDeadlineExtensions).values(row);
    await appendEntry(tx, {
      agencyId: r.review.agencyId,
      actorId: actor.userId,
      caseId: r.review.caseId,
      type: "review.extended",
      payload: {
        reviewId,
        round: r.review.round,
        days,
        previousDueOn: r.dueOn,
        dueOn,
        reason: input.reason,
      },
      at: now,
    });
    return {
      reviewId,
      deadline: dueOn,
      previousDeadline: r.dueOn,
      extendedBy: days,
      reason: input.reason,
      at: now,
    };
  });
}
