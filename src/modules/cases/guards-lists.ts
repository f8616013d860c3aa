import { and, eq, ne, sql } from "drizzle-orm";
import { listedPowerItems, type ProcedureList, procedureLists } from "./procedure-lists.ts";
import { caseEvents, cases } from "./schema.ts";
import { lastEvent, refuse, type StepContext } from "./step-context.ts";
import type { GuardCheck } from "./transition.ts";

async function requireListed(s: StepContext, list: ProcedureList): Promise<void> {
  const listed = await listedPowerItems(s.tx, s.agencyPath, list);
  if (!s.case.powerItemIds.some((id) => listed.has(id)))
    refuse(
      "NOT_ON_PROCEDURE_LIST",
      `本案的违法行为不在本机关的${procedureLists[list].name}中`,
      procedureLists[list].ruleId,
    );
}

/**
 * P11: an earlier case of the same party (ID number or credit code) for one of the same violation
 * types that ended in a penalty, a first-violation exemption or a correction after three-step
 * enforcement means this is not a first violation.
 */
async function earlierViolation(s: StepContext): Promise<boolean> {
  const rows = await s.tx
    .select({ id: caseEvents.id })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(
      and(
        ne(cases.id, s.case.id),
        eq(cases.partyIdNumber, s.case.partyIdNumber),
        ne(cases.state, "cancelled"),
        sql`${cases.powerItemIds} && string_to_array(${s.case.powerItemIds.join(",")}, ',')::uuid[]`,
        sql`(${caseEvents.event} = 'reinspect_corrected' or (${caseEvents.event} = 'decide' and (
          ${caseEvents.data}->>'outcome' = 'penalty' or ${caseEvents.data}->>'ground' = 'first_violation')))`,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Checks of the three-step procedure (C08) and of no-penalty decisions (P11). */
export const listGuards = {
  // C08: three-step enforcement only for the violation types on the agency's list.
  async threeStepListed(s) {
    await requireListed(s, "three_step");
  },
  // C08: the order to correct gives a deadline after the day it is made.
  async correctionDueLater(s) {
    if (String(s.data.dueOn) <= s.on)
      refuse("VALIDATION_FAILED", "责令改正的期限应晚于作出责令改正的日期", "C08");
  },
  // C08: "not corrected" only once the correction period has run.
  async correctionPeriodOver(s) {
    const due = s.deadlines.find((d) => d.kind === "correction" && d.status === "open")?.dueOn;
    if (due && s.on <= due)
      refuse("CORRECTION_PERIOD_RUNNING", `责令改正期限至 ${due} 届满，届满前不能认定逾期未改正`, "C08");
  },
  // P11: a first-violation exemption needs the violation type on the agency's list, a party whose
  // identity was checked, and no earlier violation of the same type; the education is recorded
  // (the step's data) in every no-penalty case.
  async noPenaltyGround(s) {
    if (s.data.outcome !== "no_penalty" || s.data.ground !== "first_violation") return;
    await requireListed(s, "first_violation");
    if (!s.case.partyIdNumber)
      refuse("NOT_FIRST_VIOLATION", "适用首违不罚须核实当事人身份（身份证号码或统一社会信用代码）", "P11");
    if (await earlierViolation(s))
      refuse("NOT_FIRST_VIOLATION", "当事人此前已有同类违法行为被处理，不属于初次违法", "P11");
    // Three-step cases that were not corrected do not qualify as "corrected in time".
    if (lastEvent(s, "reinspect_not_corrected"))
      refuse("NOT_FIRST_VIOLATION", "当事人经责令改正逾期未改正，不适用首违不罚", "P11");
  },
} satisfies Partial<Record<GuardCheck, (s: StepContext) => Promise<void>>>;
