import { addMonths, addWorkingDays, type Calendar, dueDate, parseDay } from "../../calendar/working-days.ts";

/** X4 (APL art. 67): pay within 15 days of receiving the decision. */
export const paymentPeriodDays = 15;
/** X5 (APL art. 72): 3% of the fine per day late, never more than the fine. */
export const lateFeeBasisPoints = 300;

export function paymentDue(cal: Calendar, servedOn: string): string {
  return dueDate(cal, servedOn, paymentPeriodDays, "day").due;
}

/**
 * X5: the late-payment penalty on `asOf` for a fine due on `dueOn`: 3% of the fine for each day
 * after the due date, capped at the fine (ACL art. 45). `pausedDays` are days not charged while
 * reconsideration or a lawsuit was pending (APL art. 73). Integer fen, rounded down per day total.
 */
export function lateFeeFen(input: {
  fineFen: number;
  dueOn: string;
  asOf: string;
  pausedDays?: number;
}): number {
  const days = Math.max(
    0,
    Math.round((parseDay(input.asOf) - parseDay(input.dueOn)) / 86_400_000) - (input.pausedDays ?? 0),
  );
  const fee = Math.floor((input.fineFen * lateFeeBasisPoints * days) / 10_000);
  return Math.min(fee, input.fineFen);
}

/**
 * X6 (APL art. 66): instalments. Splits the fine into `count` payments (the first takes the
 * remainder fen), due every `intervalMonths` months from `firstDueOn`.
 */
export function instalmentPlan(input: {
  fineFen: number;
  count: number;
  firstDueOn: string;
  intervalMonths?: number;
}): { dueOn: string; amountFen: number }[] {
  if (!Number.isSafeInteger(input.fineFen) || input.fineFen <= 0)
    throw new RangeError("fine must be a positive integer (fen)");
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > input.fineFen)
    throw new RangeError("bad instalment count");
  const base = Math.floor(input.fineFen / input.count);
  const rest = input.fineFen - base * input.count;
  return Array.from({ length: input.count }, (_, i) => ({
    dueOn: addMonths(input.firstDueOn, i * (input.intervalMonths ?? 1)),
    amountFen: base + (i === 0 ? rest : 0),
  }));
}

/**
 * K7 (ACL art. 53; SPC 2018 interpretation art. 156): apply to the court within 3 months after the
 * party's time to sue has expired (6 months after service, ALL art. 46), and at least 10 working
 * days after the reminder (K5) was served (ACL art. 54).
 */
export function courtApplicationWindow(
  cal: Calendar,
  input: { decisionServedOn: string; reminderServedOn: string },
): { from: string; to: string } {
  const suitExpires = addMonths(input.decisionServedOn, 6);
  const afterReminder = addWorkingDays(cal, input.reminderServedOn, 10);
  // The later of the two dates (ISO dates compare as strings).
  const from = [suitExpires, afterReminder].sort()[1]!;
  return { from, to: addMonths(suitExpires, 3) };
}
