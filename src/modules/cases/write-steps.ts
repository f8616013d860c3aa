import { sql } from "drizzle-orm";
import { type Executor, preparedStatement } from "../../db/client.ts";
import { coalesce } from "../../db/coalesce.ts";
import { appendEntryCtes, type EntryColumns } from "../ledger/append-entry.ts";

/** A step to write: the case's move (from `version`), the step row and its ledger entry. */
export type StepRow = {
  case_id: string;
  /** The version the step was checked against: the case moves only if it still has it. */
  version: number;
  to_state: string;
  number: string | null;
  procedure: string;
  event_id: string;
  event: string;
  from_state: string;
  on_date: string;
  data: unknown;
  /** The entry's agency, actor, case and time are the step's. */
} & Omit<EntryColumns, "case_id">;

/** A deadline row the step writes (opened or closed). */
export type DeadlineRow = { id: string; kind: string; status: string; due_on: string };

export type StepWrite = { row: StepRow; deadlines: DeadlineRow[] };

const rowsOf = sql.placeholder("rows");
const deadlinesOf = sql.placeholder("deadlines");

/**
 * Steps' writes in one statement: each case moves only if it still has the version its step was
 * checked against (else nothing of that step is written: 409); its step row, deadline rows and
 * ledger entry are inserted from the UPDATE's result, so they exist only if it moved. The rows
 * come as JSON (one parameter, the same on both engines), sorted by case id (the entries are
 * appended in that order). Two batches that lock the same cases in another order deadlock: the
 * server fails one of them, and its steps are run again one by one (coalesce.ts), so each still
 * gets its own answer.
 */
const write = preparedStatement(
  "guifan_case_steps",
  () => sql`
    WITH i AS (
      SELECT * FROM json_to_recordset(${rowsOf}::json) AS x(
        case_id uuid, version integer, to_state text, number text, procedure text, event_id uuid,
        event text, from_state text, on_date date, data jsonb,
        agency_id uuid, at timestamptz, actor_id uuid, event_type text, payload text)),
    u AS (
      UPDATE cases c
         SET state = i.to_state, version = i.version + 1, number = i.number, updated_at = i.at,
             procedure = i.procedure
        FROM i
       WHERE c.id = i.case_id AND c.version = i.version
         -- Through the index whatever the planner thinks of the JSON's size (else a seq scan of cases).
         AND c.id = ANY (ARRAY(SELECT case_id FROM i))
      RETURNING c.id),
    e AS (
      INSERT INTO case_events (id, case_id, agency_id, seq, event, from_state, to_state, on_date, data, actor_id, at)
      SELECT i.event_id, i.case_id, i.agency_id, i.version + 1, i.event, i.from_state, i.to_state, i.on_date,
             i.data, i.actor_id, i.at
        FROM i JOIN u ON u.id = i.case_id
      RETURNING id, case_id, seq, at),
    d AS (
      INSERT INTO case_deadlines (id, case_id, event_id, seq, at, kind, status, due_on)
      SELECT x.id, e.case_id, e.id, e.seq, e.at, x.kind, x.status, x.due_on
        FROM json_to_recordset(${deadlinesOf}::json) AS x(case_id uuid, id uuid, kind text, status text, due_on date)
        JOIN e ON e.case_id = x.case_id),
    ${appendEntryCtes(
      sql`SELECT i.agency_id, i.at, i.actor_id, i.case_id, i.event_type, i.payload FROM i JOIN e ON e.case_id = i.case_id ORDER BY i.case_id`,
    )}
    SELECT case_id FROM e`,
);

/** Writes steps of distinct cases in one statement (one transaction); whether each case moved. */
export async function writeSteps(ex: Executor, steps: StepWrite[]): Promise<boolean[]> {
  if (new Set(steps.map((s) => s.row.case_id)).size !== steps.length)
    throw new Error("writeSteps: two steps of one case in one statement");
  const sorted = [...steps].sort((a, b) => (a.row.case_id < b.row.case_id ? -1 : 1));
  const moved = await write<{ case_id: string }>(ex, {
    rows: JSON.stringify(sorted.map((s) => s.row)),
    deadlines: JSON.stringify(
      sorted.flatMap((s) => s.deadlines.map((d) => ({ ...d, case_id: s.row.case_id }))),
    ),
  });
  const ids = new Set(moved.map((m) => m.case_id));
  return steps.map((s) => ids.has(s.row.case_id));
}

const writers = new WeakMap<object, (s: StepWrite) => Promise<boolean>>();

/**
 * The step writer of a database handle (`ctx.db`, not a transaction): steps of different cases
 * that arrive while others are being written go together in one statement (coalesce.ts); two
 * steps of one case never do.
 */
export function stepWriterOf(db: Executor): (s: StepWrite) => Promise<boolean> {
  let writer = writers.get(db);
  if (!writer) {
    writer = coalesce((steps: StepWrite[]) => writeSteps(db, steps), {
      maxInFlight: 2,
      maxBatch: 64,
      key: (s) => s.row.case_id,
    });
    writers.set(db, writer);
  }
  return writer;
}
