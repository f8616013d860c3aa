import { z } from "zod";
import { penaltyInput } from "../cases/case.ts";
import { hearingKinds, type Penalty } from "../cases/rules/penalty.ts";

/**
 * L1 / P9 / P10 / F1: which decisions are major, as pure data and functions (no I/O). The agency's
 * list (重大执法决定目录) is a set of structured criteria; the statute adds its own cases (a hearing
 * held, P10), and a case may be flagged by hand with a reason (major public interest, complex).
 */

/** Penalty kinds a criterion may name (the heavier measures of P6 and F1). */
export const majorPenaltyKinds = {
  licence_revocation: "吊销许可证件",
  qualification_lowering: "降低资质等级",
  suspension_of_business: "责令停产停业",
  closure: "责令关闭",
  profession_restriction: "限制从业",
  other_heavier: "其他较重的行政处罚",
} as const;

const fen = z.number().int().min(0).max(1_000_000_000_000);

/** A criterion of the L1 list: a decision matches when it is in one of the fields (if any) and meets any trigger. */
export const criteriaSchema = z
  .strictObject({
    penaltyKinds: z.array(z.enum(hearingKinds)).max(10).optional(),
    fineFenAtLeast: fen.optional(),
    confiscationFenAtLeast: fen.optional(),
    hearingHeld: z.boolean().optional(),
    /** A fine or confiscation reaching the hearing threshold of the party type (P6 settings). */
    hearingThreshold: z.boolean().optional(),
    fields: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  })
  .refine(
    (c) =>
      (c.penaltyKinds?.length ?? 0) > 0 ||
      c.fineFenAtLeast !== undefined ||
      c.confiscationFenAtLeast !== undefined ||
      c.hearingHeld === true ||
      c.hearingThreshold === true ||
      (c.fields?.length ?? 0) > 0,
    { message: "至少设置一个条件（处罚种类、罚款数额、没收数额、经过听证或执法领域）" },
  );
export type Criteria = z.infer<typeof criteriaSchema>;

