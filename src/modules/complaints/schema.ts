import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";
import { cases } from "../cases/schema.ts";

/**
 * A complaint (投诉举报) or another source of a lead (patrol, assignment, transfer in): its
 * current state and version only. What happened is the append-only `complaint_events` table.
 * The reporter's identity is NOT here: it lives in `complaint_reporters`, which only the
 * confidential read path returns (seed 001 item 25: 履行保密义务).
 */
export const complaints = pgTable(
  "complaints",
  {
    id: uuid("id").primaryKey(),
    /** What the reporter keeps to follow the complaint: 10 characters of an unambiguous base32 alphabet. */
    trackingCode: text("tracking_code").notNull().unique(),
    /** The unit that received the complaint first (first-responder responsibility, seed 001 item 26). */
    bureauId: uuid("bureau_id")
      .notNull()
      .references(() => agencies.id),
    /** The unit that owns the complaint now: the bureau until another unit accepts it. */
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** Dispatched to this unit and not yet accepted by it. */
    pendingAgencyId: uuid("pending_agency_id").references(() => agencies.id),
    source: text("source").notNull(),
    category: text("category").notNull(),
    field: text("field").notNull().default(""),
    /** The area (street, town) of the bureau's tree found in the address; "" when none. */
    area: text("area").notNull().default(""),
    placeAddress: text("place_address").notNull(),
    /** The address with spaces and punctuation removed (duplicate detection). */
    normalisedAddress: text("normalised_address").notNull(),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    description: text("description").notNull(),
    /** Named (实名) reporters get the answer; anonymous ones read it with the tracking code. */
    named: boolean("named").notNull(),
    state: text("state").notNull(),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    /**
     * Null while the working-day calendar of the year it falls in is not imported (rule D4: never
     * guessed); then computed on read from `receivedOn` (or the reopen date) and the setting.
     */
    acceptDueOn: date("accept_due_on", { mode: "string" }),
    answerDueOn: date("answer_due_on", { mode: "string" }),
    acceptedOn: date("accepted_on", { mode: "string" }),
    caseId: uuid("case_id").references(() => cases.id),
    mergedIntoId: uuid("merged_into_id"),
    closeReason: text("close_reason"),
    transferDepartment: text("transfer_department"),
    publicAnswer: text("public_answer"),
    answeredOn: date("answered_on", { mode: "string" }),
    /** Satisfaction with the latest answer, 1..5. */
    rating: integer("rating"),
    reopenCount: integer("reopen_count").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("complaints_bureau_idx").on(t.bureauId, t.createdAt),
    index("complaints_agency_idx").on(t.agencyId, t.state),
    index("complaints_dup_idx").on(t.bureauId, t.category, t.receivedOn),
    check(
      "complaints_source_check",
      sql`${t.source} in ('public_web','phone','letter','visit','patrol','assignment','transfer_in')`,
    ),
    check("complaints_rating_check", sql`${t.rating} is null or ${t.rating} between 1 and 5`),
  ],
);

/** The reporter of a named complaint (append-only; read only through the confidential path). */
export const complaintReporters = pgTable("complaint_reporters", {
  complaintId: uuid("complaint_id")
    .primaryKey()
    .references(() => complaints.id),
  name: text("name").notNull(),
  phone: text("phone").notNull(),
  email: text("email").notNull().default(""),
  /** Random salt of the commitment written to the ledger (sha256 of salt and identity), never the identity. */
  salt: text("salt").notNull(),
  at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
});

/** Every step of a complaint, in order (append-only; `seq` = the complaint version the step produced). */
export const complaintEvents = pgTable(
  "complaint_events",
  {
    id: uuid("id").primaryKey(),
    complaintId: uuid("complaint_id")
      .notNull()
      .references(() => complaints.id),
    agencyId: uuid("agency_id").notNull(),
    seq: integer("seq").notNull(),
    event: text("event").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    /** Null for the public (submission, rating, reopen request). */
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [unique("complaint_events_seq_uq").on(t.complaintId, t.seq)],
);

/** Photos of a complaint or patrol finding, stored in the evidence blob store by SHA-256 (append-only). */
export const complaintPhotos = pgTable(
  "complaint_photos",
  {
    id: uuid("id").primaryKey(),
    complaintId: uuid("complaint_id")
      .notNull()
      .references(() => complaints.id),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    contentType: text("content_type").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("complaint_photos_complaint_idx").on(t.complaintId)],
);

/**
 * Dispatch rules of a bureau (data, not code): a complaint whose address contains `keyword`
 * (when given) and whose category is `category` (when given) is proposed for `agencyId`.
 */
export const complaintDispatchRules = pgTable(
  "complaint_dispatch_rules",
  {
    id: uuid("id").primaryKey(),
    bureauId: uuid("bureau_id")
      .notNull()
      .references(() => agencies.id),
    keyword: text("keyword").notNull().default(""),
    category: text("category").notNull().default(""),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    createdBy: uuid("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("complaint_dispatch_rules_bureau_idx").on(t.bureauId)],
);
