import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { addCalendarDays, addWorkingDays, type Calendar } from "../calendar/working-days.ts";
import { type DeadlineStatus, deadlineStatus } from "./rules/deadlines.ts";

/** Working days before a due date when a deadline turns yellow (the default of deadlineStatus). */
export const warnWorkdays = 3;

/** The last due date that is yellow today. */
export function warnFrom(cal: Calendar, today: string): string {
  try {
    return addWorkingDays(cal, today, warnWorkdays);
  } catch {
    // Next year's calendar not loaded yet (D4): the colour of a list filter is not a legal
    // deadline, so count calendar days rather than refuse the list.
    return addCalendarDays(today, warnWorkdays);
  }
}

/** SQL condition on a due-date column for a traffic-light colour. */
export function dueHasLight(
  due: AnyPgColumn | SQL,
  cal: Calendar,
  today: string,
  light: DeadlineStatus,
): SQL {
  const until = warnFrom(cal, today);
  if (light === "red") return sql`${due} < ${today}`;
  if (light === "yellow") return sql`${due} >= ${today} and ${due} <= ${until}`;
  return sql`${due} > ${until}`;
}

/** The light of an open deadline for a list (never refuses: an unloaded year shows no colour). */
export function lightOf(cal: Calendar, today: string, due: string | undefined): DeadlineStatus | null {
  if (!due) return null;
  try {
    return deadlineStatus(cal, { today, due, warnWorkdays });
  } catch {
    return today > due ? "red" : null;
  }
}
