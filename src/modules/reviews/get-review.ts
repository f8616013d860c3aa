import { and, asc, eq, inArray, lt } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { tableOf } from "../cases/apply-transition.ts";
import { mayApprove } from "../cases/case-roles.ts";
import { findCase } from "../cases/find-case.ts";
import type { Penalty } from "../cases/rules/penalty.ts";
import { evidenceItems } from "../evidence/schema.ts";
import { can, type Principal, requirePermission } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { mayApproveExtension } from "./extend-review.ts";
import { findReview } from "./find-review.ts";
import type { CheckItem } from "./machine-checks.ts";
import { placeOf } from "./review-case.ts";
import { extensionRefusal } from "./review-deadline.ts";
import { reviewMaterials } from "./review-input.ts";
import { legalReviews } from "./schema.ts";

const penaltyText = (p: Penalty | undefined) =>
  !p
    ? "无"
    : [
        p.warning ? "警告" : "",
        p.fineFen ? `罚款 ${(p.fineFen / 100).toFixed(2)} 元` : "",
        p.confiscationFen ? `没收 ${(p.confiscationFen / 100).toFixed(2)} 元` : "",
        ...(p.kinds ?? []),
      ]
        .filter(Boolean)
        .join("，") || "无";

/** What changed in the proposal and the checks since the previous round (L2: resubmission after correction). */
export function changesSince(
  prev: { proposal: Record<string, unknown>; checks: CheckItem[] },
  next: { proposal: Record<string, unknown>; checks: CheckItem[] },
): string[] {
  const out: string[] = [];
  if (prev.proposal.outcome !== next.proposal.outcome)
    out.push(`处理结果：${String(prev.proposal.outcome)} → ${String(next.proposal.outcome)}`);
  const a = penaltyText(prev.proposal.penalty as Penalty | undefined);
  const b = penaltyText(next.proposal.penalty as Penalty | undefined);
  if (a !== b) out.push(`处罚内容：${a} → ${b}`);
  if (prev.proposal.reasons !== next.proposal.reasons) out.push("理由已修改");
  if ((prev.proposal.benchmarkReason ?? "") !== (next.proposal.benchmarkReason ?? ""))
    out.push(`偏离裁量基准的理由：${String(next.proposal.benchmarkReason ?? "（删除）")}`);
  for (const c of next.checks) {
    const p = prev.checks.find((x) => x.item === c.item);
    if (p && p.ok !== c.ok) {
      const word = (v: boolean | null) => (v === null ? "待人工审查" : v ? "符合" : "存在问题");
      out.push(`系统核查「${c.label}」：${word(p.ok)} → ${word(c.ok)}`);
    }
  }
  return out;
}

