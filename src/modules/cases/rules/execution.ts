import type { Calendar } from "../../calendar/working-days.ts";
import { instalmentPlan, lateFeeBasisPoints, paymentDue } from "./payment.ts";

export type Instalment = { dueOn: string; amountFen: number };
export type Payment = { on: string; amountFen: number };
type Step = { event: string; onDate: string; data: Record<string, unknown> };

const dayMs = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/** The fine the decision imposed (fen; 0 for a warning, no penalty or transfer). */
export function fineOf(steps: readonly Step[]): number {
  const decided = [...steps].reverse().find((s) => s.event === "decide");
  if (decided?.data.outcome !== "penalty") return 0;
  const penalty = decided.data.penalty as { fineFen?: number } | undefined;
  return penalty?.fineFen ?? 0;
}

/**
 * When the fine is due (X4, X6): 15 days after service; or the date of an approved deferral; or
 * the instalments of an approved plan (the latest approval counts).
 */
export function paymentSchedule(cal: Calendar, steps: readonly Step[]): Instalment[] {
  const fineFen = fineOf(steps);
  const served = steps.find((s) => s.event === "serve");
  if (!fineFen || !served) return [];
  const approval = [...steps]
    .reverse()
    .find((s) => s.event === "approve_deferral" || s.event === "approve_instalments");
  if (approval?.event === "approve_deferral")
    return [{ dueOn: String(approval.data.dueOn), amountFen: fineFen }];
  if (approval?.event === "approve_instalments")
    return instalmentPlan({
      fineFen,
      count: Number(approval.data.count),
      firstDueOn: String(approval.data.firstDueOn),
      intervalMonths: Number(approval.data.intervalMonths ?? 1),
    });
  return [{ dueOn: paymentDue(cal, served.onDate), amountFen: fineFen }];
}

/** Payments recorded (record_payment, and the final payment of record_execution). */
export const paymentsOf = (steps: readonly Step[]): Payment[] =>
  steps
    .filter((s) => s.event === "record_payment" || s.event === "record_execution")
    .map((s) => ({ on: s.onDate, amountFen: Number(s.data.paidFen ?? 0) }))
    .filter((p) => p.amountFen > 0);

export type Owed = {
  fineFen: number;
  paidFen: number;
  /** Fine still unpaid. */
  fineOutstandingFen: number;
  /** X5: 3% a day on each instalment's unpaid part after its due date, capped at the fine. */
  lateFeeFen: number;
  /** What the party must still pay in all (fine outstanding + late fee − overpayment). */
  totalFen: number;
  /** The earliest instalment not yet paid in full (null when the fine is paid). */
  nextDueOn: string | null;
};

/**
 * X4/X5/X6: what the party owes on `asOf`. Payments settle the earliest instalments first; each
 * part of an instalment paid late carries 3% a day for the days it was late; the late fee never
 * exceeds the fine (ACL art. 45). Payments beyond the fine count towards the late fee.
 */
export function amountOwed(input: {
  fineFen: number;
  schedule: readonly Instalment[];
  payments: readonly Payment[];
  asOf: string;
}): Owed {
  const payments = [...input.payments].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const remaining = input.schedule.map((i) => i.amountFen);
  // Sum of (amount × days late) in fen-days; the fee is 3% of it.
  let fenDays = 0;
  let paidFen = 0;
  let i = 0;
  for (const p of payments) {
    paidFen += p.amountFen;
    let left = p.amountFen;
    while (left > 0 && i < remaining.length) {
      const part = Math.min(left, remaining[i]!);
      fenDays += part * Math.max(0, daysBetween(input.schedule[i]!.dueOn, p.on));
      remaining[i]! -= part;
      left -= part;
      if (remaining[i] === 0) i++;
    }
  }
  for (let k = i; k < remaining.length; k++)
    fenDays += remaining[k]! * Math.max(0, daysBetween(input.schedule[k]!.dueOn, input.asOf));
  const lateFeeFen = Math.min(Math.floor((fenDays * lateFeeBasisPoints) / 10_000), input.fineFen);
  const fineOutstandingFen = remaining.reduce((a, b) => a + b, 0);
  const paidTowardsFee = Math.max(0, paidFen - (input.fineFen - fineOutstandingFen));
  return {
    fineFen: input.fineFen,
    paidFen,
    fineOutstandingFen,
    lateFeeFen,
    totalFen: Math.max(0, fineOutstandingFen + lateFeeFen - paidTowardsFee),
    nextDueOn: i < remaining.length ? input.schedule[i]!.dueOn : null,
  };
}

/** Everything about the money of a case on a date, from its steps. */
export function owedOn(cal: Calendar, steps: readonly Step[], asOf: string): Owed {
  const fineFen = fineOf(steps);
  return amountOwed({ fineFen, schedule: paymentSchedule(cal, steps), payments: paymentsOf(steps), asOf });
}

export const yuan = (fen: number) => (fen / 100).toFixed(2);
