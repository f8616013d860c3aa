import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
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

const at = () => timestamp("at", { withTimezone: true, precision: 3 }).notNull();

/**
 * L1: the agency's list of major enforcement decisions (重大执法决定目录), as structured criteria.
 * Append-only: each row saves or removes one criterion (`criterionId`); the latest row per
 * criterion is in force. A list applies in the agency and in the agencies below it.
 */
export const majorDecisionCriteria = pgTable(
  "major_decision_criteria",
  {
    id: uuid("id").primaryKey(),
    criterionId: uuid("criterion_id").notNull(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    action: text("action").notNull(),
    name: text("name").notNull(),
    /** { penaltyKinds?, fineFenAtLeast?, confiscationFenAtLeast?, hearingHeld?, fields? } */
    criteria: jsonb("criteria").$type<Record<string, unknown>>().notNull(),
    needsReview: boolean("needs_review").notNull(),
    needsDiscussion: boolean("needs_discussion").notNull(),
    reason: text("reason").notNull(),
    actorId: uuid("actor_id").notNull(),
    at: at(),
  },
  (t) => [
    index("major_decision_criteria_idx").on(t.agencyId, t.criterionId, t.at),
    check("major_decision_criteria_action_check", sql`${t.action} in ('save','remove')`),
  ],
);

/** L1 / P10: a case flagged by hand as major (major public interest, complex …), with the reason. Append-only. */
export const majorCaseFlags = pgTable(
  "major_case_flags",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    agencyId: uuid("agency_id").notNull(),
    needsReview: boolean("needs_review").notNull(),
    needsDiscussion: boolean("needs_discussion").notNull(),
    reason: text("reason").notNull(),
    actorId: uuid("actor_id").notNull(),
    at: at(),
  },
  (t) => [index("major_case_flags_case_idx").on(t.caseId, t.at)],
);

/**
 * P10 / L2: one submission of a proposed decision for legal review (法制审核). A resubmission after
 * a return is a new row (round + 1). The machine checks are computed at submission and kept.
 */
export const legalReviews = pgTable(
  "legal_reviews",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    agencyId: uuid("agency_id").notNull(),
    round: integer("round").notNull(),
    /** { outcome, penalty?, reasons, ground?, education?, assessment?, benchmarkReason? } */
    proposal: jsonb("proposal").$type<Record<string, unknown>>().notNull(),
    materials: jsonb("materials").$type<string[]>().notNull(),
    note: text("note").notNull().default(""),
    /** The machine checks of L2 at submission: [{ item, label, ok, evidence, ruleId }]. */
    checks: jsonb("checks").$type<Record<string, unknown>[]>().notNull(),
    reviewerId: uuid("reviewer_id").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    submittedBy: uuid("submitted_by").notNull(),
    at: at(),
  },
  (t) => [
    unique("legal_reviews_case_round_uq").on(t.caseId, t.round),
    index("legal_reviews_agency_idx").on(t.agencyId, t.at),
    index("legal_reviews_reviewer_idx").on(t.reviewerId),
  ],
);

/** The reviewer's written opinion on one submission: 同意 or 存在问题, with the checklist. Append-only, one per review. */
export const legalReviewOpinions = pgTable(
  "legal_review_opinions",
  {
    id: uuid("id").primaryKey(),
    reviewId: uuid("review_id")
      .notNull()
      .unique()
      .references(() => legalReviews.id),
    opinion: text("opinion").notNull(),
    /** [{ item, machineOk, ok, comment }] */
    items: jsonb("items").$type<Record<string, unknown>[]>().notNull(),
    comment: text("comment").notNull(),
    reviewerId: uuid("reviewer_id").notNull(),
    at: at(),
  },
  (t) => [check("legal_review_opinions_opinion_check", sql`${t.opinion} in ('agree','problems')`)],
);

