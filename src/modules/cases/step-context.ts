import { AppError, type ErrorCode, errorMessages } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import type { Calendar } from "../calendar/working-days.ts";
import type { EffectiveRecordingList } from "../evidence/effective-recording-list.ts";
import type { OfficerRow } from "../officers/may-enforce.ts";
import type { RuleResult } from "./rules/rule-result.ts";
import type { caseEvents, cases } from "./schema.ts";
import type { Transition } from "./transition.ts";

export type CaseRow = typeof cases.$inferSelect;
export type CaseEventRow = typeof caseEvents.$inferSelect;

/** Everything a guard may look at: the case, its history, the step and its date (loaded by the engine). */
export type StepContext = {
  tx: Executor;
  case: CaseRow;
  events: CaseEventRow[];
  officerIds: string[];
  /** The path of the agency handling the case (lists apply from the agencies above it too). */
  agencyPath: string;
  /** The agency handling the case. */
  agency: AgencyRow;
  /** Deadlines in force (latest row per kind). */
  deadlines: { kind: string; status: string; dueOn: string }[];
  transition: Transition;
  data: Record<string, unknown>;
  /** The date of the step in law. */
  on: string;
  calendar: () => Promise<Calendar>;
  /** C2: the officer rows read with the case (findCase), when the step's guards need them. */
  officerRows?: OfficerRow[];
  /** L5: the list in force read with the case (findCase), when the step's guards need it. */
  recordingList?: EffectiveRecordingList;
};

/** Throws the refusal of a rule as an AppError with its stable code and the rule ID in the message. */
export function enforce(r: RuleResult): void {
  if (r.ok) return;
  const code = (r.code in errorMessages ? r.code : "VALIDATION_FAILED") as ErrorCode;
  throw new AppError(code, `${r.message}（${r.ruleId}）`, [{ message: `rule ${r.ruleId}` }]);
}

export const lastEvent = (s: Pick<StepContext, "events">, event: string) =>
  [...s.events].reverse().find((e) => e.event === event);

/** Throws a refusal naming its rule ID. */
export function refuse(code: ErrorCode, message: string, ruleId: string): never {
  throw new AppError(code, `${message}（${ruleId}）`, [{ message: `rule ${ruleId}` }]);
}
