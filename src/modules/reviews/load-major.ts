import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import type { Penalty } from "../cases/rules/penalty.ts";
import type { CaseEventRow, CaseRow } from "../cases/step-context.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { type Criteria, type CriterionView, type MajorNeed, majorNeed } from "./major-decisions.ts";
import {
  collectiveDiscussions,
  collectiveMeetings,
  majorCaseFlags,
  majorDecisionCriteria,
} from "./schema.ts";

/** L1: the criteria in force for an agency: its own and those of the agencies above it (latest row per criterion). */
export async function criteriaInForce(ex: Executor, agencyPath: string): Promise<CriterionView[]> {
  const chain = ancestorIds(agencyPath);
  const rows = await ex
    .select()
    .from(majorDecisionCriteria)
    .where(inArray(majorDecisionCriteria.agencyId, chain))
    .orderBy(desc(majorDecisionCriteria.at), desc(majorDecisionCriteria.id));
  const seen = new Set<string>();
  const out: CriterionView[] = [];
  for (const r of rows) {
    if (seen.has(r.criterionId)) continue;
    seen.add(r.criterionId);
    if (r.action !== "save") continue;
    out.push({
      criterionId: r.criterionId,
      agencyId: r.agencyId,
      name: r.name,
      criteria: r.criteria as Criteria,
      needsReview: r.needsReview,
      needsDiscussion: r.needsDiscussion,
      reason: r.reason,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, "zh"));
}

export async function caseFlags(ex: Executor, caseId: string) {
  return ex
    .select()
    .from(majorCaseFlags)
    .where(eq(majorCaseFlags.caseId, caseId))
    .orderBy(asc(majorCaseFlags.at));
}

/** P9 / P10 / L1 / F1 for a decision of a case: the answer with its reasons. */
export async function needOf(
  ex: Executor,
  c: { case: CaseRow; agencyPath: string; events: Pick<CaseEventRow, "event">[] },
  decision: { outcome: string; penalty?: Penalty },
): Promise<MajorNeed> {
  const list = await criteriaInForce(ex, c.agencyPath);
  const flags = await caseFlags(ex, c.case.id);
  return majorNeed(
    {
      outcome: decision.outcome,
      penalty: decision.penalty,
      field: c.case.field,
      partyType: c.case.partyType as "individual" | "organisation",
      heard: c.events.some((e) => e.event === "record_hearing"),
      thresholdIndividualFen: await getNumberSetting(ex, c.case.agencyId, "hearing.fineThresholdIndividual"),
      thresholdOrganisationFen: await getNumberSetting(
        ex,
        c.case.agencyId,
        "hearing.fineThresholdOrganisation",
      ),
    },
    list,
    flags,
  );
}

/** P9: the discussions of a case, newest first (with the meeting date). */
export async function discussionsOf(ex: Executor, caseId: string) {
  return ex
    .select({ d: collectiveDiscussions, heldOn: collectiveMeetings.heldOn })
    .from(collectiveDiscussions)
    .innerJoin(collectiveMeetings, eq(collectiveMeetings.id, collectiveDiscussions.meetingId))
    .where(and(eq(collectiveDiscussions.caseId, caseId)))
    .orderBy(desc(collectiveDiscussions.at));
}
