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

/**
 * An entry as CTEs of a statement built once (`preparedStatement`; `WITH …,
 * ${appendEntryCtes("x")} SELECT …`, values from `appendEntryValues`): it is appended, with its
 * place in the queue, once for each row of the statement's CTE `after`, so only when that write
 * happened. A case step writes itself and its entry in one statement (one transaction, one round
 * trip; apply-transition.ts). The CTEs are named ledger_entry and ledger_queued.
 */
export function appendEntryCtes(after: string): SQL {
  const v = (key: string) => sql.placeholder(`ledger_${key}`);
  return sql`ledger_entry AS (
    INSERT INTO ledger_entries (agency_id, at, actor_id, case_id, event_type, payload)
    SELECT ${v("agency")}::uuid, ${v("at")}::timestamptz, ${v("actor")}::uuid, ${v("case")}::uuid,
           ${v("type")}::text, ${v("payload")}::text
      FROM ${sql.raw(after)}
    RETURNING id),
  ledger_queued AS (INSERT INTO ledger_pending (entry_id) SELECT id FROM ledger_entry)`;
}

/** The placeholder values of appendEntryCtes for an entry. */
export function appendEntryValues(e: NewEntry): Record<string, unknown> {
  return {
    ledger_agency: e.agencyId,
    ledger_at: new Date(Math.floor(e.at.getTime())).toISOString(),
    ledger_actor: e.actorId ?? null,
    ledger_case: e.caseId ?? null,
    ledger_type: e.type,
    ledger_payload: canonicalJson(e.payload),
  };
}

/** The entry and its place in the queue, in one statement, prepared once per connection. */
const append = preparedStatement(
  "guifan_ledger_append",
  () => sql`WITH ${appendEntryCtes("(VALUES (1)) AS one")} SELECT id FROM ledger_entry`,
);

/**
 * The one way to record something in the full-process record (C7). Call it with the transaction
 * of the step being recorded, so the step and its entry commit or fail together (or write the
 * entry in the step's own statement: appendEntryCtes). The integrator gives the entry its gapless
 * sequence number shortly after the commit.
 */
export async function appendEntry(tx: Executor, e: NewEntry): Promise<number> {
  const [row] = await append<{ id: string | number }>(tx, appendEntryValues(e));
  return Number(row!.id);
}
