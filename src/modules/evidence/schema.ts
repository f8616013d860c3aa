import {
  bigint,
  boolean,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * Evidence files (append-only, C7): the metadata of one uploaded photo, audio, video or document.
 * The bytes live in the blob store under their SHA-256 (content-addressed, deduplicated); the
 * `evidence.added` ledger entry of the same transaction carries the hash, so verification can
 * check the file.
 */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The case (cases come later: no foreign key yet). */
    caseId: uuid("case_id"),
    /** The case step the recording documents (L5 list action code), if any. */
    action: text("action"),
    kind: text("kind").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    capturedAt: timestamp("captured_at", { withTimezone: true, precision: 3 }),
    deviceId: uuid("device_id"),
    officerId: uuid("officer_id"),
    location: text("location").notNull().default(""),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    description: text("description").notNull().default(""),
    uploadedBy: uuid("uploaded_by").notNull(),
    uploadedAt: timestamp("uploaded_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    index("evidence_items_agency_idx").on(t.agencyId, t.uploadedAt),
    index("evidence_items_case_idx").on(t.caseId),
    index("evidence_items_sha_idx").on(t.sha256),
  ],
);

/** Recording devices (执法记录仪) of an agency. The status may change; assignments are append-only. */
export const recordingDevices = pgTable(
  "recording_devices",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    serialNumber: text("serial_number").notNull().unique(),
    model: text("model").notNull().default(""),
    status: text("status").notNull(),
    registeredBy: uuid("registered_by").notNull(),
    registeredAt: timestamp("registered_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("recording_devices_agency_idx").on(t.agencyId)],
);

/** Who held a device when (append-only): an assignment, or a return (officerId null). */
export const deviceAssignments = pgTable(
  "device_assignments",
  {
    id: uuid("id").primaryKey(),
    deviceId: uuid("device_id")
      .notNull()
      .references(() => recordingDevices.id),
    officerId: uuid("officer_id"),
    note: text("note").notNull().default(""),
    by: uuid("by").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("device_assignments_device_idx").on(t.deviceId, t.at)],
);

/**
 * An agency's list of actions that need audio-video recording (L5), as successive versions
 * (append-only). The newest row of the nearest agency up the tree applies; `inherit` = back to
 * the parent's list.
 */
export const recordingLists = pgTable(
  "recording_lists",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    inherit: boolean("inherit").notNull(),
    items: jsonb("items").$type<{ action: string; label: string; level: "full" | "as_needed" }[]>().notNull(),
    reason: text("reason").notNull(),
    changedBy: uuid("changed_by").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [index("recording_lists_agency_idx").on(t.agencyId, t.changedAt)],
);
