import { z } from "zod";
import { penaltyInput } from "./case.ts";
import { changeOfficers } from "./change-steps.ts";
import { executionSteps } from "./execution-steps.ts";
import type { Transition } from "./transition.ts";

/**
 * The simple procedure (简易程序 / 当场处罚, C07) as data. The officers decide on the spot (P1
 * limits, C2 two certified officers, P13), fill a numbered decision form (the case number), hand
 * it over and report it to the agency (P2); service, execution, closing and archiving are the
 * steps of the general procedure. Not yet: the phone-sized page, the pre-printed form series,
 * X2 remedies printed on the form (documents, C12).
 */
const decideOnTheSpot: Transition = {
  from: "lead",
  event: "decide",
  label: "当场作出行政处罚决定（简易程序）",
  to: "decided",
  roles: ["officer"],
  guards: [
    { ruleId: "P1", check: "simpleProcedureLimits" },
    { ruleId: "C2", check: "twoCertifiedOfficers" },
    { ruleId: "P13", check: "noSecondFine" },
    { ruleId: "X1", check: "decisionDocument" },
  ],
  data: z.strictObject({
    outcome: z.literal("penalty").default("penalty"),
    penalty: penaltyInput,
    facts: z.string().trim().min(1).max(2000),
    legalBasis: z.string().trim().min(1).max(2000),
    /** P2: a refusal to sign is noted on the form. */
    partySigned: z.boolean(),
  }),
  opens: [],
  documents: ["当场行政处罚决定书（编号）"],
  assignsNumber: true,
};

export const simpleProcedure: Transition[] = [
  decideOnTheSpot,
  {
    from: "lead",
    event: "cancel",
    label: "批准销案",
    to: "cancelled",
    roles: ["squad_leader", "agency_leader"],
    guards: [],
    data: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
    closes: "all",
  },
  changeOfficers("lead"),
  ...executionSteps.filter((t) => t.event !== "transfer_out"),
];
