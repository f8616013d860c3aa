import { inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import type { Calendar } from "../calendar/working-days.ts";
import type { Principal } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { dateOf } from "../officers/officer.ts";
import { tableOf } from "./apply-transition.ts";
import { caseRolesOf } from "./case-roles.ts";
import { findCase, type LoadedCase } from "./find-case.ts";
import { itemInventory } from "./items.ts";
import {
  everOfficerIds,
  officerChangeEvent,
  officerHistory,
  registeredOfficerIds,
} from "./officers-of-case.ts";
import { type DeadlineStatus, deadlineStatus } from "./rules/deadlines.ts";
import { owedOn, paymentSchedule } from "./rules/execution.ts";
import {
  availableTransitions,
  type CaseState,
  caseStates,
  type DeadlineKind,
  deadlineKinds,
} from "./transition.ts";

/** A case with its steps, deadlines (traffic light) and the steps the table allows the caller. */
export async function getCase(ctx: AppContext, actor: Principal, id: string) {
  const loaded = await findCase(ctx.db, actor, id);
  const c = loaded.case;
  const ids = [
    ...new Set([
      ...loaded.officerIds,
      ...everOfficerIds(loaded.events),
      ...loaded.events.map((e) => e.actorId),
    ]),
  ];
  const names = new Map(
    (
      await ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids))
    ).map((u) => [u.id, u.name]),
  );
  const officer = (u: string) => ({ userId: u, displayName: names.get(u) ?? "" });
  const today = dateOf(ctx.now());
  const cal = await loadCalendar(ctx.db);
  const light = (due: string): DeadlineStatus | null => {
    try {
      return deadlineStatus(cal, { today, due });
    } catch {
      return today > due ? "red" : null;
    }
  };
  const roles = caseRolesOf(actor, {
    agencyPath: loaded.agency.path,
    bureauPath: loaded.bureau.path,
    officerIds: loaded.officerIds,
  });
  return {
    ...c,
    items: itemInventory(loaded.events),
    money: moneyOf(cal, loaded.events, today),
    stateName: caseStates[c.state as CaseState] ?? c.state,
    agencyName: loaded.agency.name,
    officers: loaded.officerIds.map(officer),
    officerChanges: officerChanges(loaded.officerIds, loaded.events).map((x) => ({
      ...x,
      officers: x.officerIds.map(officer),
      added: x.added.map(officer),
      removed: x.removed.map(officer),
      actorName: names.get(x.actorId) ?? "",
    })),
    events: loaded.events.map((e) => ({
      id: e.id,
      seq: e.seq,
      event: e.event,
      fromState: e.fromState,
      toState: e.toState,
      onDate: e.onDate,
      data: e.data,
      actorId: e.actorId,
      actorName: names.get(e.actorId) ?? "",
      at: e.at,
    })),
    deadlines: loaded.deadlines.map((d) => ({
      kind: d.kind,
      label: deadlineKinds[d.kind as DeadlineKind]?.label ?? d.kind,
      ruleId: deadlineKinds[d.kind as DeadlineKind]?.ruleId ?? "",
      status: d.status,
      dueOn: d.dueOn,
      light: d.status === "open" ? light(d.dueOn) : null,
    })),
    roles,
    actions: availableTransitions(tableOf(c.procedure), c.state as CaseState, roles).map((t) => ({
      event: t.event,
      label: t.label,
      to: t.to,
      guards: t.guards.map((g) => g.ruleId),
      documents: t.documents ?? [],
    })),
  };
}

/**
 * C2: the changes of officers (办案人员变更), oldest first: the step, its date, the new set, who
 * joined and who left, the reason and who approved it. The registered officers are the create step's.
 */
function officerChanges(current: string[], events: LoadedCase["events"]) {
  const periods = officerHistory(registeredOfficerIds(events) ?? current, events);
  return events
    .filter((e) => e.event === officerChangeEvent)
    .map((e) => {
      const p = periods.find((x) => x.fromSeq === e.seq)!;
      return {
        seq: e.seq,
        on: e.onDate,
        officerIds: p.officerIds,
        added: p.added,
        removed: p.removed,
        reason: p.reason,
        actorId: e.actorId,
      };
    });
}

/** X4–X6: the fine, its schedule and what is owed today (null before service or without a fine). */
function moneyOf(cal: Calendar, events: Parameters<typeof owedOn>[1], today: string) {
  try {
    const schedule = paymentSchedule(cal, events);
    if (!schedule.length) return null;
    return { ...owedOn(cal, events, today), schedule };
  } catch {
    // A due date in a year whose calendar is not loaded (D4): the steps will say so.
    return null;
  }
}
