import { and, count, desc, eq, exists, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { addCalendarDays, addWorkingDays, type Calendar } from "../calendar/working-days.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { roles } from "../identity/roles.ts";
import { dateOf } from "../officers/officer.ts";
import { type ComplaintState, complaintCategories, complaintSources, complaintStates } from "./complaint.ts";
import { type ComplaintLight, complaintDeadlines, warnWorkdays, worstLight } from "./deadlines.ts";
import { resolveDueDates } from "./resolve-due-dates.ts";
import { complaints } from "./schema.ts";

export type ComplaintFilter = {
  state?: string;
  source?: string;
  category?: string;
  agencyId?: string;
  /** The actor's queue: complaints dispatched to, or owned and open at, a unit where the actor handles complaints. */
  queue?: boolean;
  light?: ComplaintLight;
};

const c = complaints;
const a = alias(agencies, "a");

/** complaint.read: the receiving, owning or pending unit lies in the actor's scope. */
export function visibleTo(ctx: AppContext, actor: Principal): SQL {
  return exists(
    ctx.db
      .select({ x: a.id })
      .from(a)
      .where(
        and(
          or(eq(a.id, c.bureauId), eq(a.id, c.agencyId), eq(a.id, c.pendingAgencyId)),
          underAny(a.path as unknown as typeof agencies.path, scopePrefixes(actor, "complaint.read")),
        ),
      ),
  );
}

const acceptOpen = sql`${c.state} in ('received','dispatched')`;
const answerOpen = sql`(${c.answeredOn} is null and ${c.state} not in ('merged','transferred'))`;

function storedLightCondition(cal: Calendar, today: string, light: ComplaintLight): SQL {
  const warn = (n: number) => {
    try {
      return addWorkingDays(cal, today, n);
    } catch {
      return addCalendarDays(today, n);
    }
  };
  const red = sql`((${acceptOpen} and ${c.acceptDueOn} < ${today}) or (${answerOpen} and ${c.answerDueOn} < ${today}))`;
  const yellow = sql`((${acceptOpen} and ${c.acceptDueOn} <= ${warn(warnWorkdays.accept)}) or (${answerOpen} and ${c.answerDueOn} <= ${warn(warnWorkdays.answer)}))`;
  if (light === "red") return red;
  if (light === "yellow") return sql`(not ${red} and ${yellow})`;
  if (light === "pending") return sql`false`;
  return sql`(not ${red} and not ${yellow} and (${acceptOpen} or ${answerOpen}))`;
}

/**
 * The light filter. Rows with both due dates stored are filtered in SQL; the few open rows with a
 * due date stored as pending (rule D4) get their dates computed on read, then their light.
 */
async function lightCondition(
  ctx: AppContext,
  actor: Principal,
  cal: Calendar,
  today: string,
  light: ComplaintLight,
): Promise<SQL> {
  const stored = sql`(${c.acceptDueOn} is not null and ${c.answerDueOn} is not null)`;
  const unresolved = await ctx.db
    .select()
    .from(c)
    .where(
      and(
        visibleTo(ctx, actor),
        or(isNull(c.acceptDueOn), isNull(c.answerDueOn)),
        sql`(${acceptOpen} or ${answerOpen})`,
      ),
    );
  const ids = (await resolveDueDates(ctx.db, cal, unresolved))
    .filter((r) => worstLight(complaintDeadlines(cal, today, r)) === light)
    .map((r) => r.id);
  const inSql = and(stored, storedLightCondition(cal, today, light))!;
  return ids.length ? or(inSql, inArray(c.id, ids))! : inSql;
}

/** Complaints and leads the actor may read, newest first, with the traffic light of their deadlines. */
export async function listComplaints(ctx: AppContext, actor: Principal, req: PageRequest & ComplaintFilter) {
  const today = dateOf(ctx.now());
  const cal = await loadCalendar(ctx.db);
  const handleUnits = actor.memberships
    .filter((m) =>
      m.roles.some((r) => (roles[r].permissions as readonly string[]).includes("complaint.handle")),
    )
    .map((m) => m.agencyId);
  const where = and(
    visibleTo(ctx, actor),
    req.state ? eq(c.state, req.state) : undefined,
    req.source ? eq(c.source, req.source) : undefined,
    req.category ? eq(c.category, req.category) : undefined,
    req.agencyId ? or(eq(c.agencyId, req.agencyId), eq(c.pendingAgencyId, req.agencyId)) : undefined,
    req.queue
      ? handleUnits.length
        ? or(
            and(inArray(c.pendingAgencyId, handleUnits), eq(c.state, "dispatched")),
            and(
              inArray(c.agencyId, handleUnits),
              inArray(c.state, ["received", "accepted", "verified", "reopened", "linked"]),
            ),
          )
        : sql`false`
      : undefined,
    req.light ? await lightCondition(ctx, actor, cal, today, req.light) : undefined,
    req.q
      ? or(
          ilike(c.trackingCode, likePattern(req.q)),
          ilike(c.placeAddress, likePattern(req.q)),
          ilike(c.description, likePattern(req.q)),
        )
      : undefined,
  );
  const owner = alias(agencies, "owner");
  const pending = alias(agencies, "pending");
  const rows = await ctx.db
    .select({ c, agencyName: owner.name, pendingAgencyName: pending.name })
    .from(c)
    .innerJoin(owner, eq(owner.id, c.agencyId))
    .leftJoin(pending, eq(pending.id, c.pendingAgencyId))
    .where(where)
    .orderBy(req.order === "asc" ? c.createdAt : desc(c.createdAt), c.id)
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db.select({ n: count() }).from(c).where(where);
  // Due dates stored as pending (D4) are computed now if their year has been imported since.
  const resolved = await resolveDueDates(
    ctx.db,
    cal,
    rows.map((r) => r.c),
  );
  return {
    items: rows.map((r, i) => {
      const deadlines = complaintDeadlines(cal, today, resolved[i]!);
      return {
        id: r.c.id,
        trackingCode: r.c.trackingCode,
        source: r.c.source,
        sourceName: complaintSources[r.c.source as keyof typeof complaintSources] ?? r.c.source,
        category: r.c.category,
        categoryName:
          complaintCategories[r.c.category as keyof typeof complaintCategories]?.name ?? r.c.category,
        state: r.c.state,
        stateName: complaintStates[r.c.state as ComplaintState] ?? r.c.state,
        placeAddress: r.c.placeAddress,
        area: r.c.area,
        named: r.c.named,
        receivedOn: r.c.receivedOn,
        agencyId: r.c.agencyId,
        agencyName: r.agencyName,
        pendingAgencyName: r.pendingAgencyName ?? null,
        caseId: r.c.caseId,
        version: r.c.version,
        nextDueOn:
          deadlines
            .map((d) => d.dueOn)
            .filter((d) => d !== null)
            .sort()[0] ?? null,
        light: worstLight(deadlines),
      };
    }),
    total: Number(total?.n ?? 0),
    page: req.page,
    pageSize: req.pageSize,
  };
}
