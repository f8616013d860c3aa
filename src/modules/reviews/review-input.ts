import { z } from "zod";
import { assessFacts } from "../benchmarks/benchmark.ts";
import { penaltyInput } from "../cases/case.ts";
import { lawDate } from "../officers/officer.ts";
import { type ChecklistItem, checklist } from "./machine-checks.ts";

/** L2 / seed 002 (三): the materials submitted for legal review. */
export const reviewMaterials = {
  investigation_report: "案件调查终结报告",
  proposal: "拟作出的处理决定（处罚种类、数额、理由）",
  evidence: "证据材料",
  legal_basis: "法律依据及裁量基准适用说明",
  statement_record: "陈述申辩笔录或放弃陈述申辩的记录",
  hearing_report: "听证笔录和听证报告",
} as const;
export type ReviewMaterial = keyof typeof reviewMaterials;
const materialCodes = Object.keys(reviewMaterials) as [ReviewMaterial, ...ReviewMaterial[]];

export const submitReviewInput = z.strictObject({
  caseId: z.uuid(),
  proposal: z
    .strictObject({
      outcome: z.enum(["penalty", "no_penalty", "transfer"]),
      penalty: penaltyInput.optional(),
      reasons: z.string().trim().min(1).max(5000),
      ground: z.string().max(40).optional(),
      education: z.string().trim().max(2000).optional(),
      facts: assessFacts.optional(),
      benchmarkReason: z.string().trim().max(2000).optional(),
    })
    .refine((v) => v.outcome !== "penalty" || v.penalty !== undefined, {
      message: "处罚决定须写明处罚内容",
      path: ["penalty"],
    }),
  materials: z.array(z.enum(materialCodes)).max(20),
  reviewerId: z.uuid(),
  note: z.string().trim().max(2000).default(""),
});
export type SubmitReviewInput = z.input<typeof submitReviewInput>;

const itemCodes = Object.keys(checklist) as [ChecklistItem, ...ChecklistItem[]];

export const recordOpinionInput = z.strictObject({
  opinion: z.enum(["agree", "problems"]),
  items: z
    .array(
      z.strictObject({
        item: z.enum(itemCodes),
        ok: z.boolean(),
        comment: z.string().trim().max(2000).default(""),
      }),
    )
    .max(itemCodes.length),
  comment: z.string().trim().min(1).max(5000),
});
export type RecordOpinionInput = z.input<typeof recordOpinionInput>;

export const escalateInput = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

export const flagCaseInput = z
  .strictObject({
    needsReview: z.boolean().default(true),
    needsDiscussion: z.boolean().default(false),
    reason: z.string().trim().min(1).max(1000),
  })
  .refine((v) => v.needsReview || v.needsDiscussion, { message: "须至少要求法制审核或集体讨论之一" });

export const meetingInput = z
  .strictObject({
    agencyId: z.uuid(),
    heldOn: lawDate,
    place: z.string().trim().min(1).max(200),
    chairId: z.uuid(),
    memberCount: z.number().int().min(1).max(100),
    attendees: z
      .array(z.strictObject({ userId: z.uuid(), role: z.string().trim().min(1).max(50) }))
      .min(1)
      .max(100),
  })
  .refine((v) => new Set(v.attendees.map((a) => a.userId)).size === v.attendees.length, {
    message: "出席人员不能重复",
    path: ["attendees"],
  })
  .refine((v) => v.attendees.some((a) => a.userId === v.chairId), {
    message: "主持人须在出席人员中",
    path: ["chairId"],
  })
  .refine((v) => v.attendees.length <= v.memberCount, {
    message: "出席人数不能多于班子成员人数",
    path: ["memberCount"],
  });
export type MeetingInput = z.input<typeof meetingInput>;

export const discussInput = z
  .strictObject({
    caseId: z.uuid(),
    opinions: z
      .array(z.strictObject({ userId: z.uuid(), opinion: z.string().trim().min(1).max(2000) }))
      .min(1)
      .max(100),
    conclusion: z.string().trim().min(1).max(5000),
    approved: z.boolean(),
  })
  .refine((v) => new Set(v.opinions.map((a) => a.userId)).size === v.opinions.length, {
    message: "每名成员只记录一条意见",
    path: ["opinions"],
  });
export type DiscussInput = z.input<typeof discussInput>;

export const filingInput = z.strictObject({
  eventId: z.uuid(),
  note: z.string().trim().max(2000).default(""),
});
export const ackInput = z.strictObject({ note: z.string().trim().max(2000).default("") });
