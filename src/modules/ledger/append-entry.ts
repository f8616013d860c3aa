import { type SQL, sql } from "drizzle-orm";
import { type Executor, preparedStatement } from "../../db/client.ts";
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

/** An entry's columns as ledger_entries stores them (snake case, as read with plain SQL) and as appendEntryCtes takes them. */
export type EntryColumns = {
  agency_id: string;
  /** To the millisecond (the leaf hashes the stored value). */
  at: string;
  actor_id: string | null;
  case_id: string | null;
  event_type: string;
  /** Canonical JSON (the exact bytes that are hashed). */
  payload: string;
};

export function entryColumns(e: NewEntry): EntryColumns {
  return {
    agency_id: e.agencyId,
    at: new Date(Math.floor(e.at.getTime())).toISOString(),
    actor_id: e.actorId ?? null,
    case_id: e.caseId ?? null,
    event_type: e.type,
    payload: canonicalJson(e.payload),
  };
}

/**
 * Entries as CTEs of a statement (`WITH …, ${appendEntryCtes(rows)} SELECT …`): `rows` is a SELECT
 * of EntryColumns in their order (agency_id, at, actor_id, case_id, event_type, payload), and
 * each of its rows is appended with its place in the queue. A case step writes itself and its
 * entry in one statement (only if the step's write happened: `rows` selects from it; one
 * transaction, one round trip; write-steps.ts). The CTEs are named ledger_entry and ledger_queued.
 */
export function appendEntryCtes(rows: SQL): SQL {
  return sql`ledger_entry AS (
    INSERT INTO ledger_entries (agency_id, at, actor_id, case_id, event_type, payload)
    ${rows}
    RETURNING id),
  ledger_queued AS (INSERT INTO ledger_pending (entry_id) SELECT id FROM ledger_entry)`;
}

/** The entry and its place in the queue, in one statement, prepared once per connection. */
const append = preparedStatement("guifan_ledger_append", () => {
  const v = (column: keyof EntryColumns) => sql.placeholder(column);
  return sql`WITH ${appendEntryCtes(
    sql`SELECT ${v("agency_id")}::uuid, ${v("at")}::timestamptz, ${v("actor_id")}::uuid, ${v("case_id")}::uuid,
               ${v("event_type")}::text, ${v("payload")}::text`,
  )} SELECT id FROM ledger_entry`;
});

/**
 * The one way to record something in the full-process record (C7). Call it with the transaction
 * of the step being recorded, so the step and its entry commit or fail together (or write the
 * entry in the step's own statement: appendEntryCtes). The integrator gives the entry its gapless
 * sequence number shortly after the commit.
 */
export async function appendEntry(tx: Executor, e: NewEntry): Promise<number> {
  const [row] = await append<{ id: string | number }>(tx, entryColumns(e));
  return Number(row!.id);
}
