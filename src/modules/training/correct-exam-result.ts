import { and, desc, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findExamFor, requireNotWithdrawn } from "./revisions.ts";
import { examResults } from "./schema.ts";
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
    const [current] = await tx
      .select()
      .from(examResults)
      .where(
        and(
          eq(examResults.examId, examId),
          eq(examResults.officerId, input.officerId),
          sql`NOT EXISTS (SELECT 1 FROM exam_results c WHERE c.corrects_id = ${examResults.id})`,
        ),
      )
      .orderBy(desc(examResults.recordedAt))
      .limit(1);
    if (!current) throw new AppError("NOT_FOUND", "该人员没有本次考试的成绩记录");
    if (current.score === input.score) throw new AppError("VALIDATION_FAILED", "更正后的成绩与原记录相同");
    const now = ctx.now();
    await tx.insert(examResults).values({
      id: newId(),
      examId,
      officerId: input.officerId,
      score: input.score,
      recordedAt: now,
      correctsId: current.id,
      note: input.note,
    });
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.exam_result_corrected",
      payload: { examId, officerId: input.officerId, from: current.score, to: input.score, note: input.note },
      at: now,
    });
    return { planId: plan.id };
  });
}
