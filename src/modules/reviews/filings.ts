import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import type { Calendar } from "../calendar/working-days.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import type { Penalty } from "../cases/rules/penalty.ts";
import { caseEvents, cases } from "../cases/schema.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { filingReasons, type Reason } from "./major-decisions.ts";
import { decisionFilingAcks, decisionFilings } from "./schema.ts";

export type FilingStatus = "pending" | "submitted" | "acknowledged";

export type FilingItem = {
  eventId: string;
  caseId: string;
  caseNumber: string | null;
  partyName: string;
  summary: string;
  agencyId: string;
  agencyName: string;
  agencyPath: string;
  decidedOn: string;
  fineFen: number;
  reasons: Reason[];
  dueOn: string;
  status: FilingStatus;
  /** F1 alarm: not submitted and past due, or submitted after the due date. */
  overdue: boolean;
  filingId: string | null;
  submittedOn: string | null;
  acknowledgedAt: Date | null;
};

/** F1: the due date of a filing: N working days after the decision (calendar, D1/D4; N a setting). */
export function filingDue(cal: Calendar, decidedOn: string, workdays: number): string {
  return addWorkingDays(cal, decidedOn, workdays);
}

/**
 * F1 (seed 004): the decisions to be filed with the superior government's legal office, derived from
 * the cases' decide steps whose decision meets the criteria, with their filing and acknowledgement.
 */
export async function filingQueue(
  ex: Executor,
  cal: Calendar,
  prefixes: string[],
  today: string,
  filter: { eventId?: string; agencyId?: string } = {},
): Promise<FilingItem[]> {
  const rows = await ex
    .select({
      e: caseEvents,
      c: cases,
      agencyName: agencies.name,
      agencyPath: agencies.path,
      filing: decisionFilings,
      ackAt: decisionFilingAcks.at,
    })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .leftJoin(decisionFilings, eq(decisionFilings.eventId, caseEvents.id))
    .leftJoin(decisionFilingAcks, eq(decisionFilingAcks.filingId, decisionFilings.id))
    .where(
      and(
        eq(caseEvents.event, "decide"),
        sql`${caseEvents.data}->>'outcome' = 'penalty'`,
        underAny(agencies.path, prefixes),
        filter.eventId ? eq(caseEvents.id, filter.eventId) : undefined,
        filter.agencyId ? eq(cases.agencyId, filter.agencyId) : undefined,
      ),
    );
  const settings = new Map<string, { ind: number; org: number; days: number }>();
  const out: FilingItem[] = [];
  for (const r of rows) {
    let s = settings.get(r.c.agencyId);
    if (!s) {
      s = {
        ind: await getNumberSetting(ex, r.c.agencyId, "hearing.fineThresholdIndividual"),
        org: await getNumberSetting(ex, r.c.agencyId, "hearing.fineThresholdOrganisation"),
        days: await getNumberSetting(ex, r.c.agencyId, "filing.deadlineWorkdays"),
      };
      settings.set(r.c.agencyId, s);
    }
    const penalty = r.e.data.penalty as Penalty | undefined;
    const reasons = filingReasons({
      outcome: "penalty",
      penalty,
      field: r.c.field,
      partyType: r.c.partyType as "individual" | "organisation",
      heard: false,
      thresholdIndividualFen: s.ind,
      thresholdOrganisationFen: s.org,
    });
    if (!reasons.length) continue;
    const dueOn = filingDue(cal, r.e.onDate, s.days);
    const status: FilingStatus = !r.filing ? "pending" : r.ackAt ? "acknowledged" : "submitted";
    out.push({
      eventId: r.e.id,
      caseId: r.c.id,
      caseNumber: r.c.number,
      partyName: r.c.partyName,
      summary: r.c.summary,
      agencyId: r.c.agencyId,
      agencyName: r.agencyName,
      agencyPath: r.agencyPath,
      decidedOn: r.e.onDate,
      fineFen: penalty?.fineFen ?? 0,
      reasons,
      dueOn,
      status,
      overdue: r.filing ? r.filing.submittedOn > dueOn : today > dueOn,
      filingId: r.filing?.id ?? null,
      submittedOn: r.filing?.submittedOn ?? null,
      acknowledgedAt: r.ackAt ?? null,
    });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.eventId.localeCompare(b.eventId));
}
