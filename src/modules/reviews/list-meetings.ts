import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { cases } from "../cases/schema.ts";
import { type Principal, requirePermission, scopePrefixes } from "../identity/principal.ts";
import { collectiveDiscussions, collectiveMeetings } from "./schema.ts";

/** P9: the meetings of the agencies the actor may read, newest first, with the number of cases discussed. */
export async function listMeetings(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { agencyId?: string },
) {
  const m = collectiveMeetings;
  const where = and(
    underAny(agencies.path, scopePrefixes(actor, "review.read")),
    req.agencyId ? eq(m.agencyId, req.agencyId) : undefined,
  );
  const rows = await ctx.db
    .select({ m, agencyName: agencies.name })
    .from(m)
    .innerJoin(agencies, eq(agencies.id, m.agencyId))
    .where(where)
    .orderBy(req.order === "asc" ? m.heldOn : desc(m.heldOn), desc(m.at))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(m)
    .innerJoin(agencies, eq(agencies.id, m.agencyId))
    .where(where);
  const ids = rows.map((r) => r.m.id);
  const discussed = ids.length
    ? await ctx.db
        .select({ meetingId: collectiveDiscussions.meetingId })
        .from(collectiveDiscussions)
        .where(inArray(collectiveDiscussions.meetingId, ids))
    : [];
  return {
    items: rows.map((r) => ({
      ...r.m,
      agencyName: r.agencyName,
      chairName: r.m.attendees.find((a) => a.userId === r.m.chairId)?.name ?? "",
      cases: discussed.filter((d) => d.meetingId === r.m.id).length,
    })),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}

/** P9: one meeting with the cases discussed, each member's opinion and the conclusion. */
export async function getMeeting(ctx: AppContext, actor: Principal, id: string) {
  const [row] = await ctx.db
    .select({ m: collectiveMeetings, agencyName: agencies.name, agencyPath: agencies.path })
    .from(collectiveMeetings)
    .innerJoin(agencies, eq(agencies.id, collectiveMeetings.agencyId))
    .where(eq(collectiveMeetings.id, id));
  if (!row) throw new AppError("NOT_FOUND", "会议记录不存在");
  requirePermission(actor, "review.read", row.agencyPath);
  const discussions = await ctx.db
    .select({
      d: collectiveDiscussions,
      number: cases.number,
      partyName: cases.partyName,
      summary: cases.summary,
    })
    .from(collectiveDiscussions)
    .innerJoin(cases, eq(cases.id, collectiveDiscussions.caseId))
    .where(eq(collectiveDiscussions.meetingId, id))
    .orderBy(collectiveDiscussions.at);
  return {
    ...row.m,
    agencyName: row.agencyName,
    agencyPath: row.agencyPath,
    chairName: row.m.attendees.find((a) => a.userId === row.m.chairId)?.name ?? "",
    discussions: discussions.map((d) => ({
      ...d.d,
      caseNumber: d.number,
      partyName: d.partyName,
      summary: d.summary,
    })),
  };
}
