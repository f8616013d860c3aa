import { AppError } from "../../core/errors.ts";
import type { Penalty } from "../cases/rules/penalty.ts";
import type { StepContext } from "../cases/step-context.ts";
import { latestReview } from "./find-review.ts";
import { discussionsOf, needOf } from "./load-major.ts";
import { exceedsReviewed, type Proposal, type Reason } from "./major-decisions.ts";

const why = (reasons: Reason[]) => reasons.map((r) => `${r.text}（${r.ruleId}）`).join("；");

const decisionOf = (s: StepContext) => ({
  outcome: String(s.data.outcome),
  penalty: s.data.penalty as Penalty | undefined,
});

/** P9: an approved discussion of the case, after `since` when given. */
async function approvedDiscussion(s: StepContext, since?: Date) {
  const all = await discussionsOf(s.tx, s.case.id);
  const latest = all.find((d) => !since || d.d.at >= since);
  return latest;
}

/**
 * P10 / L1 (APL art. 58): a decision that needs legal review is refused without a submission
 * (LEGAL_REVIEW_REQUIRED), while it is under review (LEGAL_REVIEW_PENDING), when the review found
 * problems (LEGAL_REVIEW_FAILED), and when it is heavier than the proposal the review passed
 * (LEGAL_REVIEW_EXCEEDED). A disagreement escalated to collective discussion is settled by an
 * approving discussion (P9). Runs inside the decide step's transaction.
 */
export async function assertLegalReview(s: StepContext): Promise<void> {
  const decision = decisionOf(s);
  const need = await needOf(s.tx, { case: s.case, agencyPath: s.agencyPath, events: s.events }, decision);
  if (!need.review) return;
  const reasons = why(need.reasons.review);
  const latest = await latestReview(s.tx, s.case.id);
  if (!latest)
    throw new AppError(
      "LEGAL_REVIEW_REQUIRED",
      `该决定属于重大执法决定（${reasons}），未经法制审核的不得作出决定（P10，《行政处罚法》第五十八条）`,
      need.reasons.review.map((r) => ({ message: `rule ${r.ruleId}: ${r.text}` })),
    );
  if (latest.status === "pending")
    throw new AppError(
      "LEGAL_REVIEW_PENDING",
      `法制审核（第 ${latest.review.round} 次提交）尚未出具审核意见，审核期限至 ${latest.dueOn}；审核完成前不得作出决定（P10）`,
    );
  if (latest.status === "returned")
    throw new AppError(
      "LEGAL_REVIEW_FAILED",
      `法制审核意见为“存在问题”：${latest.opinion?.comment ?? ""}；审核未通过的不得作出决定，请改正后重新提交（P10）`,
    );
  if (latest.status === "escalated") {
    const d = await approvedDiscussion(s, latest.escalation!.at);
    if (!d)
      throw new AppError(
        "COLLECTIVE_DISCUSSION_REQUIRED",
        "办案机构对法制审核意见有异议，已提交集体讨论；集体讨论决定前不得作出决定（P9、P10）",
      );
    if (!d.d.approved)
      throw new AppError(
        "LEGAL_REVIEW_FAILED",
        `集体讨论（${d.heldOn}）未同意拟作出的决定：${d.d.conclusion}（P9、P10）`,
      );
  }
  const over = exceedsReviewed(latest.review.proposal as Proposal, decision);
  if (over.length)
    throw new AppError(
      "LEGAL_REVIEW_EXCEEDED",
      `决定与经法制审核的拟处理意见不一致（${over.join("、")}）；变更的应重新提交法制审核（P10）`,
    );
}

/**
 * P9 (APL art. 57): a decision the L1 list sends to collective discussion, or whose legal review
 * was disputed and escalated, is refused until the agency's leaders have discussed it and agreed.
 */
export async function assertCollectiveDiscussion(s: StepContext): Promise<void> {
  const decision = decisionOf(s);
  const need = await needOf(s.tx, { case: s.case, agencyPath: s.agencyPath, events: s.events }, decision);
  const latest = await latestReview(s.tx, s.case.id);
  const escalated = latest?.status === "escalated";
  if (!need.discussion && !escalated) return;
  const reasons = [...need.reasons.discussion.map((r) => `${r.text}（${r.ruleId}）`)];
  if (escalated) reasons.push("对法制审核意见有异议，已提交集体讨论");
  const d = await approvedDiscussion(s, escalated ? latest!.escalation!.at : undefined);
  if (!d)
    throw new AppError(
      "COLLECTIVE_DISCUSSION_REQUIRED",
      `该决定须经行政机关负责人集体讨论决定（${reasons.join("；")}），尚无集体讨论记录（P9，《行政处罚法》第五十七条）`,
    );
  if (!d.d.approved)
    throw new AppError(
      "COLLECTIVE_DISCUSSION_REQUIRED",
      `集体讨论（${d.heldOn}）未同意拟作出的决定：${d.d.conclusion}（P9）`,
    );
}
