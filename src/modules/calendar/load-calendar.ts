import type { Executor } from "../../db/client.ts";
import { calendarDays, calendarYears } from "./schema.ts";
import type { Calendar } from "./working-days.ts";

export async function loadCalendar(ex: Executor): Promise<Calendar> {
  const [years, days] = await Promise.all([
    ex.select({ year: calendarYears.year }).from(calendarYears),
    ex.select().from(calendarDays),
  ]);
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  for (const d of days) (d.kind === "holiday" ? holidays : workdays).set(d.day, d.name);
  return { years: new Set(years.map((y) => y.year)), holidays, workdays };
}
