import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { LedgerEventType } from "./entry.ts";

export type NewEntry = {
  agencyId: string;
  actorId?: string | null;
  caseId?: string | null;
  type: LedgerEventType;
  payload: Record<string, unknown>;
  at: Date;
};

/**
 * The one way to record something in the full-process record (C7). Call it with the transaction
 * of the step being recorded, so the step and its entry commit or fail together. The integrator
 * gives the entry its gapless sequence number shortly after the commit.
 */
export async function appendEntry(tx: Executor, e: NewEntry): Promise<number> {
  const at = new Date(Math.floor(e.at.getTime()));
  const result = await tx.execute<{ id: number }>(sql`
    WITH e AS (
      INSERT INTO ledger_entries (agency_id, at, actor_id, case_id, event_type, payload)
      VALUES (${e.agencyId}, ${at.toISOString()}, ${e.actorId ?? null}, ${e.caseId ?? null}, ${e.type}, ${canonicalJson(e.payload)})
      RETURNING id, agency_id)
    INSERT INTO ledger_pending (entry_id, agency_id) SELECT id, agency_id FROM e RETURNING entry_id AS id`);
  return Number((result as unknown as { rows: { id: number }[] }).rows[0]!.id);
}
