import { z } from "zod";
import { lawDate } from "../officers/officer.ts";
import { changeOfficers } from "./change-steps.ts";
import { executionSteps } from "./execution-steps.ts";
import { approvers, C2, type CaseState, handlers, note, type Transition } from "./transition.ts";

/**
 * Three-step enforcement (三步式执法, C08; seed 004 (二)2: "先教育规范，再限期整改，最后依法处罚"):
 * for the violation types the agency has put on its three-step list, officers first educate the
 * party, then order correction by a deadline, then re-inspect. Corrected in time: the case closes
 * without a penalty (P11). Not corrected: the case continues under the general procedure from
 * the lead (filing, investigation, …), with the education and the order on its record.
 */
export const threeStepProcedure: Transition[] = [
  {
    from: "lead",
    event: "educate",
    label: "教育劝导（教育记录）",
    to: "educated",
    roles: handlers,
    guards: [{ ruleId: "C08", check: "threeStepListed" }, C2],
    data: z.strictObject({ record: note() }),
    documents: ["教育劝导记录"],
  },
  {
    from: "educated",
    event: "order_correction",
    label: "责令限期改正（责令改正通知书）",
    to: "ordered",
    roles: handlers,
    guards: [C2, { ruleId: "C08", check: "correctionDueLater" }],
    data: z.strictObject({ requirement: note(2000), dueOn: lawDate }),
    opens: ["correction"],
    documents: ["责令限期改正通知书"],
  },
  {
    from: "ordered",
    event: "reinspect_corrected",
    label: "复查：已按期改正（不予处罚，P11）",
    to: "closed",
    roles: handlers,
    guards: [C2],
    data: z.strictObject({ record: note() }),
    closes: "all",
    documents: ["复查记录"],
  },
  {
    from: "ordered",
    event: "reinspect_not_corrected",
    label: "复查：逾期未改正（转一般程序立案查处）",
    to: "lead",
    roles: handlers,
    guards: [C2, { ruleId: "C08", check: "correctionPeriodOver" }],
    data: z.strictObject({ record: note() }),
    closes: ["correction"],
    documents: ["复查记录"],
    switchesTo: "general",
  },
  ...(["lead", "educated", "ordered"] as CaseState[]).map(
    (from): Transition => ({
      from,
      event: "cancel",
      label: "批准销案",
      to: "cancelled",
      roles: approvers,
      guards: [],
      data: z.strictObject({ reason: note(2000) }),
      closes: "all",
      documents: ["销案审批表"],
    }),
  ),
  ...(["lead", "educated", "ordered"] as CaseState[]).map(changeOfficers),
  ...executionSteps.filter((t) => t.event === "archive"),
];
