import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

/** Laws, regulations and rules (C03): platform-wide reference data readable by all staff. */
export const laws = pgTable(
  "laws",
  {
    id: uuid("id").primaryKey(),
    title: text("title").notNull().unique(),
    level: text("level").notNull(),
    issuingBody: text("issuing_body").notNull(),
    documentNumber: text("document_number").notNull().default(""),
    promulgatedOn: date("promulgated_on", { mode: "string" }),
    effectiveOn: date("effective_on", { mode: "string" }),
    repealedOn: date("repealed_on", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    check(
      "laws_level_check",
      sql`${t.level} in ('law','administrative_regulation','local_regulation','department_rule','local_government_rule','normative_document')`,
    ),
  ],
);

/**
 * One version of one article (append-only: a new wording is a new row with the next version).
 * Power items and benchmarks cite a row here by id.
 */
export const lawArticles = pgTable(
  "law_articles",
  {
    id: uuid("id").primaryKey(),
    lawId: uuid("law_id")
      .notNull()
      .references(() => laws.id),
    number: text("number").notNull(),
    ordinal: integer("ordinal").notNull(),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    effectiveOn: date("effective_on", { mode: "string" }),
    note: text("note").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by"),
  },
  (t) => [
    unique("law_articles_version_unique").on(t.lawId, t.number, t.version),
    index("law_articles_law_idx").on(t.lawId, t.ordinal),
  ],
);
