import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { changeVersioned, findExamFor, requireInPlanYear, requireNotWithdrawn } from "./revisions.ts";
import type { UpdateExamInput } from "./training.ts";

/** Changes an exam (title, date in the plan's year, pass mark): a new version, the earlier one kept. */
export async function updateExam(ctx: AppContext, actor: Principal, id: string, input: UpdateExamInput) {
  return ctx.db.transaction(async (tx) => {
    const { exam, plan, agency } = await findExamFor(tx, actor, id, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(exam, "考试");
    requireInPlanYear(plan, input.heldOn, "考试日期");
    return changeVersioned(ctx, tx, actor, "exam", exam, input, {
      agencyId: agency.id,
      type: "training.exam_updated",
      ids: { planId: plan.id, examId: id },
    });
  });
}
