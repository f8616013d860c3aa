import { AppError } from "../../core/errors.ts";

/**
 * The working-day calendar (rules D1–D4). Pure functions over a loaded calendar; dates are
 * "YYYY-MM-DD" strings. A working day is Monday–Friday unless a statutory holiday, plus the
 * make-up working days (调休) on weekends. A date in a year that is not loaded is refused (D4).
 */
export type Calendar = {
  years: ReadonlySet<number>;
  holidays: ReadonlyMap<string, string>;
  workdays: ReadonlyMap<string, string>;
};

export type DeadlineUnit = "workday" | "day" | "month";

const DAY = 86_400_000;

export function parseDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (Number.isNaN(t) || formatDay(t) !== day) throw new AppError("VALIDATION_FAILED", `日期不合法：${day}`);
  return t;
}

export const formatDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

export const addCalendarDays = (day: string, n: number): string => formatDay(parseDay(day) + n * DAY);

function requireYear(cal: Calendar, day: string): void {
  parseDay(day); // a malformed date is a validation error, not an unloaded year
  const year = Number(day.slice(0, 4));
  if (!cal.years.has(year)) {
    throw new AppError("CALENDAR_YEAR_NOT_LOADED", `${year} 年的工作日历尚未导入，不能计算期限（规则 D4）`);
  }
}

export function isWorkingDay(cal: Calendar, day: string): boolean {
  requireYear(cal, day);
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(parseDay(day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** N working days after `start`; the start day itself is not counted (D1, D2). */
export function addWorkingDays(cal: Calendar, start: string, n: number): string {
  let day = start;
  parseDay(start);
  for (let counted = 0; counted < n; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(cal, day)) counted++;
  }
  return day;
}

/** Adds N calendar months; a day that does not exist in the target month becomes its last day. */
export function addMonths(start: string, n: number): string {
  const t = new Date(parseDay(start));
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return formatDay(Date.UTC(y, m, Math.min(t.getUTCDate(), last)));
}

/** Working days in (from, to]: the start day is not counted. Negative when `to` is before `from`. */
export function countWorkingDays(cal: Calendar, from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let t = lo + DAY; t <= hi; t += DAY) if (isWorkingDay(cal, formatDay(t))) n++;
  return n * sign;
}

/**
 * The due date of a period. Working-day periods count working days (D1, D2). Calendar periods
 * (D3) end on the same-numbered day; when that day is a rest day the period ends on the next
 * working day (期间届满的最后一日是节假日的，以节假日后的第一日为期间届满的日期).
 */
export function dueDate(
  cal: Calendar,
  start: string,
  amount: number,
  unit: DeadlineUnit,
): { due: string; end: string; rolledOver: boolean } {
  if (!Number.isInteger(amount) || amount < 0 || amount > 3660) {
    throw new AppError("VALIDATION_FAILED", "期限数值应为 0–3660 的整数");
  }
  requireYear(cal, start);
  if (unit === "workday") {
    const due = addWorkingDays(cal, start, amount);
    return { due, end: due, rolledOver: false };
  }
  const end = unit === "day" ? addCalendarDays(start, amount) : addMonths(start, amount);
  let due = end;
  while (!isWorkingDay(cal, due)) due = addCalendarDays(due, 1);
  return { due, end, rolledOver: due !== end };
}
