import type { Calendar } from "../calendar/working-days.ts";
import { type DeadlineStatus, deadlineStatus } from "../cases/rules/deadlines.ts";
import { unacceptedStates } from "./complaint.ts";

/** Working days before a due date when a complaint deadline turns yellow. */
export const warnWorkdays = { accept: 1, answer: 3 } as const;

type Row = { state: string; acceptDueOn: string; answerDueOn: string; answeredOn: string | null };

/**
 * The open deadlines of a complaint (settings complaint.acceptWorkdays / answerWorkdays, seed 001
 * item 25) with their traffic light: accept while it waits for a unit, answer until answered.
 */
export function complaintDeadlines(cal: Calendar, today: string, c: Row) {
  const light = (due: string, warn: number): DeadlineStatus => {
    try {
      return deadlineStatus(cal, { today, due, warnWorkdays: warn });
    } catch {
      // A year not loaded (D4): the colour of a list is not a legal deadline; past due is still red.
      return today > due ? "red" : "green";
    }
  };
  const out: { kind: "accept" | "answer"; label: string; dueOn: string; light: DeadlineStatus }[] = [];
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

const order: Record<DeadlineStatus, number> = { red: 0, yellow: 1, green: 2 };
/** The worst light of a complaint's open deadlines (null when none is open). */
export const worstLight = (ds: { light: DeadlineStatus }[]): DeadlineStatus | null =>
  ds.length ? ds.reduce((a, b) => (order[b.light] < order[a.light] ? b : a)).light : null;
