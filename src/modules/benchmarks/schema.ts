import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";
import { powerItems } from "../powers/schema.ts";
import { violations } from "../violations/schema.ts";

/**
 * A discretion benchmark (C03, P14) for one violation: the violation (name, provisions violated
 * and penalising, power item) and its tiers (jsonb, validated by the domain schema).
 */
export const benchmarks = pgTable(
  "benchmarks",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    code: text("code").notNull(),
    violationName: text("violation_name").notNull(),
    powerItemId: uuid("power_item_id").references(() => powerItems.id),
    /** The violation (C03) this benchmark grades; its name and provisions are copied here. */
    violationId: uuid("violation_id").references((): AnyPgColumn => violations.id),
    violatedArticleIds: uuid("violated_article_ids").array().notNull().default(sql`'{}'::uuid[]`),
    penaltyArticleIds: uuid("penalty_article_ids").array().notNull().default(sql`'{}'::uuid[]`),
    quantityName: text("quantity_name"),
    quantityUnit: text("quantity_unit"),
    tiers: jsonb("tiers").notNull(),
    effectiveFrom: date("effective_from", { mode: "string" }),
    effectiveTo: date("effective_to", { mode: "string" }),
    published: boolean("published").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [unique("benchmarks_code_unique").on(t.agencyId, t.code)],
);

/** Version history of benchmarks (append-only). */
export const benchmarkVersions = pgTable(
  "benchmark_versions",
  {
    id: uuid("id").primaryKey(),
    benchmarkId: uuid("benchmark_id")
      .notNull()
      .references(() => benchmarks.id),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
    changedBy: uuid("changed_by"),
  },
  (t) => [unique("benchmark_versions_unique").on(t.benchmarkId, t.version)],
);
