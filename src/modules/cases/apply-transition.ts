import { sql } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Executor } from "../../db/client.ts";
import { referenceCacheOf } from "../../db/reference-cache.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { loadCalendar } from "../calendar/load-calendar.ts";
import type { Calendar } from "../calendar/working-days.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { entryColumns } from "../ledger/append-entry.ts";
import type { LedgerEventType } from "../ledger/entry.ts";
import { dateOf, lawDate } from "../officers/officer.ts";
import { getSetting } from "../settings/get-setting.ts";
import { formatCaseNumber } from "./case.ts";
import { caseRolesOf, mayApprove } from "./case-roles.ts";
import { findCase } from "./find-case.ts";
import { generalProcedure } from "./general-procedure.ts";
import { type CaseRow, dueOf, guards, type StepContext } from "./guards.ts";
import { caseNumberCounters } from "./schema.ts";
import { simpleProcedure } from "./simple-procedure.ts";
import { threeStepProcedure } from "./three-step-procedure.ts";
import { type CaseState, findTransition, type GuardCheck, type Transition } from "./transition.ts";
import { type StepWrite, stepWriterOf, writeSteps } from "./write-steps.ts";

export const stepBody = z.strictObject({
  /** The case version the client saw (optimistic concurrency: another version gets 409). */
  version: z.number().int().min(1),
  /** The date of the step in law; default today. */
  on: lawDate.optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type StepBody = z.input<typeof stepBody>;

const tables: Record<string, Transition[]> = {
  general: generalProcedure,
  simple: simpleProcedure,
  three_step: threeStepProcedure,
};

/** The transition table of a procedure. */
export const tableOf = (procedure: string): Transition[] => tables[procedure] ?? [];

const allTransitions = Object.values(tables).flat();
/** The events of which some transition (in any table) runs the guard. */
const eventsGuardedBy = (check: GuardCheck) =>
  new Set(allTransitions.filter((t) => t.guards.some((g) => g.check === check)).map((t) => t.event));
// Loaded with the case when the step may need them (C2 and L5 run on most investigation steps):
// from the reference cache while nothing they depend on has changed, else read (find-case.ts).
const withOfficerRows = eventsGuardedBy("twoCertifiedOfficers");
const withRecordingList = eventsGuardedBy("recording");
/**
 * Guards that never read the case's steps (StepContext.events): C2 takes the officers in force,
 * L5 the list. A guard listed here must not read them (the engine refuses: see `events` below).
 */
const historyFree: ReadonlySet<GuardCheck> = new Set(["twoCertifiedOfficers", "recording"]);
/**
 * Events whose transitions (in every table) run only such guards and open no deadline: such a step
 * needs only the case's last step (its date) and the changes of officers, not all its steps (the
 * records of an investigation are most steps; by a case's 70th step, reading all of them cost
 * ~0.3 ms of database time a step, plus parsing them in Node; bench/README.md, case steps).
 */
const lastStepOnly = new Set(
  allTransitions
    .map((t) => t.event)
    .filter((event) =>
      allTransitions
        .filter((t) => t.event === event)
        .every((t) => !t.opens?.length && t.guards.every((g) => historyFree.has(g.check))),
    ),
);

/**
 * Events of which some transition gives the case its number: their step runs in a transaction, so
 * that the number (a counter row) is used only if the step is written. Every other step writes
 * once: the case, the step, its deadlines and its ledger entry in one statement, which is its own
 * transaction (see applyTransition).
 */
const numberingEvents = new Set(allTransitions.filter((t) => t.assignsNumber).map((t) => t.event));

function parse<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: [prefix, ...i.path].join("."), message: i.message }));
  throw new AppError(
    "VALIDATION_FAILED",
    `提交的数据不符合要求（${details.map((d) => d.path).join("、")}）`,
    details,
  );
}

/** Gapless per agency and year: the counter row is incremented (and locked) inside the step's transaction. */
async function allocateNumber(ex: Executor, numbering: AgencyRow, on: string): Promise<string> {
  const year = Number(on.slice(0, 4));
  const [row] = await ex
    .insert(caseNumberCounters)
    .values({ agencyId: numbering.id, year, last: 1 })
    .onConflictDoUpdate({
      target: [caseNumberCounters.agencyId, caseNumberCounters.year],
      set: { last: sql`${caseNumberCounters.last} + 1` },
    })
    .returning({ last: caseNumberCounters.last });
  const format = String(await getSetting(ex, numbering.id, "case.numberFormat"));
  return formatCaseNumber(format, { short: numbering.shortName, year, seq: row!.last });
}

/**
 * The one engine for every case step: looks up (state, event) in the procedure's table, checks the
 * actor's role in the case, validates the step's data, runs the table's guards (rule IDs), then in
 * one statement (one transaction) writes the step (case_events), moves the case's state and
 * version (only if the version is still the one the client saw: else 409 CONFLICT and nothing
 * changes), opens and closes deadlines and appends the ledger entry. The reads before it see what
 * they would see in a READ COMMITTED transaction (each statement its own snapshot); the version
 * check makes the write apply only to the case as it was read. A step that takes a case number
 * runs in a transaction with the counter (numberingEvents). Outside a transaction, the read and the
 * write go with those of other cases' steps arriving meanwhile (one statement each for all of
 * them: find-case.ts, write-steps.ts); each step's rows are still written only if its own case
 * moved, and a statement that fails is run again step by step.
 */
