import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { agencies } from "../agencies/schema.ts";
import { assessBenchmark, checkProposedPenalty, yuan } from "../benchmarks/assess.ts";
import { assessFacts } from "../benchmarks/benchmark.ts";
import { findBenchmark } from "../benchmarks/find-benchmark.ts";
import { tableOf } from "../cases/apply-transition.ts";
import type { LoadedCase } from "../cases/find-case.ts";
import { everOfficerIds, officersAt, registeredOfficerIds } from "../cases/officers-of-case.ts";
import { checkLimitation } from "../cases/rules/limitation.ts";
import { checkNotHeavier, type Penalty } from "../cases/rules/penalty.ts";
import { caseDeadlines } from "../cases/schema.ts";
import { deadlineKinds } from "../cases/transition.ts";
import { checkDecisionStepData } from "../documents/check-decision-step.ts";
import { effectiveRecordingList } from "../evidence/effective-recording-list.ts";
import { audioVideoKinds } from "../evidence/recording-list.ts";
import { evidenceItems } from "../evidence/schema.ts";
import { users } from "../identity/schema.ts";
import { checkMayEnforceMany } from "../officers/may-enforce.ts";
import { powerItems } from "../powers/schema.ts";
import {
  type CheckItem,
  checkBenchmarkItem,
  checkCertificates,
  checkCrime,
  checkDeadlines,
  checkDocumentItem,
  checkLimitationItem,
  checkPower,
  checkRecordings,
  checkRights,
  checkTwoOfficers,
  type DeadlineTrack,
  type OfficerOnStep,
} from "./machine-checks.ts";

export type ReviewedProposal = {
  outcome: string;
  penalty?: Penalty;
  reasons: string;
  ground?: string;
  education?: string;
  /** The facts for the discretion calculator (P14), when the case has a benchmark. */
  facts?: unknown;
  /** The written reason for a fine outside the benchmark range. */
  benchmarkReason?: string;
};

/**
 * L2: runs every machine check of the review checklist on the case record (read-only). `today` is
 * the date of the submission.
 */
