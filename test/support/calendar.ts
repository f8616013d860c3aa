import { packageCalendarYears } from "../../src/modules/calendar/seed-calendar.ts";
import type { Calendar } from "../../src/modules/calendar/working-days.ts";

/** The working-day calendar built from the chinese-days package data, without a database. */
export function packageCalendar(onlyYears?: number[]): Calendar {
  const years = new Set<number>();
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  for (const file of packageCalendarYears()) {
    if (onlyYears && !onlyYears.includes(file.year)) continue;
    years.add(file.year);
    for (const d of file.holidays) holidays.set(d.date, d.name);
    for (const d of file.workdays) workdays.set(d.date, d.name);
  }
  return { years, holidays, workdays };
}
