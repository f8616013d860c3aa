import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";
import { users } from "../identity/schema.ts";

/**
 * An officer's profile (C04): one per user account. The post and agency change only through a
 * rotation (officer_rotations keeps the history); the legal qualification (法律职业资格, P10) is
 * recorded here for reviewers.
 */
export const officerProfiles = pgTable(
  "officer_profiles",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .unique()
      .references(() => users.id),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    post: text("post").notNull(),
    /** In an enforcement post (执法岗位): counts in the certification rate and needs a certificate. */
    enforcementPost: boolean("enforcement_post").notNull(),
    staffNo: text("staff_no").notNull().default(""),
    gender: text("gender").notNull().default(""),
    /** Employment kind: 行政编制 / 事业编制 / 协管 … (free text). */
    staffKind: text("staff_kind").notNull().default(""),
    legalQualificationNo: text("legal_qualification_no"),
    legalQualificationDate: text("legal_qualification_date"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [index("officer_profiles_agency_idx").on(t.agencyId)],
);

/** Rotation history (轮岗): one row per change of post or agency (append-only). */
export const officerRotations = pgTable(
  "officer_rotations",
  {
    id: uuid("id").primaryKey(),
    officerId: uuid("officer_id")
      .notNull()
      .references(() => officerProfiles.id),
    fromAgencyId: uuid("from_agency_id").references(() => agencies.id),
    toAgencyId: uuid("to_agency_id")
      .notNull()
      .references(() => agencies.id),
    fromPost: text("from_post"),
    toPost: text("to_post").notNull(),
    enforcementPost: boolean("enforcement_post").notNull(),
    effectiveOn: text("effective_on").notNull(),
    reason: text("reason").notNull().default(""),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("officer_rotations_officer_idx").on(t.officerId)],
);

/**
 * Enforcement certificates (执法证, O1/O2): a legal record, never changed. Renewal is a new row
 * pointing at the one it replaces; status changes are certificate_events.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey(),
    officerId: uuid("officer_id")
      .notNull()
      .references(() => officerProfiles.id),
    /** The bureau that manages the holder when the certificate was recorded. */
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    number: text("number").notNull().unique(),
    issuingBody: text("issuing_body").notNull(),
    fields: text("fields").array().notNull(),
    issuedOn: text("issued_on").notNull(),
    expiresOn: text("expires_on").notNull(),
    replacesId: uuid("replaces_id"),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("certificates_officer_idx").on(t.officerId),
    check("certificates_dates_check", sql`${t.expiresOn} >= ${t.issuedOn}`),
  ],
);

/** Status events of a certificate (append-only): suspended, reinstated, revoked, replaced. */
export const certificateEvents = pgTable(
  "certificate_events",
  {
    id: uuid("id").primaryKey(),
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id),
    kind: text("kind").notNull(),
    effectiveOn: text("effective_on").notNull(),
    reason: text("reason").notNull().default(""),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("certificate_events_certificate_idx").on(t.certificateId),
    check("certificate_events_kind_check", sql`${t.kind} in ('suspended','reinstated','revoked','replaced')`),
  ],
);

/** Yearly reviews (年审) of a certificate (append-only; a correction is a newer row). */
export const annualReviews = pgTable(
  "annual_reviews",
  {
    id: uuid("id").primaryKey(),
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id),
    year: integer("year").notNull(),
    reviewedOn: text("reviewed_on").notNull(),
    outcome: text("outcome").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("annual_reviews_certificate_idx").on(t.certificateId),
    check("annual_reviews_outcome_check", sql`${t.outcome} in ('passed','failed')`),
  ],
);

/**
 * Applications for a certificate (申领, O2): filed for an officer in an enforcement post, with the
 * training hours and exam result found when it was filed (append-only).
 */
export const certificateApplications = pgTable(
  "certificate_applications",
  {
    id: uuid("id").primaryKey(),
    officerId: uuid("officer_id")
      .notNull()
      .references(() => officerProfiles.id),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    fields: text("fields").array().notNull(),
    note: text("note").notNull().default(""),
    trainingYear: integer("training_year").notNull(),
    trainingHours: integer("training_hours").notNull(),
    requiredHours: integer("required_hours").notNull(),
    examResultId: uuid("exam_result_id"),
    examScore: integer("exam_score"),
    appliedBy: uuid("applied_by"),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("certificate_applications_officer_idx").on(t.officerId)],
);

/** The decision on an application (approved with the certificate issued, or refused; append-only). */
export const certificateApplicationDecisions = pgTable(
  "certificate_application_decisions",
  {
    id: uuid("id").primaryKey(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => certificateApplications.id),
    outcome: text("outcome").notNull(),
    note: text("note").notNull().default(""),
    certificateId: uuid("certificate_id").references(() => certificates.id),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    unique("certificate_application_decisions_unique").on(t.applicationId),
    check("certificate_application_decisions_outcome_check", sql`${t.outcome} in ('approved','rejected')`),
  ],
);
