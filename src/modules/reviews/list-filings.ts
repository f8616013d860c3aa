import type { AppContext } from "../../context.ts";
import type { PageRequest } from "../../core/paging.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { type Principal, scopePrefixes } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { type FilingStatus, filingQueue } from "./filings.ts";

/**
 * F1: the filing list — for the agency (its decisions to file) and for the government legal office
 * (the filings of the agencies below it); `overdue` is the alarm.
 */
export async function listFilings(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { status?: FilingStatus; overdue?: boolean; agencyId?: string },
) {
  const today = dateOf(ctx.now());
  const all = await filingQueue(
    ctx.db,
    await loadCalendar(ctx.db),
    scopePrefixes(actor, "review.read"),
    today,
    {
      agencyId: req.agencyId,
    },
  );
  const q = req.q?.toLowerCase();
  const hits = all.filter(
    (f) =>
      (!req.status || f.status === req.status) &&
      (!req.overdue || f.overdue) &&
      (!q || `${f.caseNumber ?? ""} ${f.partyName} ${f.summary}`.toLowerCase().includes(q)),
  );
  if (req.order === "desc") hits.reverse();
  const start = (req.page - 1) * req.pageSize;
  return {
    items: hits.slice(start, start + req.pageSize).map(({ agencyPath: _p, ...f }) => f),
    total: hits.length,
    page: req.page,
    pageSize: req.pageSize,
  };
}
