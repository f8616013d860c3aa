import { createRequire } from "node:module";
import type { AppContext } from "../../context.ts";
import { type CalendarYearFile, writeCalendarYear } from "./import-calendar-year.ts";
import { calendarYears } from "./schema.ts";

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };

/** "New Year's Day,元旦,1" → "元旦" */
const chineseName = (v: string): string => v.split(",")[1] ?? v;

/** The years the chinese-days package covers, as import files. */
export function packageCalendarYears(): CalendarYearFile[] {
  const require = createRequire(import.meta.url);
  const data = require("chinese-days/dist/chinese-days.json") as PackageData;
  const version = (require("chinese-days/package.json") as { version: string }).version;
  const years = new Map<number, CalendarYearFile>();
  const yearOf = (day: string) => {
    const year = Number(day.slice(0, 4));
    if (!years.has(year)) {
      years.set(year, {
        year,
        source: `国务院办公厅部分节假日安排的通知（chinese-days ${version} 数据）`,
        holidays: [],
        workdays: [],
      });
    }
    return years.get(year)!;
  };
  for (const [day, v] of Object.entries(data.holidays))
    yearOf(day).holidays.push({ date: day, name: chineseName(v) });
  for (const [day, v] of Object.entries(data.workdays))
    yearOf(day).workdays.push({ date: day, name: chineseName(v) });
  return [...years.values()].sort((a, b) => a.year - b.year);
}

/** Loads every year of the package that the database does not have yet (idempotent). */
export async function seedCalendar(ctx: AppContext): Promise<number[]> {
  return ctx.db.transaction(async (tx) => {
    const have = new Set(
      (await tx.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year),
    );
    const added: number[] = [];
    for (const file of packageCalendarYears()) {
      if (have.has(file.year)) continue;
      await writeCalendarYear(tx, file, { now: ctx.now() });
      added.push(file.year);
    }
    return added;
  });
}
