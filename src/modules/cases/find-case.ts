import { getTableColumns, type SQL, sql, type Table } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import { type Executor, preparedStatement } from "../../db/client.ts";
import { coalesce } from "../../db/coalesce.ts";
import { ReferenceCache, referenceVersionSql } from "../../db/reference-cache.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import {
  type EffectiveRecordingList,
  effectiveFromVersions,
  readRecordingVersions,
} from "../evidence/effective-recording-list.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { type OfficerRow, readOfficerRows } from "../officers/may-enforce.ts";
import type { CaseEventRow, CaseRow } from "./guards.ts";
import { currentOfficerIds, everOfficerIds, officerChangeEvent } from "./officers-of-case.ts";
import { type caseDeadlines, cases } from "./schema.ts";

export type LoadedCase = {
  case: CaseRow;
  agency: AgencyRow;
  /** The bureau in whose name the case is decided and numbered (a squad's bureau; else the agency). */
  bureau: AgencyRow;
  officerIds: string[];
  /** The case's steps in order: all, or with `opts.lastStepOnly` the last one and the changes of officers. */
  events: CaseEventRow[];
  /** Latest row per deadline kind. */
  deadlines: (typeof caseDeadlines.$inferSelect)[];
  /** C2: the officer rows of everyone who has been on the case (when asked for: `opts.officerRows`). */
  officerRows?: OfficerRow[];
  /** L5: the audio-video list in force for the case's agency (when asked for: `opts.recordingList`). */
  recordingList?: EffectiveRecordingList;
};

/**
 * What a case step needs (see applyTransition): the C2 officer rows, the L5 list (both reference
 * data, taken from `cache` when it holds them at the version read with the case, else read and
 * cached), and whether the step's checks need only the last step and the changes of officers (the
 * officers in force) rather than all the steps.
 */
export type FindCaseWith = {
  officerRows?: boolean;
  recordingList?: boolean;
  lastStepOnly?: boolean;
  cache?: ReferenceCache;
  /** Read together with the cases of other steps arriving meanwhile (only outside a transaction). */
  coalesced?: boolean;
};

/** The event of a change of officers as a literal, so that the planner can use the partial index on it. */
const officerChangeLiteral = sql.raw(`'${officerChangeEvent}'`);

/** The cases' ids, as a JSON array. */
const ids = sql.placeholder("ids");

/** The cases' query, with all their steps or (lastStepOnly) the last one and the changes of officers. */
function findCasesSql(lastStepOnly: boolean): SQL {
  // The case's steps: all of them, or the last one and the changes of officers before it, each
  // through an index (the partial one holds only the changes), whatever the case's length.
  const steps = lastStepOnly
    ? sql`(SELECT * FROM case_events l WHERE l.case_id = c.id ORDER BY l.seq DESC LIMIT 1)
      UNION ALL
      SELECT * FROM case_events o
       WHERE o.case_id = c.id AND o.event = ${officerChangeLiteral}
         AND o.seq < (SELECT max(m.seq) FROM case_events m WHERE m.case_id = c.id)`
    : sql`SELECT * FROM case_events e WHERE e.case_id = c.id`;
  return sql`
    SELECT c.id, to_jsonb(c) AS row, to_jsonb(a) AS agency, to_jsonb(b) AS squad_bureau,
      (SELECT coalesce(json_agg(o.user_id ORDER BY o.added_at), '[]'::json)
         FROM case_officers o WHERE o.case_id = c.id) AS officers,
      (SELECT coalesce(json_agg(e ORDER BY e.seq), '[]'::json) FROM (${steps}) e) AS events,
      (SELECT coalesce(json_agg(d), '[]'::json) FROM (
         SELECT DISTINCT ON (kind) * FROM case_deadlines WHERE case_id = c.id ORDER BY kind, seq DESC) d) AS deadlines,
      ${sql.raw(referenceVersionSql)} AS reference_version
      FROM cases c
      JOIN agencies a ON a.id = c.agency_id
      -- A squad acts in the name of the nearest bureau above it (as managingBureau in find-officer.ts).
      LEFT JOIN LATERAL (
        SELECT x.* FROM agencies x
         WHERE a.kind = 'squad' AND x.id = ANY (array_remove(string_to_array(a.path, '/'), '')::uuid[])
           AND x.kind IN ('city_bureau', 'county_bureau')
         ORDER BY length(x.path) DESC LIMIT 1) b ON true
     -- As an array built in the statement (not a parameter): the plan is the same for any number of
     -- ids (built once per connection, not for each call) and always reads cases through the index.
     WHERE c.id = ANY (ARRAY(SELECT value::uuid FROM json_array_elements_text(${ids}::json)))`;
}