export async function applyTransition(
  ctx: AppContext,
  actor: Principal,
  caseId: string,
  event: string,
  input: StepBody,
) {
  const body = parse(stepBody, input, "body");
  const inTransaction = numberingEvents.has(event);
  const run = <T>(fn: (ex: Executor) => Promise<T>): Promise<T> =>
    inTransaction ? ctx.db.transaction(fn) : fn(ctx.db);
  return run(async (tx) => {
    const loaded = await findCase(tx, actor, caseId, {
      officerRows: withOfficerRows.has(event),
      recordingList: withRecordingList.has(event),
      lastStepOnly: lastStepOnly.has(event),
      cache: referenceCacheOf(ctx.db),
      // Read with the cases of other steps arriving meanwhile (one statement), except in a transaction.
      coalesced: !inTransaction,
    });
    const c = loaded.case;
    // A client that saw another version learns that first (whatever the step): reload and retry.
    if (body.version !== c.version) throw new AppError("CONFLICT", "案件已被他人办理，请刷新后重试");
    const place = {
      agencyPath: loaded.agency.path,
      bureauPath: loaded.bureau.path,
      officerIds: loaded.officerIds,
    };
    const roles = caseRolesOf(actor, place);
    const answer = findTransition(tableOf(c.procedure), c.state as CaseState, event, roles);
    if (!answer.ok) {
      // Someone outside the agency learns nothing more than "not yours".
      if (answer.code === "CASE_ROLE_REQUIRED" && !mayApprove(actor, place))
        requirePermission(actor, "case.handle", loaded.agency.path);
      throw new AppError(answer.code, answer.message);
    }
    const t = answer.transition;
    const approves = t.roles.every((r) => r !== "officer");
    if (approves) {
      if (!mayApprove(actor, place)) throw new AppError("FORBIDDEN_AGENCY");
    } else requirePermission(actor, "case.handle", loaded.agency.path);
    const data = parse(t.data, body.data, "data");
    const now = ctx.now();
    const today = dateOf(now);
    const on = body.on ?? today;
    if (on > today)
      throw new AppError("VALIDATION_FAILED", "办案日期不能晚于今天", [{ path: "on", message: "晚于今天" }]);
    const previous = loaded.events[loaded.events.length - 1];
    if (previous && on < previous.onDate)
      throw new AppError("VALIDATION_FAILED", `办案日期不能早于上一环节（${previous.onDate}）`, [
        { path: "on", message: "早于上一环节" },
      ]);

    let calendar: Calendar | undefined;
    const historyLoaded = !lastStepOnly.has(event);
    const step: StepContext = {
      tx,
      case: c,
      get events() {
        // A guard in historyFree that reads the steps would see only some: fail loudly instead.
        if (!historyLoaded) throw new Error(`step ${event}: the case's steps were not loaded (historyFree)`);
        return loaded.events;
      },
      officerIds: loaded.officerIds,
      agencyPath: loaded.agency.path,
      agency: loaded.agency,
      deadlines: loaded.deadlines,
      transition: t,
      data,
      on,
      calendar: async () => {
        calendar ??= await loadCalendar(tx);
        return calendar;
      },
      officerRows: loaded.officerRows,
      recordingList: loaded.recordingList,
    };
    for (const g of t.guards) await guards[g.check](step);

    const seq = c.version + 1;
    const eventId = newId();
    const number = t.assignsNumber ? await allocateNumber(tx, loaded.bureau, on) : c.number;
    // Deadlines this step opens (computed before writing: a calendar year not loaded refuses the step, D4).
    const opened: { kind: string; dueOn: string }[] = [];
    for (const kind of t.opens ?? []) {
      const due = await dueOf(step, kind);
      if (due) opened.push({ kind, dueOn: due });
    }
    const closing = loaded.deadlines.filter(
      (d) => d.status === "open" && (t.closes === "all" || (t.closes ?? []).includes(d.kind as never)),
    );

    // The step's writes, the deadlines it opens and closes and its ledger entry: one statement.
    const procedure = t.switchesTo ?? c.procedure;
    const written: StepWrite = {
      row: {
        ...entryColumns({
          agencyId: c.agencyId,
          actorId: actor.userId,
          caseId: c.id,
          type: `case.${event}` as LedgerEventType,
          payload: {
            eventId,
            event,
            from: c.state,
            to: t.to,
            seq,
            on,
            ...(t.assignsNumber ? { number } : {}),
            ...(t.switchesTo ? { procedure: t.switchesTo } : {}),
            data,
            opened,
            closed: closing.map((d) => d.kind),
          },
          at: now,
        }),
        case_id: c.id,
        version: c.version,
        to_state: t.to,
        number,
        procedure,
        event_id: eventId,
        event,
        from_state: c.state,
        on_date: on,
        data,
      },
      deadlines: [
        ...closing.map((d) => ({ id: newId(), kind: d.kind, status: "closed", due_on: d.dueOn })),
        ...opened.map((d) => ({ id: newId(), kind: d.kind, status: "open", due_on: d.dueOn })),
      ],
    };
    // Alone in the numbering transaction; otherwise with the steps of other cases written meanwhile.
    const moved = inTransaction ? (await writeSteps(tx, [written]))[0] : await stepWriterOf(tx)(written);
    if (!moved) throw new AppError("CONFLICT", "案件已被他人办理，请刷新后重试");
    // Only this engine changes a case row, and only with its version: the row now is the loaded one
    // with the step's changes.
    const updated: CaseRow = { ...c, state: t.to, version: seq, number, updatedAt: now, procedure };
    return updated;
  });
}
