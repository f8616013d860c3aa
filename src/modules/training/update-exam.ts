import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findExamFor, recordRevision, requireNotWithdrawn } from "./revisions.ts";
import { trainingExams } from "./schema.ts";
import type { UpdateExamInput } from "./training.ts";

/** Changes an exam (title, date in the plan's year, pass mark): a new version, the earlier one kept. */
export async function updateExam(ctx: AppContext, actor: Principal, id: string, input: UpdateExamInput) {
  return ctx.db.transaction(async (tx) => {
    const { exam, plan, agency } = await findExamFor(tx, actor, id, "training.manage");
    requireNotWithdrawn(plan, "培训计划");
    requireNotWithdrawn(exam, "考试");
    const { version, reason, ...changes } = input;
    if (changes.heldOn && Number(changes.heldOn.slice(0, 4)) !== plan.year)
      throw new AppError("VALIDATION_FAILED", `考试日期须在计划年度（${plan.year} 年）内`);
    // Nothing differs: no new version (a stale version is still a conflict).
    if (!Object.entries(changes).some(([k, v]) => v !== undefined && v !== exam[k as keyof typeof exam])) {
      if (version !== exam.version) throw new AppError("CONFLICT");
      return exam;
    }
    const now = ctx.now();
    const [row] = await tx
      .update(trainingExams)
      .set({ ...changes, version: sql`${trainingExams.version} + 1` })
      .where(and(eq(trainingExams.id, id), eq(trainingExams.version, version)))
      .returning();
    if (!row) throw new AppError("CONFLICT");
    await recordRevision(tx, {
      kind: "exam",
      row,
      action: "updated",
      reason: reason ?? "",
      actorId: actor.userId,
      at: now,
    });
    await appendEntry(tx, {
      agencyId: agency.id,
      actorId: actor.userId,
      type: "training.exam_updated",
      payload: { planId: plan.id, examId: id, version: row.version, ...changes },
      at: now,
    });
    return row;
  });
}
