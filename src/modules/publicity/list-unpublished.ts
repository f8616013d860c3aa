import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { lightOf } from "../cases/deadline-filter.ts";
import { caseEvents, cases } from "../cases/schema.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { publicDecisions } from "./schema.ts";

/**
 * The publication compliance list (G3): decisions of the agencies the actor may read that are not
 * published yet, with their due date (penalties 7 working days, others 20: settings) and traffic
 * light; overdue ones are red for supervisors.
 */
export async function listUnpublished(ctx: AppContext, actor: Principal) {
  const rows = await ctx.db
    .select({
      caseId: cases.id,
      caseNumber: cases.number,
      partyName: cases.partyName,
      summary: cases.summary,
      agencyId: cases.agencyId,
      agencyName: agencies.name,
      outcome: sql<string>`${caseEvents.data}->>'outcome'`,
      decidedOn: caseEvents.onDate,
    })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(
      and(
        eq(caseEvents.event, "decide"),
        inArray(sql`${caseEvents.data}->>'outcome'`, ["penalty", "no_penalty"]),
        underAny(agencies.path, scopePrefixes(actor, "case.read")),
        sql`not exists (select 1 from ${publicDecisions} p where p.decision_event_id = ${caseEvents.id})`,
      ),
    )
    .orderBy(asc(caseEvents.onDate));
  const cal = await loadCalendar(ctx.db);
  const today = dateOf(ctx.now());
  const days = new Map<string, { penalty: number; other: number }>();
  for (const agencyId of new Set(rows.map((r) => r.agencyId)))
    days.set(agencyId, {
      penalty: await getNumberSetting(ctx.db, agencyId, "publicity.penaltyWorkdays"),
      other: await getNumberSetting(ctx.db, agencyId, "publicity.otherWorkdays"),
    });
  return rows.map((r) => {
    const d = days.get(r.agencyId)!;
    let dueOn: string | null;
    try {
      dueOn = addWorkingDays(cal, r.decidedOn, r.outcome === "penalty" ? d.penalty : d.other);
    } catch {
      dueOn = null; // a year the calendar does not cover (D4): no date is guessed
    }
    return { ...r, ruleId: "G3", dueOn, light: dueOn ? lightOf(cal, today, dueOn) : null };
  });
}
