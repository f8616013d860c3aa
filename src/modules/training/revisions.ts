import { and, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Executor, Tx } from "../../db/client.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import type { LedgerEventType } from "../ledger/entry.ts";
import { findPlanFor, type PlanRow } from "./find-plan.ts";
import { trainers, trainingExams, trainingPlans, trainingRevisions, trainingSessions } from "./schema.ts";
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

const versionedTables = { plan: trainingPlans, session: trainingSessions, exam: trainingExams } as const;

/**
 * Changes a plan, session or exam (current) as a new version (input.version must be the one in
 * force), keeps it in training_revisions and appends the ledger entry (its payload: ids, the new
 * version, the changes). Nothing differs: no new version (a stale version is still a conflict).
 */
export async function changeVersioned<R extends { id: string; version: number }>(
  ctx: AppContext,
  tx: Tx,
  actor: Principal,
  kind: TrainingTargetKind,
  current: R,
  input: { version: number; reason?: string | undefined } & Record<string, unknown>,
  e: { agencyId: string; type: LedgerEventType; ids: Record<string, string> },
): Promise<R> {
  const table = versionedTables[kind];
  const { version, reason, ...changes } = input;
  if (!Object.entries(changes).some(([k, v]) => v !== undefined && v !== current[k as keyof R])) {
    if (version !== current.version) throw new AppError("CONFLICT");
    return current;
  }
  const at = ctx.now();
  const [row] = await tx
    .update(table)
    .set({ ...changes, version: sql`${table.version} + 1` })
    .where(and(eq(table.id, current.id), eq(table.version, version)))
    .returning();
  if (!row) throw new AppError("CONFLICT");
  await recordRevision(tx, { kind, row, action: "updated", reason: reason ?? "", actorId: actor.userId, at });
  await appendEntry(tx, {
    agencyId: e.agencyId,
    actorId: actor.userId,
    type: e.type,
    payload: { ...e.ids, version: row.version, ...changes },
    at,
  });
  return row as unknown as R;
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

/** A date of a session or exam (what: 培训日期, 考试日期) lies in the plan's year; none given: no check. */
export function requireInPlanYear(plan: PlanRow, heldOn: string | undefined, what: string): void {
  if (heldOn && Number(heldOn.slice(0, 4)) !== plan.year)
    throw new AppError("VALIDATION_FAILED", `${what}须在计划年度（${plan.year} 年）内`);
}

/** The trainer chosen for a session (if any) exists and the actor may read it (training.read). */
export async function requireTrainer(
  ex: Executor,
  actor: Principal,
  trainerId: string | null | undefined,
): Promise<void> {
  if (!trainerId) return;
  const [t] = await ex
    .select({ path: agencies.path })
    .from(trainers)
    .innerJoin(agencies, eq(agencies.id, trainers.agencyId))
    .where(eq(trainers.id, trainerId));
  if (!t || !can(actor, "training.read", t.path)) throw new AppError("VALIDATION_FAILED", "所选师资不存在");
}

/** A withdrawn plan, session or exam takes no more changes or records. */
export function requireNotWithdrawn(row: { withdrawnAt: Date | null }, what: string): void {
  if (row.withdrawnAt) throw new AppError("CONFLICT", `该${what}已撤销，不能再修改或登记`);
}
