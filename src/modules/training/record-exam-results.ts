import { and, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPlanFor, requireOfficersUnder } from "./find-plan.ts";
import { requireNotWithdrawn } from "./revisions.ts";
import { examResults, trainingExams } from "./schema.ts";
import { type ExamResultsInput, passed } from "./training.ts";

/** Records candidates' scores (null = absent). A result once recorded is not overwritten. */
export async function recordExamResults(
  ctx: AppContext,
  actor: Principal,
  examId: string,
  input: ExamResultsInput,
) {
  return ctx.db.transaction(async (tx) => {
    const [exam] = await tx.select().from(trainingExams).where(eq(trainingExams.id, examId));
    if (!exam) throw new AppError("NOT_FOUND", "考试不存在");
    const { agency, plan } = await findPlanFor(tx, actor, exam.planId, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(exam, "考试");
    const ids = input.results.map((r) => r.officerId);
    await requireOfficersUnder(tx, agency, ids);
    const already = await tx
      .select({ id: examResults.officerId })
      .from(examResults)
      .where(and(eq(examResults.examId, examId), inArray(examResults.officerId, ids)));
    if (already.length > 0) throw new AppError("DUPLICATE", `有 ${already.length} 名人员的成绩已登记`);
    const now = ctx.now();
    await tx.insert(examResults).values(
      input.results.map((r) => ({
        id: newId(),
        examId,
        officerId: r.officerId,
        score: r.score,
        recordedAt: now,
      })),
    );
    const passCount = input.results.filter((r) => passed(r.score, exam.passMark)).length;
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.exam_results_recorded",
      payload: { examId, results: input.results, passed: passCount },
      at: now,
    });
    return { recorded: input.results.length, passed: passCount, planId: exam.planId };
  });
}
