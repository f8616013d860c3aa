import { eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Executor, Tx } from "../../db/client.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import type { Principal } from "../identity/principal.ts";
import { findPlanFor, type PlanRow } from "./find-plan.ts";
import { trainingExams, trainingRevisions, trainingSessions } from "./schema.ts";
import type { TrainingTargetKind } from "./training.ts";

export type SessionRow = typeof trainingSessions.$inferSelect;
export type ExamRow = typeof trainingExams.$inferSelect;

/** Appends the row as it is after a change to training_revisions (append-only). */
export async function recordRevision(
  tx: Tx,
  e: {
    kind: TrainingTargetKind;
    row: { id: string; version: number } & Record<string, unknown>;
    action: "updated" | "withdrawn";
    reason: string;
    actorId: string;
    at: Date;
  },
) {
  await tx.insert(trainingRevisions).values({
    id: newId(),
    targetKind: e.kind,
    targetId: e.row.id,
    version: e.row.version,
    action: e.action,
    snapshot: JSON.parse(JSON.stringify(e.row)) as Record<string, unknown>,
    reason: e.reason,
    changedBy: e.actorId,
    changedAt: e.at,
  });
}

export async function findSessionFor(
  ex: Executor,
  actor: Principal,
  id: string,
  permission: "training.read" | "training.manage",
): Promise<{ session: SessionRow; plan: PlanRow; agency: AgencyRow }> {
  const [session] = await ex.select().from(trainingSessions).where(eq(trainingSessions.id, id));
  if (!session) throw new AppError("NOT_FOUND", "培训课程不存在");
  return { session, ...(await findPlanFor(ex, actor, session.planId, permission)) };
}

export async function findExamFor(
  ex: Executor,
  actor: Principal,
  id: string,
  permission: "training.read" | "training.manage",
): Promise<{ exam: ExamRow; plan: PlanRow; agency: AgencyRow }> {
  const [exam] = await ex.select().from(trainingExams).where(eq(trainingExams.id, id));
  if (!exam) throw new AppError("NOT_FOUND", "考试不存在");
  return { exam, ...(await findPlanFor(ex, actor, exam.planId, permission)) };
}

/** A withdrawn plan, session or exam takes no more changes or records. */
export function requireNotWithdrawn(row: { withdrawnAt: Date | null }, what: string): void {
  if (row.withdrawnAt) throw new AppError("CONFLICT", `该${what}已撤销，不能再修改或登记`);
}