export async function runMachineChecks(
  ex: Executor,
  loaded: LoadedCase,
  proposal: ReviewedProposal,
  today: string,
): Promise<CheckItem[]> {
  const c = loaded.case;
  const table = tableOf(c.procedure);
  const transitionOf = (e: { event: string; fromState: string | null }) =>
    table.find((t) => t.event === e.event && t.from === e.fromState) ??
    table.find((t) => t.event === e.event);
  const out: CheckItem[] = [];

  // Power items (L2: lawful body, within its powers).
  const items = c.powerItemIds.length
    ? await ex
        .select({
          code: powerItems.code,
          name: powerItems.name,
          agencyId: powerItems.agencyId,
          agencyName: agencies.name,
          status: powerItems.status,
        })
        .from(powerItems)
        .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
        .where(inArray(powerItems.id, c.powerItemIds))
    : [];
  out.push(checkPower(ancestorIds(loaded.agency.path), loaded.agency.name, items));

  // Certificates and two officers on each investigation step (O1, C2).
  const investigation = loaded.events.filter((e) =>
    transitionOf(e)?.guards.some((g) => g.check === "twoCertifiedOfficers"),
  );
  // C2: each step is checked with the officers in force at it (a change of officers does not
  // rewrite who acted before it).
  const registered = registeredOfficerIds(loaded.events) ?? loaded.officerIds;
  const everyone = [...new Set([...registered, ...everOfficerIds(loaded.events), ...loaded.officerIds])];
  const nameRows = everyone.length
    ? await ex
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, everyone))
    : [];
  const steps: OfficerOnStep[] = [];
  for (const e of investigation) {
    const ids = officersAt(registered, loaded.events, e.seq);
    const answers = await checkMayEnforceMany(ex, {
      agencyId: c.agencyId,
      field: c.field,
      date: e.onDate,
      userIds: ids,
    });
    steps.push({
      on: e.onDate,
      label: transitionOf(e)?.label ?? e.event,
      answers: ids.map((id) => {
        const a = answers.get(id)!;
        const name = nameRows.find((r) => r.id === id)?.name ?? id;
        return a.ok ? { name, ok: true, reason: "" } : { name, ok: false, reason: a.reason };
      }),
    });
  }
  out.push(checkCertificates(steps), checkTwoOfficers(steps));

  // Audio-video records (L5) of the steps the list requires in full (the list in force today).
  const list = await effectiveRecordingList(ex, c.agencyId, loaded.agency.path);
  const recorded = await ex
    .select({ action: evidenceItems.action })
    .from(evidenceItems)
    .where(
      and(
        eq(evidenceItems.agencyId, c.agencyId),
        eq(evidenceItems.caseId, c.id),
        inArray(evidenceItems.kind, [...audioVideoKinds]),
      ),
    );
  out.push(
    checkRecordings(
      loaded.events
        .map((e) => ({ e, t: transitionOf(e) }))
        .filter((x) => x.t?.recording)
        .map(({ e, t }) => {
          const li = list.items.find((i) => i.action === t!.recording);
          return {
            on: e.onDate,
            label: t!.label,
            action: t!.recording!,
            actionLabel: li?.label ?? t!.recording!,
            level: li?.level ?? null,
            recorded: recorded.filter((r) => r.action === t!.recording).length,
          };
        }),
    ),
  );

  // Deadlines (P3, P5, P7, C4, K3, X3): every opening row followed to its closing row.
  const rows = await ex
    .select()
    .from(caseDeadlines)
    .where(eq(caseDeadlines.caseId, c.id))
    .orderBy(asc(caseDeadlines.seq));
  const tracks: DeadlineTrack[] = [];
  rows.forEach((r, i) => {
    if (r.status !== "open") return;
    const next = rows.slice(i + 1).find((x) => x.kind === r.kind);
    if (next && next.status === "open") return; // superseded (an extension re-opened it)
    const closer = next ? loaded.events.find((e) => e.id === next.eventId) : undefined;
    const k = (deadlineKinds as Record<string, { label: string; ruleId: string }>)[r.kind];
    tracks.push({
      kind: r.kind,
      label: k?.label ?? r.kind,
      ruleId: k?.ruleId ?? "P3",
      dueOn: r.dueOn,
      closedOn: closer?.onDate ?? (next ? today : null),
      closedBy: closer?.event ?? null,
    });
  });
  out.push(checkDeadlines(tracks, today));

  // Limitation (C5).
  out.push(
    checkLimitationItem(
      checkLimitation({
        actOn: c.actOn,
        continuingUntil: c.continuingUntil ?? undefined,
        discoveredOn: c.discoveredOn,
        serious: c.serious,
      }),
      c.actOn,
      c.discoveredOn,
    ),
  );

  // Discretion benchmark (P14, C03).
  const fine = proposal.outcome === "penalty" ? (proposal.penalty?.fineFen ?? 0) : 0;
  if (!c.benchmarkId) out.push(checkBenchmarkItem({ kind: "no_benchmark" }));
  else {
    const b = await findBenchmark(ex, c.benchmarkId);
    const facts = assessFacts.safeParse(proposal.facts);
    if (proposal.outcome !== "penalty" || !fine) out.push(checkBenchmarkItem({ kind: "no_fine" }));
    else if (!facts.success) out.push(checkBenchmarkItem({ kind: "no_facts", name: b.violationName }));
    else {
      const a = assessBenchmark(b, c.partyType as "individual" | "organisation", facts.data);
      const r = checkProposedPenalty(a, fine, proposal.benchmarkReason);
      out.push(
        checkBenchmarkItem({
          kind: "assessed",
          name: b.violationName,
          within: r.ok,
          reason: proposal.benchmarkReason?.trim() ?? "",
          message: r.ok ? "" : r.message,
          range: `档次「${a.tierLabel}」${a.range ? `罚款 ${`${yuan(a.range.minFen)}–${yuan(a.range.maxFen)} 元`}` : "不予罚款"}`,
        }),
      );
    }
  }

  // Notice, statement and hearing (P4–P7).
  const last = (names: string[]) => [...loaded.events].reverse().find((e) => names.includes(e.event));
  const notice = last(["notify"]);
  const statement = last([
    "record_statement",
    "waive_statement",
    "statement_period_expired",
    "request_hearing",
  ]);
  const hearing = last(["record_hearing", "hearing_absent"]);
  const heavier =
    notice && proposal.outcome === "penalty" && proposal.penalty
      ? checkNotHeavier(notice.data.penalty as Penalty, proposal.penalty)
      : { ok: true as const };
  out.push(
    checkRights({
      outcome: proposal.outcome,
      noticed: notice ? { on: notice.onDate } : null,
      statement: statement ? { event: statement.event, on: statement.onDate } : null,
      hearingRequested: loaded.events.some((e) => e.event === "request_hearing"),
      hearing: hearing ? { event: hearing.event, on: hearing.onDate } : null,
      heavierThanNotice: heavier.ok ? null : heavier.message,
    }),
  );

  // The decision document (X1, X2), as the decide step would write it today.
  const doc = await checkDecisionStepData(ex, {
    case: c,
    events: loaded.events,
    officerIds: loaded.officerIds,
    data: {
      outcome: proposal.outcome,
      ...(proposal.penalty ? { penalty: proposal.penalty } : {}),
      reasons: proposal.reasons,
      ...(proposal.ground ? { ground: proposal.ground } : {}),
      ...(proposal.education ? { education: proposal.education } : {}),
    },
    on: today,
  });
  out.push(checkDocumentItem(doc.ok ? { ok: true } : doc, proposal.outcome));

  // Suspected crime (P15).
  out.push(checkCrime({ outcome: proposal.outcome, serious: c.serious }));
  return out;
}
