import { and, eq, max } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Executor } from "../../db/client.ts";
import { can, type Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import type { LedgerEventType } from "../ledger/entry.ts";
import { type ComplaintState, type ComplaintStep, complaintSteps } from "./complaint.ts";
import type { ComplaintRow, LoadedComplaint } from "./find-complaint.ts";
import { complaintEvents, complaints } from "./schema.ts";

/** The checks of a staff step from the table in complaint.ts: state, permission at the right unit, version. */
export function checkStep(actor: Principal, l: LoadedComplaint, step: ComplaintStep, version: number): void {
  const s = complaintSteps[step];
  const c = l.complaint;
  if (!(s.from as readonly string[]).includes(c.state))
    throw new AppError("TRANSITION_NOT_ALLOWED", `投诉举报当前状态下不能${s.label}`);
  // Accepting a complaint still at the receiving unit is done by that unit itself.
  const unit = s.at === "pending" && l.pending ? l.pending : l.agency;
  if (!can(actor, s.permission, unit.path)) throw new AppError("FORBIDDEN_AGENCY");
  if (c.version !== version) throw new AppError("CONFLICT");
}

/**
 * Writes one step: the event row (append-only), the new current row (optimistic version check)
 * and the ledger entry, all with the caller's transaction.
 */
export async function writeStep(
  tx: Executor,
  c: ComplaintRow,
  s: {
    event: string;
    ledger: LedgerEventType;
    to: ComplaintState;
    data: Record<string, unknown>;
    patch?: Partial<typeof complaints.$inferInsert>;
    actorId: string | null;
    at: Date;
    caseId?: string | null;
  },
): Promise<ComplaintRow> {
  const [last] = await tx
    .select({ seq: max(complaintEvents.seq) })
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, c.id));
  const seq = (last?.seq ?? 0) + 1;
  const [row] = await tx
    .update(complaints)
    .set({ ...s.patch, state: s.to, version: c.version + 1, updatedAt: s.at })
    .where(and(eq(complaints.id, c.id), eq(complaints.version, c.version)))
    .returning();
  if (!row) throw new AppError("CONFLICT");
  const eventId = newId();
  await tx.insert(complaintEvents).values({
    id: eventId,
    complaintId: c.id,
    agencyId: row.agencyId,
    seq,
    event: s.event,
    fromState: c.state,
    toState: s.to,
    data: s.data,
    actorId: s.actorId,
    at: s.at,
  });
  await appendEntry(tx, {
    agencyId: row.agencyId,
    actorId: s.actorId,
    caseId: s.caseId ?? row.caseId,
    type: s.ledger,
    payload: {
      complaintId: c.id,
      trackingCode: c.trackingCode,
      eventId,
      seq,
      from: c.state,
      to: s.to,
      ...s.data,
    },
    at: s.at,
  });
  return row;
}