export const saveCriterionInput = z
  .strictObject({
    agencyId: z.uuid(),
    /** Absent: a new criterion. */
    criterionId: z.uuid().optional(),
    name: z.string().trim().min(1).max(200),
    criteria: criteriaSchema,
    needsReview: z.boolean().default(true),
    needsDiscussion: z.boolean().default(false),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((v) => v.needsReview || v.needsDiscussion, {
    message: "须至少要求法制审核或集体讨论之一",
    path: ["needsReview"],
  });
export type SaveCriterionInput = z.input<typeof saveCriterionInput>;

export type CriterionView = {
  criterionId: string;
  agencyId: string;
  name: string;
  criteria: Criteria;
  needsReview: boolean;
  needsDiscussion: boolean;
  reason: string;
};

/** The proposed (or made) decision as the rules see it. */
export const proposalSchema = z
  .strictObject({
    outcome: z.enum(["penalty", "no_penalty", "transfer"]),
    penalty: penaltyInput.optional(),
    reasons: z.string().trim().min(1).max(5000),
    ground: z.string().max(40).optional(),
    education: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.outcome !== "penalty" || v.penalty !== undefined, {
    message: "处罚决定须写明处罚内容",
    path: ["penalty"],
  });
export type Proposal = z.infer<typeof proposalSchema>;

export type Reason = { ruleId: string; text: string };

export type MajorFacts = {
  outcome: string;
  penalty?: Penalty;
  field: string;
  partyType: "individual" | "organisation";
  /** A hearing was held (record_hearing) in the case. */
  heard: boolean;
  /** The hearing thresholds of the agency (settings, P6). */
  thresholdIndividualFen: number;
  thresholdOrganisationFen: number;
};

export type MajorNeed = {
  review: boolean;
  discussion: boolean;
  filing: boolean;
  reasons: { review: Reason[]; discussion: Reason[]; filing: Reason[] };
};

const yuan = (f: number) => `${(f / 100).toLocaleString("zh-CN")} 元`;
const kindLabel = (k: string) => (majorPenaltyKinds as Record<string, string>)[k] ?? k;

/** Does one criterion of the list match the decision? Returns the reason text, or null. */
export function matchCriterion(c: Criteria, f: MajorFacts): string | null {
  if (c.fields?.length && !c.fields.includes(f.field)) return null;
  const hits: string[] = [];
  const p = f.penalty ?? {};
  const penalty = f.outcome === "penalty";
  if (penalty && c.penaltyKinds?.length) {
    const k = (p.kinds ?? []).filter((x) => (c.penaltyKinds as string[]).includes(x));
    if (k.length) hits.push(`处罚种类为${k.map(kindLabel).join("、")}`);
  }
  if (
    penalty &&
    c.fineFenAtLeast !== undefined &&
    (p.fineFen ?? 0) >= c.fineFenAtLeast &&
    (p.fineFen ?? 0) > 0
  )
    hits.push(`罚款 ${yuan(p.fineFen ?? 0)}，达到 ${yuan(c.fineFenAtLeast)}`);
  if (
    penalty &&
    c.confiscationFenAtLeast !== undefined &&
    (p.confiscationFen ?? 0) >= c.confiscationFenAtLeast &&
    (p.confiscationFen ?? 0) > 0
  )
    hits.push(`没收 ${yuan(p.confiscationFen ?? 0)}，达到 ${yuan(c.confiscationFenAtLeast)}`);
  if (c.hearingHeld && f.heard) hits.push("经过听证");
  if (penalty && c.hearingThreshold) {
    const t = f.partyType === "individual" ? f.thresholdIndividualFen : f.thresholdOrganisationFen;
    if ((p.fineFen ?? 0) >= t) hits.push(`罚款 ${yuan(p.fineFen ?? 0)}，达到较大数额（${yuan(t)}）`);
    else if ((p.confiscationFen ?? 0) >= t)
      hits.push(`没收 ${yuan(p.confiscationFen ?? 0)}，达到较大数额（${yuan(t)}）`);
  }
  const triggers =
    (c.penaltyKinds?.length ?? 0) > 0 ||
    c.fineFenAtLeast !== undefined ||
    c.confiscationFenAtLeast !== undefined ||
    c.hearingHeld === true ||
    c.hearingThreshold === true;
  if (!triggers) return c.fields?.length ? `属于${f.field}领域` : null;
  if (!hits.length) return null;
  return `${c.fields?.length ? `${f.field}领域，` : ""}${hits.join("、")}`;
}

/** F1 (seed 004): suspension of production or business, revocation, large fine or confiscation, major compulsory measure. */
const filingKinds = ["suspension_of_business", "licence_revocation", "closure"];
export function filingReasons(f: MajorFacts): Reason[] {
  if (f.outcome !== "penalty" || !f.penalty) return [];
  const out: Reason[] = [];
  const p = f.penalty;
  const k = (p.kinds ?? []).filter((x) => filingKinds.includes(x));
  if (k.length) out.push({ ruleId: "F1", text: `${k.map(kindLabel).join("、")}` });
  const threshold = f.partyType === "individual" ? f.thresholdIndividualFen : f.thresholdOrganisationFen;
  if ((p.fineFen ?? 0) >= threshold)
    out.push({ ruleId: "F1", text: `罚款 ${yuan(p.fineFen ?? 0)}，达到听证标准（${yuan(threshold)}）` });
  if ((p.confiscationFen ?? 0) >= threshold)
    out.push({
      ruleId: "F1",
      text: `没收 ${yuan(p.confiscationFen ?? 0)}，达到听证标准（${yuan(threshold)}）`,
    });
  return out;
}

/**
 * P9 / P10 / L1 / F1: does this decision need legal review, collective discussion, filing — and why.
 * The statutory case (P10, APL art. 58): a penalty after a hearing. Then the agency's list (L1:
 * amounts, kinds, fields, hearing) and the manual flags of the case (major public interest, complex).
 */
export function majorNeed(
  f: MajorFacts,
  list: CriterionView[],
  flags: { needsReview: boolean; needsDiscussion: boolean; reason: string }[],
): MajorNeed {
  const review: Reason[] = [];
  const discussion: Reason[] = [];
  if (f.outcome === "penalty" && f.heard)
    review.push({ ruleId: "P10", text: "案件经过听证程序（《行政处罚法》第五十八条）" });
  for (const c of list) {
    const hit = matchCriterion(c.criteria, f);
    if (!hit) continue;
    const text = `列入重大执法决定目录「${c.name}」：${hit}`;
    if (c.needsReview) review.push({ ruleId: "L1", text });
    if (c.needsDiscussion) discussion.push({ ruleId: "P9", text });
  }
  for (const flag of flags) {
    if (flag.needsReview) review.push({ ruleId: "L1", text: `经标记为重大执法决定：${flag.reason}` });
    if (flag.needsDiscussion) discussion.push({ ruleId: "P9", text: `经标记须集体讨论：${flag.reason}` });
  }
  const filing = filingReasons(f);
  return {
    review: review.length > 0,
    discussion: discussion.length > 0,
    filing: filing.length > 0,
    reasons: { review, discussion, filing },
  };
}

/** P10: the decision may not be heavier than the proposal the review passed (nor a different outcome). */
export function exceedsReviewed(
  reviewed: Proposal,
  decided: { outcome: string; penalty?: Penalty },
): string[] {
  if (reviewed.outcome !== decided.outcome) return ["处理结果与审核意见不一致"];
  if (decided.outcome !== "penalty") return [];
  const a = reviewed.penalty ?? {};
  const b = decided.penalty ?? {};
  const out: string[] = [];
  if ((b.fineFen ?? 0) > (a.fineFen ?? 0)) out.push("罚款数额");
  if ((b.confiscationFen ?? 0) > (a.confiscationFen ?? 0)) out.push("没收数额");
  if ((b.kinds ?? []).some((k) => !(a.kinds ?? []).includes(k))) out.push("处罚种类");
  return out;
}
