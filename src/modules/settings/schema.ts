import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * Every change of a setting is a new row (append-only). The value in force for an agency is the
 * newest row for that key on the agency itself or its nearest ancestor; a null value removes an
 * override so the inherited value applies again.
 */
export const settingChanges = pgTable(
  "setting_changes",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    key: text("key").notNull(),
    value: jsonb("value").$type<number | string | null>(),
    reason: text("reason").notNull().default(""),
    changedBy: uuid("changed_by").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("setting_changes_lookup_idx").on(t.agencyId, t.key, t.id)],
);
