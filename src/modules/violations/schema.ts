import { sql } from "drizzle-orm";
import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";
import { powerItems } from "../powers/schema.ts";

/**
 * A violation (违法行为, C03): the act, the provision it breaks, the provision that penalises it and
 * the power item under which it is punished. Benchmarks point at a violation. Every change appends
 * a row to violationVersions.
 */
export const violations = pgTable(
  "violations",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    field: text("field").notNull(),
    powerItemId: uuid("power_item_id").references(() => powerItems.id),
    violatedArticleIds: uuid("violated_article_ids").array().notNull().default(sql`'{}'::uuid[]`),
    penaltyArticleIds: uuid("penalty_article_ids").array().notNull().default(sql`'{}'::uuid[]`),
    published: boolean("published").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [unique("violations_code_unique").on(t.agencyId, t.code)],
);

/** Version history of violations (append-only): the full violation after each change. */
export const violationVersions = pgTable(
  "violation_versions",
  {
    id: uuid("id").primaryKey(),
    violationId: uuid("violation_id")
      .notNull()
      .references(() => violations.id),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
    changedBy: uuid("changed_by"),
  },
  (t) => [unique("violation_versions_unique").on(t.violationId, t.version)],
);
