import { and, count, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { countWorkingDays } from "../calendar/working-days.ts";
import { cases } from "../cases/schema.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { dateOf } from "../officers/officer.ts";
import {
  legalReviewEscalations,
  legalReviewOpinions,
  legalReviews,
  reviewDeadlineExtensions,
} from "./schema.ts";

export type ReviewFilter = {
  status?: "pending" | "passed" | "returned" | "escalated";
  agencyId?: string;
  /** Reviews assigned to the actor. */
  mine?: boolean;
  /** Pending reviews past their deadline (L3). */
  overdue?: boolean;
  /** Every round (default: the latest submission of each case). */
  allRounds?: boolean;
};

/** L3: the deadline in force: the approved extension's, else the submission's. */
const dueSql = sql<string>`coalesce(${reviewDeadlineExtensions.dueOn}, ${legalReviews.dueOn})::text`;

const statusSql = sql<string>`case when ${legalReviewOpinions.id} is null then 'pending' when ${legalReviewOpinions.opinion} = 'agree' then 'passed' when ${legalReviewEscalations.id} is not null then 'escalated' else 'returned' end`;

/** The review queue (L3 deadline warnings): reviews of the cases the actor may read, newest first. */
export async function listReviews(ctx: AppContext, actor: Principal, req: PageRequest & ReviewFilter) {
  const today = dateOf(ctx.now());
  const r = legalReviews;
  const where: SQL | undefined = and(
    underAny(agencies.path, scopePrefixes(actor, "review.read")),
    req.allRounds
      ? undefined
      : sql`not exists (select 1 from legal_reviews r2 where r2.case_id = ${r.caseId} and r2.round > ${r.round})`,
    req.agencyId ? eq(cases.agencyId, req.agencyId) : undefined,
    req.mine ? eq(r.reviewerId, actor.userId) : undefined,
    req.status ? sql`${statusSql} = ${req.status}` : undefined,
    req.overdue ? and(sql`${legalReviewOpinions.id} is null`, sql`${dueSql} < ${today}`) : undefined,
    req.q
      ? or(
          ilike(cases.number, likePattern(req.q)),
          ilike(cases.partyName, likePattern(req.q)),
          ilike(cases.summary, likePattern(req.q)),
        )
      : undefined,
  );
  const base = () =>
    ctx.db
      .select({
        id: r.id,
        caseId: r.caseId,
        round: r.round,
        dueOn: dueSql,
        /** L3: the deadline was extended with approval. */
        extended: sql<boolean>`${reviewDeadlineExtensions.id} is not null`,
        submittedAt: r.at,
        reviewerId: r.reviewerId,
        reviewerName: users.displayName,
        proposal: r.proposal,
        checks: r.checks,
        status: statusSql,
        opinionAt: legalReviewOpinions.at,
        caseNumber: cases.number,
        partyName: cases.partyName,
        summary: cases.summary,
        agencyName: agencies.name,
      })
      .from(r)
      .innerJoin(cases, eq(cases.id, r.caseId))
      .innerJoin(agencies, eq(agencies.id, cases.agencyId))
      .innerJoin(users, eq(users.id, r.reviewerId))
      .leftJoin(legalReviewOpinions, eq(legalReviewOpinions.reviewId, r.id))
      .leftJoin(legalReviewEscalations, eq(legalReviewEscalations.reviewId, r.id))
      .leftJoin(reviewDeadlineExtensions, eq(reviewDeadlineExtensions.reviewId, r.id));
  const rows = await base()
    .where(where)
    .orderBy(req.order === "asc" ? r.at : desc(r.at), r.id)
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db
    .select({ n: count() })
    .from(r)
    .innerJoin(cases, eq(cases.id, r.caseId))
    .innerJoin(agencies, eq(agencies.id, cases.agencyId))
    .leftJoin(legalReviewOpinions, eq(legalReviewOpinions.reviewId, r.id))
    .leftJoin(legalReviewEscalations, eq(legalReviewEscalations.reviewId, r.id))
    .leftJoin(reviewDeadlineExtensions, eq(reviewDeadlineExtensions.reviewId, r.id))
    .where(where);
  const cal = await loadCalendar(ctx.db);
  return {
    items: rows.map(({ checks, proposal, ...x }) => {
      const list = checks as { ok: boolean | null }[];
      const left = x.status === "pending" ? countWorkingDays(cal, today, x.dueOn) : null;
      return {
        ...x,
        outcome: String(proposal.outcome),
        fineFen: Number((proposal.penalty as { fineFen?: number } | undefined)?.fineFen ?? 0),
        machineProblems: list.filter((c) => c.ok === false).length,
        machineManual: list.filter((c) => c.ok === null).length,
        /** L3 warning: red = past due, yellow = due within 2 working days. */
        warning: (left === null ? null : left < 0 ? "red" : left <= 2 ? "yellow" : "green") as
          | "red"
          | "yellow"
          | "green"
          | null,
      };
    }),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
