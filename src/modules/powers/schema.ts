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

/** The current state of a power item (C02); every change also appends a row to powerItemVersions. */
export const powerItems = pgTable(
  "power_items",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    field: text("field").notNull(),
    basisArticleIds: uuid("basis_article_ids").array().notNull().default(sql`'{}'::uuid[]`),
    basisText: text("basis_text").notNull().default(""),
    transferredFrom: text("transferred_from").notNull().default(""),
    status: text("status").notNull().default("active"),
    effectiveFrom: date("effective_from", { mode: "string" }),
    effectiveTo: date("effective_to", { mode: "string" }),
    published: boolean("published").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("power_items_code_unique").on(t.agencyId, t.code),
    check(
      "power_items_kind_check",
      sql`${t.kind} in ('penalty','compulsory_measure','inspection','licence','levy','confirmation','ruling','other')`,
    ),
    check("power_items_status_check", sql`${t.status} in ('active','suspended','abolished')`),
  ],
);

/** Version history of power items (append-only): the full item as it was after each change. */
export const powerItemVersions = pgTable(
  "power_item_versions",
  {
    id: uuid("id").primaryKey(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => powerItems.id),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull(),
    changedBy: uuid("changed_by"),
  },
  (t) => [unique("power_item_versions_unique").on(t.itemId, t.version)],
);

/**
 * "Needs review" flags: a new version of a cited article flags every power item and benchmark
 * citing it. Cleared by a review action (clearedAt/clearedBy/clearNote are set once).
 */
export const reviewFlags = pgTable(
  "review_flags",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    targetKind: text("target_kind").notNull(),
    targetId: uuid("target_id").notNull(),
    targetLabel: text("target_label").notNull(),
    lawId: uuid("law_id").notNull(),
    articleId: uuid("article_id").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
    clearedBy: uuid("cleared_by"),
    clearNote: text("clear_note"),
  },
  (t) => [
    index("review_flags_open_idx").on(t.agencyId, t.clearedAt),
    check("review_flags_kind_check", sql`${t.targetKind} in ('power_item','benchmark','violation')`),
  ],
);
