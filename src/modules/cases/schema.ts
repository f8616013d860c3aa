import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * A case (案件): its current state and version only. What happened is the append-only
 * `case_events` table; a transition writes one event row and moves state/version here with
 * `WHERE version = expected` (optimistic concurrency).
 */
export const cases = pgTable(
  "cases",
  {
    id: uuid("id").primaryKey(),
    /** The agency handling the case (a squad, a township office or a bureau). */
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The case number, given at filing (立案), e.g. 东湖综执罚〔2026〕1号. */
    number: text("number").unique(),
    procedure: text("procedure").notNull(),
    state: text("state").notNull(),
    field: text("field").notNull(),
    summary: text("summary").notNull(),
    placeAddress: text("place_address").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    partyType: text("party_type").notNull(),
    partyName: text("party_name").notNull(),
    /** Individual: ID number; organisation: unified social credit code. */
    partyIdNumber: text("party_id_number").notNull().default(""),
    partyPhone: text("party_phone").notNull().default(""),
    partyAddress: text("party_address").notNull().default(""),
    /** Organisation only. */
    partyLegalRepresentative: text("party_legal_representative").notNull().default(""),
    powerItemIds: uuid("power_item_ids").array().notNull().default(sql`'{}'::uuid[]`),
    benchmarkId: uuid("benchmark_id"),
    actOn: date("act_on", { mode: "string" }).notNull(),
    continuingUntil: date("continuing_until", { mode: "string" }),
    discoveredOn: date("discovered_on", { mode: "string" }).notNull(),
    /** C5: the act endangers life, health or financial security with harmful consequences (5 years). */
    serious: boolean("serious").notNull().default(false),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("cases_agency_idx").on(t.agencyId, t.createdAt),
    index("cases_state_idx").on(t.state),
    check("cases_procedure_check", sql`${t.procedure} in ('general','simple','three_step')`),
    check("cases_party_type_check", sql`${t.partyType} in ('individual','organisation')`),
  ],
);

/** The officers handling a case (C2: at least two for investigation). Append-only. */
export const caseOfficers = pgTable(
  "case_officers",
  {
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    userId: uuid("user_id").notNull(),
    addedBy: uuid("added_by").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.userId] }), index("case_officers_user_idx").on(t.userId)],
);

/** Every step of a case, in order (append-only; `seq` = the case version the step produced). */
export const caseEvents = pgTable(
  "case_events",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    agencyId: uuid("agency_id").notNull(),
    seq: integer("seq").notNull(),
    event: text("event").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    /** The date of the step in law (YYYY-MM-DD). */
    onDate: date("on_date", { mode: "string" }).notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    actorId: uuid("actor_id").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    unique("case_events_case_seq_uq").on(t.caseId, t.seq),
    // The changes of officers of a case (C2), found without reading its other steps (find-case.ts).
    index("case_events_officer_changes_idx").on(t.caseId, t.seq).where(sql`${t.event} = 'change_officers'`),
  ],
);

/** Deadlines of a case: each opening or closing is a new row (append-only); the latest row per kind is in force. */
export const caseDeadlines = pgTable(
  "case_deadlines",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    eventId: uuid("event_id").notNull(),
    /** The case version of the step that wrote the row (orders the rows of one kind). */
    seq: integer("seq").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("case_deadlines_case_idx").on(t.caseId, t.seq),
    check("case_deadlines_status_check", sql`${t.status} in ('open','closed')`),
  ],
);

/** Last case number given per numbering agency and year (gapless: incremented in the filing transaction). */
export const caseNumberCounters = pgTable(
  "case_number_counters",
  {
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

/**
 * The agency's procedure lists (C08, P11): the power items (violation types) handled by three-step
 * enforcement (三步式执法清单) and those where a first violation may go unpunished (首违不罚清单).
 * Append-only: each row adds or removes one item; the latest row per (agency, list, item) is in
 * force. A list applies in the agency and in the agencies below it.
 */
export const procedureListEntries = pgTable(
  "procedure_list_entries",
  {
    id: uuid("id").primaryKey(),
    /** Insertion order (the latest row per item is in force; times may tie). */
    no: bigint("no", { mode: "number" }).generatedAlwaysAsIdentity(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    list: text("list").notNull(),
    powerItemId: uuid("power_item_id").notNull(),
    action: text("action").notNull(),
    reason: text("reason").notNull(),
    actorId: uuid("actor_id").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("procedure_list_entries_idx").on(t.agencyId, t.list, t.powerItemId, t.at),
    check("procedure_list_entries_list_check", sql`${t.list} in ('three_step','first_violation')`),
    check("procedure_list_entries_action_check", sql`${t.action} in ('add','remove')`),
  ],
);
