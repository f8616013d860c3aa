import { asc, eq, inArray, like } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { agencies } from "../agencies/schema.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import { can, type Principal } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { dateOf } from "../officers/officer.ts";
import {
  type ComplaintState,
  closeReasons,
  complaintCategories,
  complaintSources,
  complaintStates,
  complaintStepCodes,
  complaintSteps,
  maskIdentity,
  proposeAgency,
} from "./complaint.ts";
import { complaintDeadlines } from "./deadlines.ts";
import { findComplaint, type LoadedComplaint } from "./find-complaint.ts";
import { findDuplicates } from "./find-duplicates.ts";
import { reporterOf } from "./reporter-of.ts";
import { resolveDueDates } from "./resolve-due-dates.ts";
import { complaintDispatchRules, complaintEvents, complaintPhotos, complaints } from "./schema.ts";

/** The staff steps the actor may take now (state and permission at the right unit). */
export function allowedSteps(actor: Principal, l: LoadedComplaint) {
  return complaintStepCodes
    .filter((code) => {
      const s = complaintSteps[code];
      if (!(s.from as readonly string[]).includes(l.complaint.state)) return false;
      const unit = s.at === "pending" && l.pending ? l.pending : l.agency;
      return can(actor, s.permission, unit.path);
    })
    .map((code) => ({ step: code, label: complaintSteps[code].label }));
}

/**
 * A complaint for staff: the facts, its steps, photos, deadlines, proposed duplicates and the
 * proposed unit. Never the reporter's identity (that is view-reporter.ts); `named` says whether
 * there is one, `mayViewReporter` whether this actor may open it.
 */
export async function getComplaint(ctx: AppContext, actor: Principal, id: string) {
  const l = await findComplaint(ctx.db, actor, id);
  const c = l.complaint;
  const events = await ctx.db
    .select({ e: complaintEvents, actorName: users.displayName })
    .from(complaintEvents)
    .leftJoin(users, eq(users.id, complaintEvents.actorId))
    .where(eq(complaintEvents.complaintId, id))
    .orderBy(asc(complaintEvents.seq));
  const photos = await ctx.db
    .select({ id: complaintPhotos.id, size: complaintPhotos.size, contentType: complaintPhotos.contentType })
    .from(complaintPhotos)
    .where(eq(complaintPhotos.complaintId, id))
    .orderBy(asc(complaintPhotos.at), asc(complaintPhotos.id));
  const duplicates = ["merged", "transferred"].includes(c.state) ? [] : await findDuplicates(ctx.db, c);
  // Units below the owner that may receive it, and the one the bureau's rules or areas propose.
  const units = await ctx.db
    .select({ id: agencies.id, name: agencies.name, areas: agencies.areas, fields: agencies.fields })
    .from(agencies)
    .where(like(agencies.path, `${l.agency.path}_%`))
    .orderBy(asc(agencies.path));
  const rules = await ctx.db
    .select()
    .from(complaintDispatchRules)
    .where(eq(complaintDispatchRules.bureauId, l.agency.id));
  const proposed = proposeAgency(c, rules, units);
  const cal = await loadCalendar(ctx.db);
  const today = dateOf(ctx.now());
  // Pending due dates (D4) are computed now if their year has been imported since.
  const [due] = await resolveDueDates(ctx.db, cal, [c]);
  const mergedFrom = await ctx.db
    .select({ id: complaints.id })
    .from(complaints)
    .where(inArray(complaints.mergedIntoId, [id]));
  const mayViewReporter = c.named && can(actor, "complaint.identity", l.bureau.path);
  return {
    ...c,
    acceptDueOn: due!.acceptDueOn,
    answerDueOn: due!.answerDueOn,
    // Whoever may not see the reporter does not read them in the description either.
    description: mayViewReporter
      ? c.description
      : maskIdentity(c.description, await reporterOf(ctx.db, c.id)),
    sourceName: complaintSources[c.source as keyof typeof complaintSources] ?? c.source,
    categoryName: complaintCategories[c.category as keyof typeof complaintCategories]?.name ?? c.category,
    stateName: complaintStates[c.state as ComplaintState] ?? c.state,
    closeReasonName: c.closeReason
      ? (closeReasons[c.closeReason as keyof typeof closeReasons] ?? null)
      : null,
    bureauName: l.bureau.name,
    agencyName: l.agency.name,
    pendingAgencyName: l.pending?.name ?? null,
    events: events.map((r) => ({ ...r.e, actorName: r.actorName ?? "投诉举报人" })),
    photos,
    deadlines: complaintDeadlines(cal, today, due!),
    duplicates: duplicates.map((d) => ({
      id: d.id,
      trackingCode: d.trackingCode,
      receivedOn: d.receivedOn,
      state: d.state,
      stateName: complaintStates[d.state as ComplaintState] ?? d.state,
      placeAddress: d.placeAddress,
    })),
    mergedFromIds: mergedFrom.map((m) => m.id),
    dispatchTargets: units
      .filter((u) => !c.field || u.fields.includes(c.field))
      .map((u) => ({ id: u.id, name: u.name })),
    proposedAgencyId: proposed?.agencyId ?? null,
    proposedBy: proposed?.by ?? null,
    actions: allowedSteps(actor, l),
    mayViewReporter,
  };
}
