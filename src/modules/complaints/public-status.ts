import { asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { addDays, dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import {
  answeredStates,
  type ComplaintState,
  cleanTrackingCode,
  complaintCategories,
  complaintStates,
} from "./complaint.ts";
import { type ComplaintRow, complaintByCode } from "./find-complaint.ts";
import { resolveDueDates } from "./resolve-due-dates.ts";
import { complaintEvents } from "./schema.ts";

/** The steps a reporter sees on the status page (internal steps such as verification are left out). */
const publicEvents: Record<string, string> = {
  received: "已收到",
  dispatched: "已分派承办单位",
  accepted: "已受理",
  transferred: "已书面移送其他部门",
  linked: "已立为案件线索调查处理",
  closed: "已办结",
  answered: "已答复",
  rated: "已评价",
  reopen_requested: "申请重新办理",
  merged: "与同一问题的其他投诉举报合并办理",
};

/** The complaint behind a tracking code typed by a person (NOT_FOUND for anything else). */
export async function complaintOfCode(ctx: AppContext, code: string): Promise<ComplaintRow> {
  const clean = cleanTrackingCode(code);
  const row = clean ? await complaintByCode(ctx.db, clean) : undefined;
  if (!row) throw new AppError("NOT_FOUND", "查询码不存在，请核对后重新输入");
  return row;
}

/** Whether the reporter may still ask to reopen (within complaint.reopenDays days of the answer). */
export async function reopenOpen(ctx: AppContext, c: ComplaintRow): Promise<boolean> {
  if (!c.answeredOn || !(answeredStates as readonly string[]).includes(c.state)) return false;
  const days = await getNumberSetting(ctx.db, c.bureauId, "complaint.reopenDays");
  return dateOf(ctx.now()) <= addDays(c.answeredOn, days);
}

/**
 * The status page of a tracking code (no login). Only what the response schema allows leaves:
 * the code, category, status, handling unit, public answer and dates — never the reporter, the
 * place or the description (seed 001 item 25: confidentiality; rule G6 masking).
 */
export async function publicStatus(ctx: AppContext, code: string) {
  const c = await complaintOfCode(ctx, code);
  const unit = await findAgency(ctx.db, c.agencyId);
  const events = await ctx.db
    .select({ event: complaintEvents.event, at: complaintEvents.at })
    .from(complaintEvents)
    .where(eq(complaintEvents.complaintId, c.id))
    .orderBy(asc(complaintEvents.seq));
  // Null while the calendar of its year is not imported (D4); the page says so.
  const [due] = await resolveDueDates(ctx.db, await loadCalendar(ctx.db), [c]);
  return {
    trackingCode: c.trackingCode,
    category: c.category,
    categoryName: complaintCategories[c.category as keyof typeof complaintCategories]?.name ?? c.category,
    status: c.state,
    statusName: complaintStates[c.state as ComplaintState] ?? c.state,
    unitName: unit.name,
    receivedOn: c.receivedOn,
    answerDueOn: due!.answerDueOn,
    publicAnswer: c.answeredOn ? c.publicAnswer : null,
    answeredOn: c.answeredOn,
    rating: c.rating,
    canRate: !!c.answeredOn && c.rating === null,
    canReopen: await reopenOpen(ctx, c),
    timeline: events
      .filter((e) => publicEvents[e.event])
      .map((e) => ({ event: e.event, label: publicEvents[e.event]!, on: dateOf(e.at) })),
  };
}
