import { and, asc, count, desc, eq, ilike, inArray, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission, scopePrefixes } from "../identity/principal.ts";
import { trainingExams, trainingPlans, trainingSessions } from "./schema.ts";
import type { planView } from "./training.ts";

/** Plans the actor can read (its agency and below), optionally one agency's subtree and one year. */
export async function listPlans(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { agencyId?: string; year?: number },
): Promise<Page<z.infer<typeof planView>>> {
  let under = scopePrefixes(actor, "training.read");
  if (req.agencyId) {
    const agency = await findAgency(ctx.db, req.agencyId);
    requirePermission(actor, "training.read", agency.path);
    under = [agency.path];
  }
  const where = and(
    underAny(agencies.path, under),
    req.year ? eq(trainingPlans.year, req.year) : undefined,
    req.q ? ilike(trainingPlans.title, likePattern(req.q)) : undefined,
  );
  const dir = req.order === "desc" ? desc : asc;
  const rows = await ctx.db
    .select({ plan: trainingPlans, agencyName: agencies.name })
    .from(trainingPlans)
    .innerJoin(agencies, eq(agencies.id, trainingPlans.agencyId))
    .where(where)
    .orderBy(dir(trainingPlans.year), asc(agencies.path), asc(trainingPlans.title), asc(trainingPlans.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(trainingPlans)
    .innerJoin(agencies, eq(agencies.id, trainingPlans.agencyId))
    .where(where);
  const ids = rows.map((r) => r.plan.id);
  const [sessions, exams] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          ctx.db
            .select({
              planId: trainingSessions.planId,
              n: sql<number>`count(*)::int`,
              hours: sql<number>`sum(${trainingSessions.hours})::int`,
            })
            .from(trainingSessions)
            .where(and(inArray(trainingSessions.planId, ids), isNull(trainingSessions.withdrawnAt)))
            .groupBy(trainingSessions.planId),
          ctx.db
            .select({ planId: trainingExams.planId, n: sql<number>`count(*)::int` })
            .from(trainingExams)
            .where(and(inArray(trainingExams.planId, ids), isNull(trainingExams.withdrawnAt)))
            .groupBy(trainingExams.planId),
        ]);
  return {
    items: rows.map(({ plan, agencyName }) => {
      const s = sessions.find((x) => x.planId === plan.id);
      return {
        id: plan.id,
        agencyId: plan.agencyId,
        agencyName,
        year: plan.year,
        title: plan.title,
        note: plan.note,
        sessionCount: Number(s?.n ?? 0),
        totalHours: Number(s?.hours ?? 0),
        examCount: Number(exams.find((x) => x.planId === plan.id)?.n ?? 0),
        createdAt: plan.createdAt,
        version: plan.version,
        withdrawnAt: plan.withdrawnAt,
        withdrawnReason: plan.withdrawnReason,
      };
    }),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
