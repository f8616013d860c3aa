import { sql } from "drizzle-orm";
import { type AnyPgColumn, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const agencies = pgTable(
  "agencies",
  {
    id: uuid("id").primaryKey(),
    parentId: uuid("parent_id").references((): AnyPgColumn => agencies.id),
    /** Materialised path of ids, "/root/…/self/", for subtree reads (supervision). */
    path: text("path").notNull().unique(),
    kind: text("kind").notNull(),
    name: text("name").notNull().unique(),
    shortName: text("short_name").notNull(),
    creditCode: text("credit_code").unique(),
    address: text("address").notNull().default(""),
    sealName: text("seal_name").notNull(),
    phone: text("phone").notNull().default(""),
    areas: text("areas").array().notNull().default(sql`'{}'::text[]`),
    fields: text("fields").array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("agencies_parent_idx").on(t.parentId),
    check("agencies_kind_check", sql`${t.kind} in ('city_bureau','county_bureau','squad','township_office')`),
  ],
);
