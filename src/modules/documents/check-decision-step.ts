import type { Executor } from "../../db/client.ts";
import type { CaseEventRow, CaseRow } from "../cases/guards.ts";
import type { CaseFileEvent } from "./case-file.ts";
import type { DecisionCheck } from "./decision-check.ts";
import { checkDecisionStep } from "./document-kinds.ts";
import { loadCaseFile } from "./load-case-file.ts";

/**
 * X1 guard for a decide step before it is written: would the penalty decision it makes carry every
 * item of APL art. 59 and the X2 remedies? Call it inside the step's transaction with the step's
 * case, its earlier events, its officers, the step data and date (the engine's StepContext has
 * them all). Other outcomes (no penalty, transfer) answer ok.
 */
export async function checkDecisionStepData(
  ex: Executor,
  s: {
    case: CaseRow;
    events: CaseEventRow[];
    officerIds: string[];
    data: Record<string, unknown>;
    on: string;
  },
): Promise<DecisionCheck> {
  const file = await loadCaseFile(ex, s);
  const step: CaseFileEvent = {
    seq: s.case.version + 1,
    event: "decide",
    onDate: s.on,
    at: new Date(`${s.on}T00:00:00.000Z`),
    data: s.data,
    actorName: "",
  };
  file.events.push(step);
  return checkDecisionStep(file, step);
}