/** The case team does not accept a "problems found" opinion: the case goes to collective discussion (P9). */
export const legalReviewEscalations = pgTable("legal_review_escalations", {
  id: uuid("id").primaryKey(),
  reviewId: uuid("review_id")
    .notNull()
    .unique()
    .references(() => legalReviews.id),
  caseId: uuid("case_id").notNull(),
  reason: text("reason").notNull(),
  actorId: uuid("actor_id").notNull(),
  at: at(),
});

/**
 * L3: the review deadline extended with approval (经批准延长审核期限), once per submission, by the
 * `review.extensionWorkdays` setting. Append-only: the submission's own `due_on` is never changed;
 * the deadline in force is this row's `due_on` when there is one (see review-deadline.ts).
 */
export const reviewDeadlineExtensions = pgTable(
  "review_deadline_extensions",
  {
    id: uuid("id").primaryKey(),
    reviewId: uuid("review_id")
      .notNull()
      .unique()
      .references(() => legalReviews.id),
    caseId: uuid("case_id").notNull(),
    agencyId: uuid("agency_id").notNull(),
    /** Working days added (the setting when approved). */
    days: integer("days").notNull(),
    previousDueOn: date("previous_due_on", { mode: "string" }).notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    approverId: uuid("approver_id").notNull(),
    at: at(),
  },
  (t) => [
    index("review_deadline_extensions_agency_idx").on(t.agencyId, t.at),
    check("review_deadline_extensions_days_check", sql`${t.days} > 0`),
  ],
);

/** P9: a collective discussion meeting of the agency's leaders (集体讨论). Append-only. */
export const collectiveMeetings = pgTable(
  "collective_meetings",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    place: text("place").notNull(),
    chairId: uuid("chair_id").notNull(),
    /** How many members the leadership has (the quorum is counted against it). */
    memberCount: integer("member_count").notNull(),
    /** [{ userId, name, role }] */
    attendees: jsonb("attendees").$type<{ userId: string; name: string; role: string }[]>().notNull(),
    actorId: uuid("actor_id").notNull(),
    at: at(),
  },
  (t) => [index("collective_meetings_agency_idx").on(t.agencyId, t.heldOn)],
);

/** P9: one case discussed at a meeting: each member's opinion and the conclusion. Append-only. */
export const collectiveDiscussions = pgTable(
  "collective_discussions",
  {
    id: uuid("id").primaryKey(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => collectiveMeetings.id),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** [{ userId, name, opinion }] */
    opinions: jsonb("opinions").$type<{ userId: string; name: string; opinion: string }[]>().notNull(),
    conclusion: text("conclusion").notNull(),
    /** The meeting agreed to the proposed decision. */
    approved: boolean("approved").notNull(),
    actorId: uuid("actor_id").notNull(),
    at: at(),
  },
  (t) => [unique("collective_discussions_meeting_case_uq").on(t.meetingId, t.caseId)],
);

/** F1: a major decision filed with the superior government's legal office (备案). Append-only. */
export const decisionFilings = pgTable(
  "decision_filings",
  {
    id: uuid("id").primaryKey(),
    caseId: uuid("case_id")
      .notNull()
      .references(() => cases.id),
    /** The decide step (case_events.id) filed. */
    eventId: uuid("event_id").notNull().unique(),
    agencyId: uuid("agency_id").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    submittedOn: date("submitted_on", { mode: "string" }).notNull(),
    note: text("note").notNull(),
    actorId: uuid("actor_id").notNull(),
    at: at(),
  },
  (t) => [index("decision_filings_agency_idx").on(t.agencyId, t.at)],
);

/** F1: the government legal office acknowledges a filing (签收). Append-only, one per filing. */
export const decisionFilingAcks = pgTable("decision_filing_acks", {
  id: uuid("id").primaryKey(),
  filingId: uuid("filing_id")
    .notNull()
    .unique()
    .references(() => decisionFilings.id),
  note: text("note").notNull(),
  actorId: uuid("actor_id").notNull(),
  at: at(),
});
