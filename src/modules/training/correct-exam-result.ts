import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { appendCorrection } from "./corrections.ts";
import { findExamFor, requireNotWithdrawn } from "./revisions.ts";
import type { CorrectResultInput } from "./training.ts";

/** Corrects one officer's exam result: a new row naming the row in force (results are append-only). */
export async function correctExamResult(
  ctx: AppContext,
  actor: Principal,
  examId: string,
  input: CorrectResultInput,
) {
  return ctx.db.transaction(async (tx) => {
    const { exam, plan, agency } = await findExamFor(tx, actor, examId, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(exam, "考试");
    await appendCorrection(ctx, tx, actor, "result", {
      agencyId: agency.id,
      parentId: examId,
      officerId: input.officerId,
      value: input.score,
      note: input.note,
    });
    return { planId: plan.id };
  });
}