/** Loads a case the actor may read (case.read: its agency and the agencies above it). */
export async function findCase(
  ex: Executor,
  actor: Principal,
  caseId: string,
  opts: FindCaseWith = {},
): Promise<LoadedCase> {
  // One round trip (every step loads the case): the case, its agency, a squad's bureau, the case's
  // officers, steps and deadlines in force, and the reference version. Plain SQL: building this
  // select with Drizzle's query builder cost ~0.4 ms of CPU per step, and a named statement is
  // planned once per connection (bench/README.md, case steps).
  const last = opts.lastStepOnly === true;
  const agg = opts.coalesced
    ? await caseReaderOf(ex, last)(caseId)
    : (await readCases(ex, last, [caseId]))[0];
  if (!agg) throw new AppError("NOT_FOUND", "案件不存在");
  const row = fromJsonb<CaseRow>(cases, agg.row);
  const agency = fromJsonb<AgencyRow>(agencies, agg.agency);
  requirePermission(actor, "case.read", agency.path);
  const bureau = agg.squad_bureau ? fromJsonb<AgencyRow>(agencies, agg.squad_bureau) : agency;
  const events = parseJson<RawEvent[]>(agg.events).map(toEvent);
  const registered = parseJson<string[]>(agg.officers);
  // C2: the officers in force (the latest change of officers, else those registered; officers-of-case.ts).
  const officerIds = currentOfficerIds(registered, events);
  const deadlines = parseJson<RawDeadline[]>(agg.deadlines)
    .map(toDeadline)
    .sort((x, y) => y.seq - x.seq);
  const reference = { ex, cache: opts.cache ?? new ReferenceCache(), version: agg.reference_version };
  return {
    case: row,
    agency,
    bureau,
    officerIds,
    events,
    deadlines,
    // C2: everyone registered or named by a change of officers (the set in force is chosen above).
    ...(opts.officerRows
      ? {
          officerRows: await officerRowsOf(
            reference,
            [...new Set([...registered, ...everOfficerIds(events)])],
            agency.path,
          ),
        }
      : {}),
    ...(opts.recordingList
      ? { recordingList: await recordingListOf(reference, row.agencyId, agency.path) }
      : {}),
  };
}

const findCasesAllSteps = preparedStatement("guifan_find_cases", () => findCasesSql(false));
const findCasesLastStep = preparedStatement("guifan_find_cases_last_step", () => findCasesSql(true));

/** The rows of cases (in no order; a case that does not exist has none). */
function readCases(ex: Executor, lastStepOnly: boolean, caseIds: string[]): Promise<FoundRow[]> {
  // A malformed id would fail the whole statement: the route checks ids; here, one that is not a uuid has no row.
  const valid = caseIds.filter((x) => uuidPattern.test(x));
  if (valid.length === 0) return Promise.resolve([]);
  return (lastStepOnly ? findCasesLastStep : findCasesAllSteps)<FoundRow>(ex, { ids: JSON.stringify(valid) });
}
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const readers = new WeakMap<object, Map<boolean, (caseId: string) => Promise<FoundRow | undefined>>>();

/**
 * The case reader of a database handle (`ctx.db`, not a transaction): the cases of steps that
 * arrive while others are being read are read together, in one statement (coalesce.ts).
 */
function caseReaderOf(
  db: Executor,
  lastStepOnly: boolean,
): (caseId: string) => Promise<FoundRow | undefined> {
  let byKind = readers.get(db);
  if (!byKind) {
    byKind = new Map();
    readers.set(db, byKind);
  }
  let reader = byKind.get(lastStepOnly);
  if (!reader) {
    reader = coalesce(
      async (caseIds: string[]) => {
        const rows = await readCases(db, lastStepOnly, [...new Set(caseIds)]);
        // The database answers ids in lower case; a client may write them in upper case.
        return caseIds.map((x) => rows.find((r) => r.id === x.toLowerCase()));
      },
      { maxInFlight: 2, maxBatch: 64 },
    );
    byKind.set(lastStepOnly, reader);
  }
  return reader;
}

type Reference = { ex: Executor; cache: ReferenceCache; version: string };

/** The officer rows of the users acting for the agency at `path`: cached ones, the others read (and cached). */
async function officerRowsOf(r: Reference, userIds: string[], path: string): Promise<OfficerRow[]> {
  const key = (userId: string) => `officer|${userId}|${path}`;
  const found = userIds.map((u) => r.cache.get<OfficerRow | null>(r.version, key(u)));
  const missing = userIds.filter((_, i) => found[i] === undefined);
  if (missing.length === 0) return found.filter((x): x is OfficerRow => x !== null && x !== undefined);
  const read = await readOfficerRows(r.ex, missing, path);
  // A user without an officer profile has no row: cached as null, so that it is not read again.
  for (const u of missing) r.cache.set(r.version, key(u), read.find((x) => x.user_id === u) ?? null);
  return [...found.filter((x): x is OfficerRow => x !== null && x !== undefined), ...read];
}

/** The L5 list in force for the agency at `path`: cached, else read (and cached). */
async function recordingListOf(
  r: Reference,
  agencyId: string,
  path: string,
): Promise<EffectiveRecordingList> {
  const key = `recording|${path}`;
  let versions = r.cache.get<unknown>(r.version, key);
  if (versions === undefined) {
    versions = await readRecordingVersions(r.ex, path);
    r.cache.set(r.version, key, versions);
  }
  return effectiveFromVersions(agencyId, path, versions);
}

type FoundRow = {
  id: string;
  row: unknown;
  agency: unknown;
  squad_bureau: unknown;
  officers: unknown;
  events: unknown;
  deadlines: unknown;
  /** The reference version the case was read at (reference-cache.ts). */
  reference_version: string;
};
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

/**
 * A table row from `to_jsonb(t)`, as Drizzle's select would return it: property names from the
 * table's columns, timestamps as Date (dates, numbers, booleans, arrays and JSON come through JSON
 * as they are).
 */
function fromJsonb<T>(table: Table, json: unknown): T {
  const raw = parseJson<Record<string, unknown>>(json);
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const v = raw[column.name];
    out[key] =
      v === null || v === undefined ? null : column.columnType === "PgTimestamp" ? new Date(String(v)) : v;
  }
  return out as T;
}

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
