import { boolean, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * Results of random inspections (抽查结果公示, 双随机、一公开, C13/C16). Append-only: a result is a
 * chain of versions under one resultId; a correction is a new version, a withdrawal a new version
 * with removed and a reason shown publicly.
 *
 * The party as entered (name, ID number, phone) is for staff only; the public site reads only the
 * masked columns (public_*, party_display), computed by the server when the version is written
 * (G6), and searches only them.
 */
export const inspectionResultVersions = pgTable(
  "inspection_result_versions",
  {
    id: uuid("id").primaryKey(),
    /** The result across its versions. */
    resultId: uuid("result_id").notNull(),
    version: integer("version").notNull(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    /** The inspection item (itemId of inspection_item_versions) and its name when recorded. */
    itemId: uuid("item_id").notNull(),
    itemName: text("item_name").notNull(),
    /** organisation | individual */
    partyType: text("party_type").notNull(),
    partyName: text("party_name").notNull(),
    /** Organisations: unified social credit code (published). */
    creditCode: text("credit_code").notNull(),
    /** Individuals: ID number and phone (never published). */
    partyIdNumber: text("party_id_number").notNull(),
    partyPhone: text("party_phone").notNull(),
    /** 张某某, or the organisation's name. */
    partyDisplay: text("party_display").notNull(),
    inspectedOn: date("inspected_on", { mode: "string" }).notNull(),
    inspectors: text("inspectors").notNull(),
    publicInspectors: text("public_inspectors").notNull(),
    /** no_problem | corrected | case_opened | … (inspection-results.ts). */
    result: text("result").notNull(),
    /** 处理情况, as entered and masked. */
    handling: text("handling").notNull(),
    publicHandling: text("public_handling").notNull(),
    caseNumber: text("case_number").notNull(),
    /** G3: publish within N working days of the inspection (null: calendar year not loaded). */
    publishDueOn: date("publish_due_on", { mode: "string" }),
    /** When version 1 was published (carried over by later versions). */
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }).notNull(),
    /** A withdrawal: the reason is shown publicly in its place (as entered and masked). */
    removed: boolean("removed").notNull().default(false),
    removalReason: text("removal_reason").notNull(),
    publicRemovalReason: text("public_removal_reason").notNull(),
    recordedBy: uuid("recorded_by").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, precision: 3 }).notNull(),
  },
  (t) => [
    unique("inspection_result_versions_uq").on(t.resultId, t.version),
    index("inspection_result_versions_agency_idx").on(t.agencyId, t.inspectedOn),
    index("inspection_result_versions_item_idx").on(t.itemId),
  ],
);
