import { and, gte, lte } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import type { Principal } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { complaintCategories, complaintSources } from "./complaint.ts";
import { visibleTo } from "./list-complaints.ts";
import { resolveDueDates } from "./resolve-due-dates.ts";
import { complaints } from "./schema.ts";

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * Figures of complaints and leads received in [from, to] that the actor may read (issue 8 item 7):
 * counts by source, category and area; on-time rates of acceptance and answer (settings
 * complaint.acceptWorkdays / answerWorkdays; an open complaint past due counts as late);
 * satisfaction from the reporters' ratings. Rates are percentages with one decimal. A deadline whose
 * year is not imported yet (rule D4) is counted as `pending`, neither on time nor late.
 */
export async function complaintFigures(
  ctx: AppContext,
  actor: Principal,
  req: { from?: string; to?: string },
) {
  const today = dateOf(ctx.now());
  const c = complaints;
  const stored = await ctx.db
    .select({
      id: c.id,
      bureauId: c.bureauId,
      receivedOn: c.receivedOn,
      reopenCount: c.reopenCount,
      source: c.source,
      category: c.category,
      area: c.area,
      state: c.state,
      acceptDueOn: c.acceptDueOn,
      acceptedOn: c.acceptedOn,
      answerDueOn: c.answerDueOn,
      answeredOn: c.answeredOn,
      rating: c.rating,
    })
    .from(c)
    .where(
      and(
        visibleTo(ctx, actor),
        req.from ? gte(c.receivedOn, req.from) : undefined,
        req.to ? lte(c.receivedOn, req.to) : undefined,
      ),
    );
  const rows = await resolveDueDates(ctx.db, await loadCalendar(ctx.db), stored);
  const tally = (key: (r: (typeof rows)[number]) => string, name: (k: string) => string) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return [...m.entries()]
      .map(([k, count]) => ({ key: k, name: name(k), count }))
      .sort((x, y) => y.count - x.count || x.key.localeCompare(y.key));
  };
  const own = rows.filter((r) => r.state !== "merged");
  let acceptOnTime = 0;
  let acceptDue = 0;
  let answerOnTime = 0;
  let answerDue = 0;
  let acceptPending = 0;
  let answerPending = 0;
  for (const r of own) {
    if (r.acceptDueOn === null) {
      if (r.acceptedOn || ["received", "dispatched"].includes(r.state)) acceptPending++;
    } else if (r.acceptedOn) {
      acceptDue++;
      if (r.acceptedOn <= r.acceptDueOn) acceptOnTime++;
    } else if (["received", "dispatched"].includes(r.state) && today > r.acceptDueOn) acceptDue++;
    if (r.answerDueOn === null) answerPending++;
    else if (r.answeredOn) {
      answerDue++;
      if (r.answeredOn <= r.answerDueOn) answerOnTime++;
    } else if (today > r.answerDueOn) answerDue++;
  }
  const rated = rows.filter((r) => r.rating !== null).map((r) => r.rating!);
  return {
    from: req.from ?? null,
    to: req.to ?? null,
    total: rows.length,
    bySource: tally(
      (r) => r.source,
      (k) => complaintSources[k as keyof typeof complaintSources] ?? k,
    ),
    byCategory: tally(
      (r) => r.category,
      (k) => complaintCategories[k as keyof typeof complaintCategories]?.name ?? k,
    ),
    byArea: tally(
      (r) => r.area,
      (k) => k || "未识别区域",
    ),
    acceptance: {
      onTime: acceptOnTime,
      due: acceptDue,
      onTimeRate: rate(acceptOnTime, acceptDue),
      pending: acceptPending,
    },
    answer: {
      onTime: answerOnTime,
      due: answerDue,
      onTimeRate: rate(answerOnTime, answerDue),
      pending: answerPending,
    },
    satisfaction: {
      rated: rated.length,
      average: rated.length
        ? Math.round((rated.reduce((s, x) => s + x, 0) / rated.length) * 100) / 100
        : null,
      satisfiedRate: rate(rated.filter((x) => x >= 4).length, rated.length),
      distribution: [1, 2, 3, 4, 5].map((stars) => ({
        stars,
        count: rated.filter((x) => x === stars).length,
      })),
    },
  };
}
