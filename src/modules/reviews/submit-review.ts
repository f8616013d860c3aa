import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Executor } from "../../db/client.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import type { LoadedCase } from "../cases/find-case.ts";
import { everOfficerIds } from "../cases/officers-of-case.ts";
import type { Principal } from "../identity/principal.ts";
import { memberships, users } from "../identity/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { dateOf } from "../officers/officer.ts";
import { officerProfiles } from "../officers/schema.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { latestReview } from "./find-review.ts";
import { caseForTeam, decidableStates } from "./review-case.ts";
import {
  type ReviewMaterial,
  reviewMaterials,
  type SubmitReviewInput,
  submitReviewInput,
} from "./review-input.ts";
import { runMachineChecks } from "./run-checks.ts";
import { legalReviewOpinions, legalReviews } from "./schema.ts";

/**
 * P10: may this user review this case? A legal reviewer of the case's agency or its bureau, not one
 * of the case's officers nor the submitter, and (a first-time reviewer) holding the national legal
 * qualification (法律职业资格). Returns the refusal reason, or null.
 */
export async function reviewerRefusal(
  ex: Executor,
  loaded: LoadedCase,
  reviewerId: string,
  submitterId: string,
): Promise<string | null> {
  const [user] = await ex
    .select({ name: users.displayName, active: users.active })
    .from(users)
    .where(eq(users.id, reviewerId));
  if (!user?.active) return "审核人员不存在或已停用";
  const held = await ex
    .select({ agencyId: memberships.agencyId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, reviewerId),
        eq(memberships.role, "legal_reviewer"),
        inArray(memberships.agencyId, [loaded.agency.id, loaded.bureau.id]),
      ),
    );
  if (!held.length) return `${user.name}不是${loaded.bureau.name}（或${loaded.agency.name}）的法制审核人员`;
  // P10 / C2: nor one who was an officer of the case before a change of officers.
  if (loaded.officerIds.includes(reviewerId) || everOfficerIds(loaded.events).includes(reviewerId))
    return `${user.name}是本案办案人员，不得审核本案（P10，审核与办案相分离）`;
  if (reviewerId === submitterId) return "提交人不得审核自己提交的案件";
  const [earlier] = await ex
    .select({ id: legalReviewOpinions.id })
    .from(legalReviewOpinions)
    .where(eq(legalReviewOpinions.reviewerId, reviewerId))
    .limit(1);
  if (!earlier) {
    const [profile] = await ex
      .select({ date: officerProfiles.legalQualificationDate })
      .from(officerProfiles)
      .where(eq(officerProfiles.userId, reviewerId));
    if (!profile?.date)
      return `${user.name}初次从事法制审核，须取得国家统一法律职业资格（P10，《行政处罚法》第五十八条）`;
  }
  return null;
}

/** Materials the case's record calls for (L2 / seed 002 (三)). */
export function requiredMaterials(loaded: LoadedCase): ReviewMaterial[] {
  const out: ReviewMaterial[] = ["investigation_report", "proposal", "evidence", "legal_basis"];
  const has = (e: string) => loaded.events.some((x) => x.event === e);
  if (has("record_statement")) out.push("statement_record");
  if (has("record_hearing")) out.push("hearing_report");
  return out;
}

/**
 * P10 / L2 / L3: the case team submits the proposed decision for legal review with the required
 * materials and names the reviewer; the platform runs the machine checks of the checklist and sets
 * the review deadline (working days, calendar). A resubmission after a return is the next round.
 */
export async function submitReview(ctx: AppContext, actor: Principal, raw: SubmitReviewInput) {
  const input = submitReviewInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const loaded = await caseForTeam(tx, actor, input.caseId);
    if (!decidableStates.includes(loaded.case.state))
      throw new AppError(
        "LEGAL_REVIEW_STATE",
        "案件须调查终结（并完成告知、陈述申辩或听证）后，方可提交拟作出的决定进行法制审核",
      );
    const latest = await latestReview(tx, loaded.case.id);
    if (latest?.status === "pending")
      throw new AppError("LEGAL_REVIEW_STATE", `第 ${latest.review.round} 次提交正在审核中，不能重复提交`);
    if (latest?.status === "escalated")
      throw new AppError("LEGAL_REVIEW_STATE", "审核分歧已提交集体讨论，请按集体讨论结论办理");
    const missing = requiredMaterials(loaded).filter((m) => !input.materials.includes(m));
    if (missing.length)
      throw new AppError(
        "VALIDATION_FAILED",
        `提交法制审核的材料不全：缺少${missing.map((m) => reviewMaterials[m]).join("、")}（L2）`,
        missing.map((m) => ({ path: "materials", message: reviewMaterials[m] })),
      );
    const refusal = await reviewerRefusal(tx, loaded, input.reviewerId, actor.userId);
    if (refusal)
      throw new AppError("REVIEWER_NOT_ELIGIBLE", refusal, [{ path: "reviewerId", message: refusal }]);
    const now = ctx.now();
    const today = dateOf(now);
    const days = await getNumberSetting(tx, loaded.case.agencyId, "review.deadlineWorkdays");
    const dueOn = addWorkingDays(await loadCalendar(tx), today, days);
    const checks = await runMachineChecks(tx, loaded, input.proposal, today);
    const row = {
      id: newId(),
      caseId: loaded.case.id,
      agencyId: loaded.case.agencyId,
      round: (latest?.review.round ?? 0) + 1,
      proposal: input.proposal as Record<string, unknown>,
      materials: input.materials,
      note: input.note,
      checks: checks as unknown as Record<string, unknown>[],
      reviewerId: input.reviewerId,
      dueOn,
      submittedBy: actor.userId,
      at: now,
    };
    await tx.insert(legalReviews).values(row);
    await appendEntry(tx, {
      agencyId: loaded.case.agencyId,
      actorId: actor.userId,
      caseId: loaded.case.id,
      type: "review.submitted",
      payload: {
        reviewId: row.id,
        round: row.round,
        proposal: {
          outcome: input.proposal.outcome,
          penalty: input.proposal.penalty ?? null,
          reasons: input.proposal.reasons,
        },
        materials: row.materials,
        reviewerId: row.reviewerId,
        dueOn,
        checks: checks.map((c) => ({ item: c.item, ok: c.ok === null ? "manual" : c.ok ? "ok" : "problem" })),
      },
      at: now,
    });
    return { ...row, checks };
  });
}
