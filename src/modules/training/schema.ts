import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";
import { officerProfiles } from "../officers/schema.ts";

/** Trainer pool (师资库): internal or external trainers with their field and rating (1–5). */
export const trainers = pgTable(
  "trainers",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    organisation: text("organisation").notNull().default(""),
    field: text("field").notNull(),
    rating: integer("rating").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("trainers_agency_idx").on(t.agencyId),
    check("trainers_kind_check", sql`${t.kind} in ('internal','external')`),
    check("trainers_rating_check", sql`${t.rating} between 1 and 5`),
  ],
);

/** A yearly training plan of an agency (年度培训计划). */
export const trainingPlans = pgTable(
  "training_plans",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /** Withdrawn (撤销): kept, shown as withdrawn, no longer counted. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnReason: text("withdrawn_reason"),
  },
  (t) => [index("training_plans_agency_idx").on(t.agencyId, t.year)],
);

/** A session of a plan: kind (initial, on_post, specialised, rotation), online or in person, hours. */
export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => trainingPlans.id),
    title: text("title").notNull(),
    kind: text("kind").notNull(),
    online: boolean("online").notNull(),
    heldOn: text("held_on").notNull(),
    hours: integer("hours").notNull(),
    field: text("field").notNull().default(""),
    trainerId: uuid("trainer_id").references(() => trainers.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /** Withdrawn (撤销): kept, shown as withdrawn, no longer counted. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnReason: text("withdrawn_reason"),
  },
  (t) => [
    index("training_sessions_plan_idx").on(t.planId),
    check("training_sessions_kind_check", sql`${t.kind} in ('initial','on_post','specialised','rotation')`),
    check("training_sessions_hours_check", sql`${t.hours} between 1 and 200`),
  ],
);

/** Attendance: one row per officer and session, with the hours credited. */
export const trainingAttendance = pgTable(
  "training_attendance",
  {
    id: uuid("id").primaryKey(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    officerId: uuid("officer_id")
      .notNull()
      .references(() => officerProfiles.id),
    hours: integer("hours").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** A correction is a new row naming the row it corrects (the record is append-only). */
    correctsId: uuid("corrects_id"),
    note: text("note").notNull().default(""),
  },
  (t) => [
    uniqueIndex("training_attendance_unique")
      .on(t.sessionId, t.officerId)
      .where(sql`${t.correctsId} is null`),
    unique("training_attendance_corrects_unique").on(t.correctsId),
    index("training_attendance_officer_idx").on(t.officerId),
  ],
);

/** An exam of a plan with its pass mark (scores out of 100). */
export const trainingExams = pgTable(
  "training_exams",
  {
    id: uuid("id").primaryKey(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => trainingPlans.id),
    title: text("title").notNull(),
    heldOn: text("held_on").notNull(),
    passMark: integer("pass_mark").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
    /** Withdrawn (撤销): kept, shown as withdrawn, no longer counted. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnReason: text("withdrawn_reason"),
  },
  (t) => [index("training_exams_plan_idx").on(t.planId)],
);

/** An officer's result: absent (score null) or a score 0–100. */
export const examResults = pgTable(
  "exam_results",
  {
    id: uuid("id").primaryKey(),
    examId: uuid("exam_id")
      .notNull()
      .references(() => trainingExams.id),
    officerId: uuid("officer_id")
      .notNull()
      .references(() => officerProfiles.id),
    score: integer("score"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** A correction is a new row naming the row it corrects (the record is append-only). */
    correctsId: uuid("corrects_id"),
    note: text("note").notNull().default(""),
  },
  (t) => [
    uniqueIndex("exam_results_unique").on(t.examId, t.officerId).where(sql`${t.correctsId} is null`),
    unique("exam_results_corrects_unique").on(t.correctsId),
    check("exam_results_score_check", sql`${t.score} is null or ${t.score} between 0 and 100`),
  ],
);

/** Revisions of plans, sessions and exams (append-only): the row as it was after each change. */
export const trainingRevisions = pgTable(
  "training_revisions",
  {
    id: uuid("id").primaryKey(),
    targetKind: text("target_kind").notNull(),
    targetId: uuid("target_id").notNull(),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    reason: text("reason").notNull().default(""),
    changedBy: uuid("changed_by"),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("training_revisions_target_idx").on(t.targetId),
    check("training_revisions_kind_check", sql`${t.targetKind} in ('plan','session','exam')`),
    check("training_revisions_action_check", sql`${t.action} in ('updated','withdrawn')`),
  ],
);
