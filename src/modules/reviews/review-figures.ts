import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { filingQueue } from "./filings.ts";
import { collectiveMeetings, legalReviewOpinions, legalReviews } from "./schema.ts";

/**
 * Figures for reports (issue 6 item 5): reviews by outcome, average review time, meetings held
 * (seed 003 reports 14 in a year), filings on time — for one calendar year, in the actor's scope.
 */
export async function reviewFigures(ctx: AppContext, actor: Principal, req: { year: number }) {
  const prefixes = scopePrefixes(actor, "review.read");
  const from = new Date(Date.UTC(req.year, 0, 1) - 8 * 3600_000);
  const to = new Date(Date.UTC(req.year + 1, 0, 1) - 8 * 3600_000);
  const reviews = await ctx.db
    .select({
      submittedAt: legalReviews.at,
      opinion: legalReviewOpinions.opinion,
      opinionAt: legalReviewOpinions.at,
    })
    .from(legalReviews)
    .innerJoin(agencies, eq(agencies.id, legalReviews.agencyId))
    .leftJoin(legalReviewOpinions, eq(legalReviewOpinions.reviewId, legalReviews.id))
    .where(and(underAny(agencies.path, prefixes), gte(legalReviews.at, from), lt(legalReviews.at, to)));
  const done = reviews.filter((r) => r.opinionAt);
  const hours = done.map((r) => (r.opinionAt!.getTime() - r.submittedAt.getTime()) / 3600_000);
  const [meetings] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(collectiveMeetings)
    .innerJoin(agencies, eq(agencies.id, collectiveMeetings.agencyId))
    .where(
      and(
        underAny(agencies.path, prefixes),
        gte(collectiveMeetings.heldOn, `${req.year}-01-01`),
        lt(collectiveMeetings.heldOn, `${req.year + 1}-01-01`),
      ),
    );
  const filings = (await filingQueue(ctx.db, await loadCalendar(ctx.db), prefixes, dateOf(ctx.now()))).filter(
    (f) => f.decidedOn.startsWith(String(req.year)),
  );
  return {
    year: req.year,
    reviews: {
      submitted: reviews.length,
      agreed: reviews.filter((r) => r.opinion === "agree").length,
      problems: reviews.filter((r) => r.opinion === "problems").length,
      pending: reviews.filter((r) => !r.opinion).length,
      averageHours: hours.length
        ? Math.round((hours.reduce((a, b) => a + b, 0) / hours.length) * 10) / 10
        : null,
    },
    meetingsHeld: meetings?.n ?? 0,
    filings: {
      due: filings.length,
      onTime: filings.filter((f) => f.status !== "pending" && !f.overdue).length,
      late: filings.filter((f) => f.status !== "pending" && f.overdue).length,
      overdue: filings.filter((f) => f.status === "pending" && f.overdue).length,
      open: filings.filter((f) => f.status === "pending" && !f.overdue).length,
    },
  };
}
