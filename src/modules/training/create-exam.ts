import type { AppContext } from "../../context.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { findPlanFor } from "./find-plan.ts";
import { requireInPlanYear, requireNotWithdrawn } from "./revisions.ts";
import { trainingExams } from "./schema.ts";
import type { CreateExamInput } from "./training.ts";

/** An exam of a plan; the pass mark defaults to the setting training.examPassMark (O2). */
export async function createExam(ctx: AppContext, actor: Principal, planId: string, input: CreateExamInput) {
  return ctx.db.transaction(async (tx) => {
    const { plan, agency } = await findPlanFor(tx, actor, planId, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireInPlanYear(plan, input.heldOn, "考试日期");
    const passMark = input.passMark ?? (await getNumberSetting(tx, agency.id, "training.examPassMark"));
    const now = ctx.now();
    const [row] = await tx
      .insert(trainingExams)
      .values({ id: newId(), planId, title: input.title, heldOn: input.heldOn, passMark, createdAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.exam_created",
      payload: { planId, examId: row!.id, passMark, heldOn: input.heldOn },
      at: now,
    });
    return row!;
  });
}
