import { and, asc, count, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { dateOf } from "../officers/officer.ts";
import { dueHasLight, lightOf } from "./deadline-filter.ts";
import { currentOfficersOf, isCurrentOfficer } from "./officers-of-case.ts";
import type { DeadlineStatus } from "./rules/deadlines.ts";
import { caseDeadlines, cases } from "./schema.ts";
import { type CaseState, caseStates, type DeadlineKind, deadlineKinds } from "./transition.ts";

export type DeadlineFilter = {
  /** Only the cases the actor handles (我的工作). */
  mine?: boolean;
  light?: DeadlineStatus;
  agencyId?: string;
  kind?: DeadlineKind;
};

/**
 * Every open deadline in force (the latest row of its kind) of the cases the actor may read,
 * nearest first, with its traffic light: "我的工作" (mine) and the managers' overdue list (light=red).
 */
export async function listDeadlines(ctx: AppContext, actor: Principal, req: PageRequest & DeadlineFilter) {
  const d = caseDeadlines;
  const today = dateOf(ctx.now());
  const cal = await loadCalendar(ctx.db);
  const where = and(
    eq(d.status, "open"),
    sql`not exists (select 1 from case_deadlines d2 where d2.case_id = ${d.caseId} and d2.kind = ${d.kind} and d2.seq > ${d.seq})`,
    underAny(agencies.path, scopePrefixes(actor, "case.read")),
    req.agencyId ? eq(cases.agencyId, req.agencyId) : undefined,
    req.kind ? eq(d.kind, req.kind) : undefined,
    req.light ? dueHasLight(d.dueOn, cal, today, req.light) : undefined,
    req.q
      ? or(
          ilike(cases.number, likePattern(req.q)),
          ilike(cases.partyName, likePattern(req.q)),
          ilike(cases.summary, likePattern(req.q)),
        )
      : undefined,
    // C2: the officers in force (after any change of officers).
    req.mine ? isCurrentOfficer(d.caseId, actor.userId) : undefined,
  );
  const rows = await ctx.db
    .select({
      caseId: d.caseId,
      kind: d.kind,
      dueOn: d.dueOn,
      number: cases.number,
      procedure: cases.procedure,
      state: cases.state,
      partyName: cases.partyName,
      summary: cases.summary,
      agencyId: cases.agencyId,
      agencyName: agencies.name,
    })
    .from(d)
    .innerJoin(cases, eq(cases.id, d.caseId))
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(where)
    .orderBy(asc(d.dueOn), d.caseId, d.kind)
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(d)
    .innerJoin(cases, eq(cases.id, d.caseId))
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .where(where);
  const caseIds = [...new Set(rows.map((r) => r.caseId))];
  const officersOf = await currentOfficersOf(ctx.db, caseIds);
  const userIds = [...new Set([...officersOf.values()].flat())];
  const names = new Map(
    (userIds.length
      ? await ctx.db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, userIds))
      : []
    ).map((u) => [u.id, u.name]),
  );
  const namesOf = (id: string) => (officersOf.get(id) ?? []).map((u) => names.get(u) ?? "");
  return {
    items: rows.map((r) => ({
      ...r,
      stateName: caseStates[r.state as CaseState] ?? r.state,
      label: deadlineKinds[r.kind as DeadlineKind]?.label ?? r.kind,
      ruleId: deadlineKinds[r.kind as DeadlineKind]?.ruleId ?? "",
      light: lightOf(cal, today, r.dueOn),
      officers: namesOf(r.caseId),
    })),
    total: Number(total?.n ?? 0),
    page: req.page,
    pageSize: req.pageSize,
  };
}
