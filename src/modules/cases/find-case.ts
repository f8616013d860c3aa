import { eq, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { managingBureau } from "../officers/find-officer.ts";
import type { CaseEventRow, CaseRow } from "./guards.ts";
import { type caseDeadlines, cases } from "./schema.ts";

export type LoadedCase = {
  case: CaseRow;
  agency: AgencyRow;
  /** The bureau in whose name the case is decided and numbered (a squad's bureau; else the agency). */
  bureau: AgencyRow;
  officerIds: string[];
  events: CaseEventRow[];
  /** Latest row per deadline kind. */
  deadlines: (typeof caseDeadlines.$inferSelect)[];
};

/** Loads a case the actor may read (case.read: its agency and the agencies above it). */
export async function findCase(ex: Executor, actor: Principal, id: string): Promise<LoadedCase> {
  const [found] = await ex
    .select({ row: cases, agency: agencies })
    .from(cases)
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(eq(cases.id, id));
  if (!found) throw new AppError("NOT_FOUND", "案件不存在");
  const { row, agency } = found;
  requirePermission(actor, "case.read", agency.path);
  const bureau = agency.kind === "squad" ? await managingBureau(ex, agency) : agency;
  // The case's officers, steps and deadlines in force in one round trip (every step loads them).
  const result = await ex.execute(sql`
    SELECT
      (SELECT coalesce(json_agg(o.user_id ORDER BY o.added_at), '[]'::json)
         FROM case_officers o WHERE o.case_id = ${id}) AS officers,
      (SELECT coalesce(json_agg(e ORDER BY e.seq), '[]'::json)
         FROM case_events e WHERE e.case_id = ${id}) AS events,
      (SELECT coalesce(json_agg(d), '[]'::json) FROM (
         SELECT DISTINCT ON (kind) * FROM case_deadlines WHERE case_id = ${id} ORDER BY kind, seq DESC) d) AS deadlines`);
  const [agg] = (result as unknown as { rows: AggregateRow[] }).rows;
  const officerIds = parseJson<string[]>(agg!.officers);
  const events = parseJson<RawEvent[]>(agg!.events).map(toEvent);
  const deadlines = parseJson<RawDeadline[]>(agg!.deadlines)
    .map(toDeadline)
    .sort((x, y) => y.seq - x.seq);
  return {
    case: row,
    agency,
    bureau,
    officerIds,
    events,
    deadlines,
  };
}

type AggregateRow = { officers: unknown; events: unknown; deadlines: unknown };
type RawEvent = {
  id: string;
  case_id: string;
  agency_id: string;
  seq: number;
  event: string;
  from_state: string | null;
  to_state: string;
  on_date: string;
  data: Record<string, unknown>;
  actor_id: string;
  at: string;
};
type RawDeadline = {
  id: string;
  case_id: string;
  kind: string;
  status: string;
  due_on: string;
  event_id: string;
  seq: number;
  at: string;
};

/** node-postgres parses json columns; PGlite may hand back text. */
const parseJson = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;

const toEvent = (e: RawEvent): CaseEventRow => ({
  id: e.id,
  caseId: e.case_id,
  agencyId: e.agency_id,
  seq: e.seq,
  event: e.event,
  fromState: e.from_state,
  toState: e.to_state,
  onDate: e.on_date,
  data: e.data,
  actorId: e.actor_id,
  at: new Date(e.at),
});

const toDeadline = (d: RawDeadline): typeof caseDeadlines.$inferSelect => ({
  id: d.id,
  caseId: d.case_id,
  kind: d.kind,
  status: d.status,
  dueOn: d.due_on,
  eventId: d.event_id,
  seq: d.seq,
  at: new Date(d.at),
});
