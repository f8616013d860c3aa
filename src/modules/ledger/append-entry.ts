import { type SQL, sql } from "drizzle-orm";
import pg from "pg";
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
 * The entry and its place in the queue, in one statement. On the PostgreSQL server it is a named
 * prepared statement: each connection parses and plans it once, not on every append.
 */
const APPEND = `WITH e AS (
  INSERT INTO ledger_entries (agency_id, at, actor_id, case_id, event_type, payload)
  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id)
INSERT INTO ledger_pending (entry_id) SELECT id FROM e RETURNING entry_id AS id`;

/** node-postgres under a drizzle handle (the pool, or the transaction's client); undefined on PGlite. */
const pgClient = (tx: Executor): pg.Pool | pg.Client | undefined => {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Pool || client instanceof pg.Client ? client : undefined;
};

/** An entry's column values in the order of APPEND's parameters ($1–$6). */
function entryValues(e: NewEntry) {
  const at = new Date(Math.floor(e.at.getTime())).toISOString();
  const values: [string, string, string | null, string | null, string, string] = [
    e.agencyId,
    at,
    e.actorId ?? null,
    e.caseId ?? null,
    e.type,
    canonicalJson(e.payload),
  ];
  return values;
}

/**
 * The one way to record something in the full-process record (C7). Call it with the transaction
 * of the step being recorded, so the step and its entry commit or fail together. The integrator
 * gives the entry its gapless sequence number shortly after the commit.
 */
export async function appendEntry(tx: Executor, e: NewEntry): Promise<number> {
  const values = entryValues(e);
  const client = pgClient(tx);
  if (client) {
    const result = await client.query<{ id: string }>({ name: "guifan_ledger_append", text: APPEND, values });
    return Number(result.rows[0]!.id);
  }
  const result = await tx.execute<{ id: number }>(sql`
    WITH e AS (
      INSERT INTO ledger_entries (agency_id, at, actor_id, case_id, event_type, payload)
      VALUES (${values[0]}, ${values[1]}, ${values[2]}, ${values[3]}, ${values[4]}, ${values[5]})
      RETURNING id)
    INSERT INTO ledger_pending (entry_id) SELECT id FROM e RETURNING entry_id AS id`);
  return Number((result as unknown as { rows: { id: number }[] }).rows[0]!.id);
}

/**
 * The entry as CTEs of a larger statement built once (`preparedStatement`; `WITH …,
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
  const [agency, at, actor, caseId, type, payload] = entryValues(e);
  return {
    ledger_agency: agency,
    ledger_at: at,
    ledger_actor: actor,
    ledger_case: caseId,
    ledger_type: type,
    ledger_payload: payload,
  };
}
