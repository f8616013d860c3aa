import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import type { Calendar } from "../calendar/working-days.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { dueHasLight, lightOf } from "./deadline-filter.ts";
import { isCurrentOfficer } from "./officers-of-case.ts";
import type { DeadlineStatus } from "./rules/deadlines.ts";
import { caseDeadlines, cases } from "./schema.ts";
import { type CaseState, caseStates } from "./transition.ts";

export type CaseFilter = {
  agencyId?: string;
  state?: string;
  procedure?: string;
  field?: string;
  officerId?: string;
  /** Cases with an open deadline of this colour (red: overdue; yellow: due within 3 working days). */
  deadline?: DeadlineStatus;
};

/** An open deadline in force (the latest row of its kind) of the case matching `due`. */
const openDeadline = (caseId: SQL | typeof cases.id, due: SQL) => sql`exists (
  select 1 from case_deadlines d where d.case_id = ${caseId} and d.status = 'open'
    and not exists (select 1 from case_deadlines d2 where d2.case_id = d.case_id and d2.kind = d.kind and d2.seq > d.seq)
    and ${due})`;

const deadlineCondition = (cal: Calendar, today: string, light: DeadlineStatus): SQL =>
  openDeadline(cases.id, dueHasLight(sql`d.due_on`, cal, today, light));

/** Cases the actor may read (own agency and supervised ones), newest first. */
export async function listCases(ctx: AppContext, actor: Principal, req: PageRequest & CaseFilter) {
  const c = cases;
  const today = dateOf(ctx.now());
  const cal = await loadCalendar(ctx.db);
  const where = and(
    req.deadline ? deadlineCondition(cal, today, req.deadline) : undefined,
    underAny(agencies.path, scopePrefixes(actor, "case.read")),
    req.agencyId ? eq(c.agencyId, req.agencyId) : undefined,
    req.state ? eq(c.state, req.state) : undefined,
    req.procedure ? eq(c.procedure, req.procedure) : undefined,
    req.field ? eq(c.field, req.field) : undefined,
    // C2: the officers in force (after any change of officers).
    req.officerId ? isCurrentOfficer(c.id, req.officerId) : undefined,
    req.q
      ? or(
          ilike(c.number, likePattern(req.q)),
          ilike(c.partyName, likePattern(req.q)),
          ilike(c.summary, likePattern(req.q)),
          ilike(c.placeAddress, likePattern(req.q)),
        )
      : undefined,
  );
  const rows = await ctx.db
    .select({ c, agencyName: agencies.name })
    .from(c)
    .innerJoin(agencies, eq(agencies.id, c.agencyId))
    .where(where)
    .orderBy(req.order === "asc" ? c.createdAt : desc(c.createdAt), c.id)
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(c)
    .innerJoin(agencies, eq(agencies.id, c.agencyId))
    .where(where);
  // The nearest open deadline of each listed case, with its traffic light.
  const ids = rows.map((r) => r.c.id);
  const deadlineRows = ids.length
    ? await ctx.db
        .select()
        .from(caseDeadlines)
        .where(inArray(caseDeadlines.caseId, ids))
        .orderBy(desc(caseDeadlines.seq))
    : [];
  const latest = new Map<string, (typeof deadlineRows)[number]>();
  for (const d of deadlineRows)
    if (!latest.has(`${d.caseId}/${d.kind}`)) latest.set(`${d.caseId}/${d.kind}`, d);
  const nearest = new Map<string, string>();
  for (const d of latest.values()) {
    const n = nearest.get(d.caseId);
    if (d.status === "open" && (!n || d.dueOn < n)) nearest.set(d.caseId, d.dueOn);
  }
  const light = (due: string | undefined) => lightOf(cal, today, due);
  return {
    items: rows.map((r) => ({
      ...r.c,
      agencyName: r.agencyName,
      stateName: caseStates[r.c.state as CaseState] ?? r.c.state,
      nextDueOn: nearest.get(r.c.id) ?? null,
      light: light(nearest.get(r.c.id)),
    })),
    total: Number(total?.n ?? 0),
    page: req.page,
    pageSize: req.pageSize,
  };
}
