import { asc, count, eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { calendarDays, calendarYears } from "./schema.ts";

export async function listCalendarYears(ctx: AppContext) {
  return ctx.db
    .select({
      year: calendarYears.year,
      source: calendarYears.source,
      importedAt: calendarYears.importedAt,
      holidays: sql<number>`count(*) filter (where ${calendarDays.kind} = 'holiday')`.mapWith(Number),
      workdays: sql<number>`count(*) filter (where ${calendarDays.kind} = 'workday')`.mapWith(Number),
      all: count(calendarDays.day),
    })
    .from(calendarYears)
    .leftJoin(calendarDays, eq(calendarDays.year, calendarYears.year))
    .groupBy(calendarYears.year)
    .orderBy(asc(calendarYears.year));
}

export async function listCalendarDays(ctx: AppContext, year: number) {
  return ctx.db
    .select({ day: calendarDays.day, kind: calendarDays.kind, name: calendarDays.name })
    .from(calendarDays)
    .where(eq(calendarDays.year, year))
    .orderBy(asc(calendarDays.day));
}
