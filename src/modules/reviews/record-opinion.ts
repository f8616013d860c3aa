import { desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findCase } from "../cases/find-case.ts";
import { everOfficerIds } from "../cases/officers-of-case.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findReview } from "./find-review.ts";
import { type CheckItem, type ChecklistItem, checklist } from "./machine-checks.ts";
import { type RecordOpinionInput, recordOpinionInput } from "./review-input.ts";
import { legalReviewOpinions, legalReviews } from "./schema.ts";

/**
 * L2: the assigned reviewer confirms or overrides every item of the checklist (an override needs a
 * comment) and gives the written opinion: 同意 (every item in order) or 存在问题 (naming the items),
 * which returns the case to the team for correction and resubmission.
 */
export async function recordOpinion(
  ctx: AppContext,
  actor: Principal,
  reviewId: string,
  raw: RecordOpinionInput,
) {
  const input = recordOpinionInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const r = await findReview(tx, reviewId);
    const loaded = await findCase(tx, actor, r.review.caseId);
    requirePermission(actor, "review.decide", loaded.agency.path);
    if (r.review.reviewerId !== actor.userId)
      throw new AppError("FORBIDDEN_AGENCY", "只有指定的审核人员可以出具审核意见");
    // P10 / C2: nor one who was an officer of the case before a change of officers.
    if (loaded.officerIds.includes(actor.userId) || everOfficerIds(loaded.events).includes(actor.userId))
      throw new AppError("REVIEWER_NOT_ELIGIBLE", "本案办案人员不得审核本案（P10）");
    if (r.status !== "pending") throw new AppError("LEGAL_REVIEW_STATE", "该次提交已出具审核意见");
    const [newest] = await tx
      .select({ id: legalReviews.id })
      .from(legalReviews)
      .where(eq(legalReviews.caseId, r.review.caseId))
      .orderBy(desc(legalReviews.round))
      .limit(1);
    if (newest?.id !== r.review.id)
      throw new AppError("LEGAL_REVIEW_STATE", "该案已有新的提交，请审核最新一次提交");
    const machine = r.review.checks as unknown as CheckItem[];
    const codes = Object.keys(checklist) as ChecklistItem[];
    const given = new Map(input.items.map((i) => [i.item, i]));
    const errors: { path: string; message: string }[] = [];
    for (const code of codes) {
      const i = given.get(code);
      if (!i) {
        errors.push({ path: `items.${code}`, message: `未审查「${checklist[code]}」` });
        continue;
      }
      const m = machine.find((x) => x.item === code);
      if (m && m.ok !== null && m.ok !== i.ok && !i.comment)
        errors.push({ path: `items.${code}`, message: `改变系统核查结论「${checklist[code]}」须说明理由` });
      if (!i.ok && !i.comment)
        errors.push({ path: `items.${code}`, message: `「${checklist[code]}」存在问题，须写明问题` });
    }
    if (errors.length)
      throw new AppError(
        "VALIDATION_FAILED",
        `审核清单不完整：${errors.map((e) => e.message).join("；")}`,
        errors,
      );
    const problems = codes.filter((c) => !given.get(c)!.ok);
    if (input.opinion === "agree" && problems.length)
      throw new AppError(
        "VALIDATION_FAILED",
        `审核清单中「${problems.map((c) => checklist[c]).join("、")}」存在问题，审核意见不能为“同意”（L2）`,
      );
    if (input.opinion === "problems" && !problems.length)
      throw new AppError("VALIDATION_FAILED", "审核意见为“存在问题”的，须在审核清单中标明问题事项（L2）");
    const now = ctx.now();
    const items = codes.map((c) => {
      const i = given.get(c)!;
      const m = machine.find((x) => x.item === c);
      return { item: c, machineOk: m ? m.ok : null, ok: i.ok, comment: i.comment };
    });
    const row = {
      id: newId(),
      reviewId,
      opinion: input.opinion,
      items,
      comment: input.comment,
      reviewerId: actor.userId,
      at: now,
    };
    await tx.insert(legalReviewOpinions).values(row);
    await appendEntry(tx, {
      agencyId: r.review.agencyId,
      actorId: actor.userId,
      caseId: r.review.caseId,
      type: "review.opinion",
      payload: { reviewId, round: r.review.round, opinion: input.opinion, problems, comment: input.comment },
      at: now,
    });
    return { ...row, status: input.opinion === "agree" ? "passed" : "returned" };
  });
}