/** One review with the case record beside it (steps, evidence), the previous round and what changed. */
export async function getReview(ctx: AppContext, actor: Principal, id: string) {
  const r = await findReview(ctx.db, id);
  const loaded = await findCase(ctx.db, actor, r.review.caseId);
  requirePermission(actor, "review.read", loaded.agency.path);
  const today = dateOf(ctx.now());
  const table = tableOf(loaded.case.procedure);
  const [prev] = await ctx.db
    .select()
    .from(legalReviews)
    .where(and(eq(legalReviews.caseId, r.review.caseId), lt(legalReviews.round, r.review.round)))
    .orderBy(asc(legalReviews.round))
    .then((rows) => rows.slice(-1));
  const prevOpinion = prev ? await findReview(ctx.db, prev.id) : undefined;
  const ids = [
    r.review.reviewerId,
    r.review.submittedBy,
    ...loaded.officerIds,
    ...(r.extension ? [r.extension.approverId] : []),
  ];
  const names = await ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  const name = (uid: string) => names.find((n) => n.id === uid)?.name ?? "";
  const evidence = await ctx.db
    .select({
      id: evidenceItems.id,
      kind: evidenceItems.kind,
      fileName: evidenceItems.fileName,
      action: evidenceItems.action,
      description: evidenceItems.description,
      uploadedAt: evidenceItems.uploadedAt,
    })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.caseId, loaded.case.id), eq(evidenceItems.agencyId, loaded.case.agencyId)))
    .orderBy(asc(evidenceItems.uploadedAt));
  const place = placeOf(loaded);
  const checks = r.review.checks as unknown as CheckItem[];
  return {
    id: r.review.id,
    caseId: r.review.caseId,
    round: r.review.round,
    status: r.status,
    proposal: r.review.proposal,
    proposalText: penaltyText((r.review.proposal as { penalty?: Penalty }).penalty),
    materials: (r.review.materials as string[]).map((m) => ({
      code: m,
      label: (reviewMaterials as Record<string, string>)[m] ?? m,
    })),
    note: r.review.note,
    checks,
    reviewerId: r.review.reviewerId,
    reviewerName: name(r.review.reviewerId),
    submittedBy: r.review.submittedBy,
    submitterName: name(r.review.submittedBy),
    submittedAt: r.review.at,
    /** L3: the deadline in force (extended when an extension was approved). */
    dueOn: r.dueOn,
    overdue: r.status === "pending" && today > r.dueOn,
    extension: r.extension
      ? {
          approvedBy: name(r.extension.approverId),
          reason: r.extension.reason,
          days: r.extension.days,
          at: r.extension.at,
          previousDeadline: r.extension.previousDueOn,
        }
      : null,
    opinion: r.opinion
      ? {
          opinion: r.opinion.opinion,
          items: r.opinion.items as {
            item: string;
            machineOk: boolean | null;
            ok: boolean;
            comment: string;
          }[],
          comment: r.opinion.comment,
          at: r.opinion.at,
        }
      : null,
    escalation: r.escalation ? { reason: r.escalation.reason, at: r.escalation.at } : null,
    previous: prev
      ? {
          id: prev.id,
          round: prev.round,
          status: prevOpinion!.status,
          opinionComment: prevOpinion!.opinion?.comment ?? "",
          problems: (
            (prevOpinion!.opinion?.items ?? []) as { item: string; ok: boolean; comment: string }[]
          ).filter((i) => !i.ok),
          changes: changesSince(
            { proposal: prev.proposal, checks: prev.checks as unknown as CheckItem[] },
            { proposal: r.review.proposal, checks },
          ),
          newSteps: loaded.events
            .filter((e) => e.at > prev.at)
            .map((e) => ({
              seq: e.seq,
              label: table.find((t) => t.event === e.event)?.label ?? e.event,
              onDate: e.onDate,
            })),
        }
      : null,
    case: {
      id: loaded.case.id,
      number: loaded.case.number,
      state: loaded.case.state,
      field: loaded.case.field,
      summary: loaded.case.summary,
      partyName: loaded.case.partyName,
      agencyName: loaded.agency.name,
      actOn: loaded.case.actOn,
      officers: loaded.officerIds.map((o) => name(o)),
      events: loaded.events.map((e) => ({
        seq: e.seq,
        event: e.event,
        label: e.event === "create" ? "登记线索" : (table.find((t) => t.event === e.event)?.label ?? e.event),
        onDate: e.onDate,
        data: e.data,
      })),
      evidence,
    },
    canDecide:
      r.status === "pending" &&
      r.review.reviewerId === actor.userId &&
      can(actor, "review.decide", loaded.agency.path),
    canEscalate: r.status === "returned" && mayApprove(actor, place),
    // L3: the agency leader, when the use case would not refuse (extensionRefusal).
    canExtend:
      mayApproveExtension(actor, loaded) &&
      !extensionRefusal({
        status: r.status,
        extended: !!r.extension,
        dueOn: r.dueOn,
        today,
        days: await getNumberSetting(ctx.db, r.review.agencyId, "review.extensionWorkdays"),
      }),
    canResubmit:
      r.status === "returned" &&
      (mayApprove(actor, place) || loaded.officerIds.includes(actor.userId)) &&
      can(actor, "review.submit", loaded.agency.path),
  };
}
