import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** A year is covered only when it has a row here (rule D4: never guess an unloaded year). */
export const calendarYears = pgTable("calendar_years", {
  year: integer("year").primaryKey(),
  source: text("source").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  importedBy: uuid("imported_by"),
});

/** Exceptions to the Monday–Friday week: statutory holidays and make-up working days (调休). */
export const calendarDays = pgTable(
  "calendar_days",
  {
    day: date("day", { mode: "string" }).primaryKey(),
    year: integer("year")
      .notNull()
      .references(() => calendarYears.year),
    kind: text("kind").notNull(),
    name: text("name").notNull().default(""),
  },
  (t) => [check("calendar_days_kind_check", sql`${t.kind} in ('holiday','workday')`)],
);
