import { inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { caseOfficers } from "./schema.ts";

/**
 * The officers of a case (办案人员, C2) over time. Nothing is updated in place: the officers named
 * when the lead was registered are the rows of `case_officers`; every change of officers
 * (办案人员变更, the approved step `change_officers`) is an append-only case step whose data holds
 * the complete new set. The set in force is the one of the latest change, else the registered one;
 * the steps give the history (who was on the case from which step and date).
 */
type Step = { seq: number; event: string; onDate: string; data: Record<string, unknown> };

export const officerChangeEvent = "change_officers";

const idsOf = (s: Step): string[] =>
  Array.isArray(s.data.officerIds) ? (s.data.officerIds as unknown[]).map(String) : [];

/** The officers in force after the steps (in order): the latest change's set, else the registered ones. */
export function currentOfficerIds(registered: readonly string[], steps: readonly Step[]): string[] {
  for (let i = steps.length - 1; i >= 0; i--)
    if (steps[i]!.event === officerChangeEvent) return idsOf(steps[i]!);
  return [...registered];
}

/**
 * Everyone who has been an officer of the case (the registration's set and every change's), for
 * rules about the investigators rather than the officers in force (P7: the presiding officer of a
 * hearing did not investigate; P10: the legal reviewer is not on the case team).
 */
export function everOfficerIds(steps: readonly Step[]): string[] {
  const ids = steps.filter((s) => s.event === "create" || s.event === officerChangeEvent).flatMap(idsOf);
  return [...new Set(ids)];
}

/**
 * The officers in force at step `seq` (C2): the set of the latest change at or before that step,
 * else the registered ones. A change is in force from its own step on. For what a step's documents
 * name (the officers who acted then), not the officers now.
 */
export function officersAt(registered: readonly string[], steps: readonly Step[], seq: number): string[] {
  let latest: Step | undefined;
  for (const s of steps)
    if (s.event === officerChangeEvent && s.seq <= seq && (!latest || s.seq > latest.seq)) latest = s;
  return latest ? idsOf(latest) : [...registered];
}

/** The officers registered with the lead, as its create step records them (null if it does not). */
export function registeredOfficerIds(steps: readonly Step[]): string[] | null {
  const created = steps.find((s) => s.event === "create");
  return created && Array.isArray(created.data.officerIds) ? idsOf(created) : null;
}

export type OfficerPeriod = {
  /** The step from which this set was in force (1 = registration of the lead). */
  fromSeq: number;
  fromDate: string;
  /** The last date the set was in force (the date of the next change), null while in force. */
  untilDate: string | null;
  officerIds: string[];
  added: string[];
  removed: string[];
  reason: string;
};

/** Who was on the case when: one period per officer set, oldest first. */
export function officerHistory(registered: readonly string[], steps: readonly Step[]): OfficerPeriod[] {
  const created = steps.find((s) => s.event === "create");
  const periods: OfficerPeriod[] = [
    {
      fromSeq: created?.seq ?? 1,
      fromDate: created?.onDate ?? steps[0]?.onDate ?? "",
      untilDate: null,
      officerIds: [...registered],
      added: [...registered],
      removed: [],
      reason: "",
    },
  ];
  for (const s of steps) {
    if (s.event !== officerChangeEvent) continue;
    const before = periods[periods.length - 1]!;
    const after = idsOf(s);
    before.untilDate = s.onDate;
    periods.push({
      fromSeq: s.seq,
      fromDate: s.onDate,
      untilDate: null,
      officerIds: after,
      added: after.filter((id) => !before.officerIds.includes(id)),
      removed: before.officerIds.filter((id) => !after.includes(id)),
      reason: String(s.data.reason ?? ""),
    });
  }
  return periods;
}

/**
 * SQL: the user is an officer of the case now (for the "mine" filters). The latest change's set
 * when the case has one, else the registered officers.
 */
export const isCurrentOfficer = (caseId: AnyPgColumn | SQL, userId: string): SQL => sql`coalesce(
  (select (e.data -> 'officerIds') @> jsonb_build_array(${userId}::text)
     from case_events e where e.case_id = ${caseId} and e.event = ${officerChangeEvent}
     order by e.seq desc limit 1),
  exists (select 1 from case_officers o where o.case_id = ${caseId} and o.user_id = ${userId}))`;

/** The officers in force of several cases (in the order of their set), in two queries. */
export async function currentOfficersOf(ex: Executor, caseIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!caseIds.length) return out;
  const registered = await ex
    .select({ caseId: caseOfficers.caseId, userId: caseOfficers.userId })
    .from(caseOfficers)
    .where(inArray(caseOfficers.caseId, caseIds))
    .orderBy(caseOfficers.addedAt);
  for (const r of registered) out.set(r.caseId, [...(out.get(r.caseId) ?? []), r.userId]);
  const changed = await ex.execute(sql`
    select distinct on (case_id) case_id, data -> 'officerIds' as officer_ids
      from case_events
     where event = ${officerChangeEvent}
       and case_id in (${sql.join(
         caseIds.map((id) => sql`${id}::uuid`),
         sql`, `,
       )})
     order by case_id, seq desc`);
  for (const r of (changed as unknown as { rows: { case_id: string; officer_ids: unknown }[] }).rows) {
    const ids = typeof r.officer_ids === "string" ? JSON.parse(r.officer_ids) : r.officer_ids;
    out.set(r.case_id, (ids as unknown[]).map(String));
  }
  return out;
}
