import { addCalendarDays, type Calendar, countWorkingDays, dueDate } from "../../calendar/working-days.ts";

/** P3 (APL art. 60): a general-procedure case is decided within 90 days of filing, plus approved extensions. */
export const decisionPeriodDays = 90;

export function decisionDue(cal: Calendar, input: { filedOn: string; extensionDays: number }): string {
  return dueDate(cal, input.filedOn, decisionPeriodDays + input.extensionDays, "day").due;
}

export type DeadlineStatus = "green" | "yellow" | "red";

/**
 * Traffic light for an open deadline: red when past due, yellow within `warnWorkdays` working days
 * of it (default 3), green otherwise.
 */
export function deadlineStatus(
  cal: Calendar,
  input: { today: string; due: string; warnWorkdays?: number },
): DeadlineStatus {
  if (input.today > input.due) return "red";
  const left = countWorkingDays(cal, input.today, input.due);
  return left <= (input.warnWorkdays ?? 3) ? "yellow" : "green";
}

/** Calendar days from `today` to `due` (negative when overdue), for lists. */
export const daysLeft = (today: string, due: string): number => {
  let n = 0;
  if (today <= due) for (let d = today; d < due; d = addCalendarDays(d, 1)) n++;
  else for (let d = due; d < today; d = addCalendarDays(d, 1)) n--;
  return n;
};
