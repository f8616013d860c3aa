import { AppError } from "../../core/errors.ts";
import { addWorkingDays, type Calendar } from "../calendar/working-days.ts";
import { type DeadlineStatus, deadlineStatus } from "../cases/rules/deadlines.ts";
import { unacceptedStates } from "./complaint.ts";

/** Working days before a due date when a complaint deadline turns yellow. */
export const warnWorkdays = { accept: 1, answer: 3 } as const;

/** "pending": the due date falls in a year whose calendar is not imported yet (rule D4). */
export type ComplaintLight = DeadlineStatus | "pending";
export const pendingDueText = "待导入工作日历后计算";

/**
 * N working days after `start`, or null when the calendar of a year it reaches is not imported
 * (rule D4: never guessed; the complaint is still received and the date is computed on read once
 * the year is imported).
 */
export function workingDaysOrPending(cal: Calendar, start: string, n: number): string | null {
  try {
    return addWorkingDays(cal, start, n);
  } catch (e) {
    if (e instanceof AppError && e.code === "CALENDAR_YEAR_NOT_LOADED") return null;
    throw e;
  }
}

type Row = {
  state: string;
  acceptDueOn: string | null;
  answerDueOn: string | null;
  answeredOn: string | null;
};

/**
 * The open deadlines of a complaint (settings complaint.acceptWorkdays / answerWorkdays, seed 001
 * item 25) with their traffic light: accept while it waits for a unit, answer until answered.
 */
export function complaintDeadlines(cal: Calendar, today: string, c: Row) {
  const light = (due: string | null, warn: number): ComplaintLight => {
    if (due === null) return "pending";
    try {
      return deadlineStatus(cal, { today, due, warnWorkdays: warn });
    } catch {
      // A year not loaded (D4): the colour of a list is not a legal deadline; past due is still red.
      return today > due ? "red" : "green";
    }
  };
  const out: { kind: "accept" | "answer"; label: string; dueOn: string | null; light: ComplaintLight }[] = [];
  if ((unacceptedStates as readonly string[]).includes(c.state))
    out.push({
      kind: "accept",
      label: "受理期限",
      dueOn: c.acceptDueOn,
      light: light(c.acceptDueOn, warnWorkdays.accept),
    });
  if (!c.answeredOn && c.state !== "merged" && c.state !== "transferred")
    out.push({
      kind: "answer",
      label: "答复期限",
      dueOn: c.answerDueOn,
      light: light(c.answerDueOn, warnWorkdays.answer),
    });
  return out;
}

// A pending date is not known to be far: it ranks above green (D4).
const order: Record<ComplaintLight, number> = { red: 0, yellow: 1, pending: 2, green: 3 };
/** The worst light of a complaint's open deadlines (null when none is open). */
export const worstLight = (ds: { light: ComplaintLight }[]): ComplaintLight | null =>
  ds.length ? ds.reduce((a, b) => (order[b.light] < order[a.light] ? b : a)).light : null;
