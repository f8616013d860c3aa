import { and, eq, isNull, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Tx } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPlanFor } from "./find-plan.ts";
import { findExamFor, findSessionFor, recordRevision, requireNotWithdrawn } from "./revisions.ts";
import { trainingExams, trainingPlans, trainingSessions } from "./schema.ts";
import { type TrainingTargetKind, trainingTargetKinds, type WithdrawInput } from "./training.ts";

const tables = { plan: trainingPlans, session: trainingSessions, exam: trainingExams } as const;

async function markWithdrawn(
  tx: Tx,
  kind: TrainingTargetKind,
  id: string,
  version: number | undefined,
  reason: string,
  actorId: string,
  at: Date,
) {
  const table = tables[kind];
  const [row] = await tx
    .update(table)
    .set({ withdrawnAt: at, withdrawnReason: reason, version: sql`${table.version} + 1` })
    .where(
      and(
        eq(table.id, id),
        isNull(table.withdrawnAt),
        version === undefined ? undefined : eq(table.version, version),
      ),
    )
    .returning();
  if (!row) throw new AppError("CONFLICT");
  await recordRevision(tx, { kind, row, action: "withdrawn", reason, actorId, at });
  return row;
}

/**
 * Withdraws (撤销) a plan, a session or an exam: it stays on record, marked withdrawn with the
 * reason, and its hours and results no longer count. Withdrawing a plan withdraws its sessions
 * and exams too. Nothing is deleted.
 */
export async function withdrawTraining(
  ctx: AppContext,
  actor: Principal,
  kind: TrainingTargetKind,
  id: string,
  input: WithdrawInput,
) {
  return ctx.db.transaction(async (tx) => {
    let found: Awaited<ReturnType<typeof findPlanFor>>;
    if (kind === "session") {
      const f = await findSessionFor(tx, actor, id, "training.manage");
      requireNotWithdrawn(f.session, "培训课程");
      found = f;
    } else if (kind === "exam") {
      const f = await findExamFor(tx, actor, id, "training.manage");
      requireNotWithdrawn(f.exam, "考试");
      found = f;
    } else {
      found = await findPlanFor(tx, actor, id, "training.manage");
    }
    requireNotWithdrawn(found.plan, "培训计划");
    const now = ctx.now();
    await markWithdrawn(tx, kind, id, input.version, input.reason, actor.userId, now);
    const cascaded: string[] = [];
    if (kind === "plan") {
      const reason = `随培训计划撤销：${input.reason}`;
      for (const child of ["session", "exam"] as const) {
        const table = tables[child];
        const rows = await tx
          .select({ id: table.id })
          .from(table)
          .where(and(eq(table.planId, id), isNull(table.withdrawnAt)));
        for (const r of rows) {
          await markWithdrawn(tx, child, r.id, undefined, reason, actor.userId, now);
          cascaded.push(r.id);
        }
      }
    }
    await appendEntry(tx, {
      agencyId: found.agency.id,
      actorId: actor.userId,
      type: "training.withdrawn",
      payload: { kind, id, planId: found.plan.id, reason: input.reason, cascaded },
      at: now,
    });
    return { planId: found.plan.id, kind, label: trainingTargetKinds[kind] };
  });
}
