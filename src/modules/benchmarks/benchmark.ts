import { z } from "zod";
import { isoDate } from "../../http/schemas.ts";

/** Tiers of a discretion benchmark (C03), least to most severe. */
export const tierLevels = {
  no_penalty: "不予处罚",
  minor: "轻微（减轻）",
  ordinary: "一般",
  serious: "较重",
  very_serious: "严重",
} as const;
export type TierLevel = keyof typeof tierLevels;
export const tierLevelCodes = Object.keys(tierLevels) as [TierLevel, ...TierLevel[]];

/** Degree of harm found in a case (a structured factor of tiers). */
export const harmLevels = {
  none: "无危害后果",
  minor: "危害后果轻微",
  ordinary: "危害后果一般",
  serious: "危害后果较重",
  very_serious: "危害后果严重",
} as const;
export type HarmLevel = keyof typeof harmLevels;
export const harmLevelCodes = Object.keys(harmLevels) as [HarmLevel, ...HarmLevel[]];

/** Kinds of penalty (行政处罚法 art. 9). */
export const penaltyKinds = {
  warning: "警告",
  notice_of_criticism: "通报批评",
  order_correction: "责令改正",
  fine: "罚款",
  confiscation: "没收违法所得、没收非法财物",
  suspend_licence: "暂扣许可证件",
  lower_qualification: "降低资质等级",
  revoke_licence: "吊销许可证件",
  restrict_activity: "限制开展生产经营活动",
  order_closure: "责令停产停业、责令关闭",
  restrict_practice: "限制从业",
  detention: "行政拘留",
  other: "其他",
} as const;
export type PenaltyKind = keyof typeof penaltyKinds;
export const penaltyKindCodes = Object.keys(penaltyKinds) as [PenaltyKind, ...PenaltyKind[]];

export const partyTypes = { individual: "个人", organisation: "单位", any: "不区分" } as const;
export type PartyType = keyof typeof partyTypes;

/**
 * Rule P12 (行政处罚法 art. 32, 30): circumstances that make a lighter or reduced penalty
 * mandatory. Data, not code: the calculator moves to the next lower tier when one applies.
 */
export const lighterCircumstances = {
  eliminated_harm: { label: "主动消除或者减轻违法行为危害后果", basis: "行政处罚法第三十二条第（一）项" },
  coerced: { label: "受他人胁迫或者诱骗实施违法行为", basis: "行政处罚法第三十二条第（二）项" },
  confessed: { label: "主动供述行政机关尚未掌握的违法行为", basis: "行政处罚法第三十二条第（三）项" },
  assisted: { label: "配合行政机关查处违法行为有立功表现", basis: "行政处罚法第三十二条第（四）项" },
  minor_age: { label: "已满十四周岁不满十八周岁", basis: "行政处罚法第三十条" },
  other_by_law: {
    label: "法律、法规、规章规定其他应当从轻或者减轻行政处罚的",
    basis: "行政处罚法第三十二条第（五）项",
  },
} as const;
export type LighterCircumstance = keyof typeof lighterCircumstances;
export const lighterCircumstanceCodes = Object.keys(lighterCircumstances) as [
  LighterCircumstance,
  ...LighterCircumstance[],
];

/** Rule P11 (行政处罚法 art. 30, 31, 33): the no-penalty cases, as data. */
export const noPenaltyCases = {
  under_14: { label: "不满十四周岁", basis: "行政处罚法第三十条", mandatory: true },
  mental_incapacity: {
    label: "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为",
    basis: "行政处罚法第三十一条",
    mandatory: true,
  },
  minor_corrected: {
    label: "违法行为轻微并及时改正，没有造成危害后果",
    basis: "行政处罚法第三十三条第一款",
    mandatory: true,
  },
  no_fault: {
    label: "当事人有证据足以证明没有主观过错",
    basis: "行政处罚法第三十三条第二款",
    mandatory: true,
  },
  first_violation: {
    label: "初次违法且危害后果轻微并及时改正（首违不罚，可以不予处罚）",
    basis: "行政处罚法第三十三条第一款",
    mandatory: false,
  },
} as const;
export type NoPenaltyCase = keyof typeof noPenaltyCases;

const text = (max: number) => z.string().trim().max(max);
const fen = z.number().int().min(0).max(100_000_000_000);
const band = z.number().min(0).max(1e12).nullable().default(null);

/** A penalty range: for a party type and, optionally, a quantity band above < q ≤ upTo. */
export const rangeSchema = z
  .strictObject({
    partyType: z.enum(["individual", "organisation", "any"]).default("any"),
    above: band,
    upTo: band,
    minFen: fen,
    maxFen: fen,
  })
  .refine((r) => r.minFen <= r.maxFen, { message: "罚款下限不能高于上限", path: ["maxFen"] })
  .refine((r) => r.above === null || r.upTo === null || r.above < r.upTo, {
    message: "计量区间下限应小于上限",
    path: ["upTo"],
  });
export type PenaltyRange = z.infer<typeof rangeSchema>;

export const tierSchema = z.strictObject({
  level: z.enum(tierLevelCodes),
  conditions: text(2000).min(1),
  /** Structured factors: the degrees of harm this tier covers (empty = any). */
  harm: z.array(z.enum(harmLevelCodes)).max(5).default([]),
  penalties: z.array(z.enum(penaltyKindCodes)).max(13).default([]),
  /** Fine ranges; none = no fine in this tier. */
  ranges: z.array(rangeSchema).max(50).default([]),
});
export type Tier = z.infer<typeof tierSchema>;

export const benchmarkFields = {
  code: text(50)
    .regex(/^[A-Za-z0-9\-_.]+$/, "基准编码只能包含字母、数字和 - _ .")
    .min(1),
  violationName: text(300).min(2),
  powerItemId: z.uuid().nullable().default(null),
  /** The violation (C03) graded by this benchmark. */
  violationId: z.uuid().nullable().default(null),
  violatedArticleIds: z.array(z.uuid()).max(20).default([]),
  penaltyArticleIds: z.array(z.uuid()).max(20).default([]),
  quantityName: text(20).nullable().default(null),
  quantityUnit: text(10).nullable().default(null),
  tiers: z.array(tierSchema).min(1).max(5),
  effectiveFrom: isoDate.nullable().default(null),
  effectiveTo: isoDate.nullable().default(null),
  published: z.boolean().default(false),
};

const tiersDistinct = (v: { tiers?: Tier[] }) =>
  !v.tiers || new Set(v.tiers.map((t) => t.level)).size === v.tiers.length;
const tiersMessage = { message: "同一档次只能出现一次", path: ["tiers"] };

export const createBenchmarkInput = z
  .strictObject({ agencyId: z.uuid(), ...benchmarkFields })
  .refine(tiersDistinct, tiersMessage);
export type CreateBenchmarkInput = z.infer<typeof createBenchmarkInput>;

export const updateBenchmarkInput = z
  .strictObject({
    version: z.number().int().min(1),
    code: benchmarkFields.code.optional(),
    violationName: benchmarkFields.violationName.optional(),
    powerItemId: z.uuid().nullable().optional(),
    violationId: z.uuid().nullable().optional(),
    violatedArticleIds: z.array(z.uuid()).max(20).optional(),
    penaltyArticleIds: z.array(z.uuid()).max(20).optional(),
    quantityName: text(20).nullable().optional(),
    quantityUnit: text(10).nullable().optional(),
    tiers: z.array(tierSchema).min(1).max(5).optional(),
    effectiveFrom: isoDate.nullable().optional(),
    effectiveTo: isoDate.nullable().optional(),
    published: z.boolean().optional(),
  })
  .refine(tiersDistinct, tiersMessage);
export type UpdateBenchmarkInput = z.infer<typeof updateBenchmarkInput>;

export const versionedBenchmarkFields = [
  "code",
  "violationName",
  "powerItemId",
  "violationId",
  "violatedArticleIds",
  "penaltyArticleIds",
  "quantityName",
  "quantityUnit",
  "tiers",
  "effectiveFrom",
  "effectiveTo",
  "published",
] as const;

/** The facts of a case the calculator reads. */
export const assessFacts = z.strictObject({
  /** Measured quantities by name (e.g. { "面积": 8 }). */
  quantities: z.record(z.string().max(20), z.number().min(0).max(1e12)).default({}),
  /** P12 circumstances established in the case. */
  circumstances: z.array(z.enum(lighterCircumstanceCodes)).max(10).default([]),
  firstViolation: z.boolean().default(false),
  correctedInTime: z.boolean().default(false),
  harm: z.enum(harmLevelCodes),
  age: z.number().int().min(0).max(150).optional(),
  mentalIncapacity: z.boolean().default(false),
  noFault: z.boolean().default(false),
  /** P13 (行政处罚法第二十九条): the same act has already been fined (一事不再罚款). */
  alreadyFined: z.boolean().default(false),
});
export type AssessFacts = z.infer<typeof assessFacts>;

export const assessInput = z.strictObject({
  partyType: z.enum(["individual", "organisation"]),
  facts: assessFacts,
});
export type AssessInput = z.infer<typeof assessInput>;

/** P13: one act that breaks several rules — assess every benchmark, the higher fine applies. */
export const assessSeveralInput = z.strictObject({
  benchmarkIds: z
    .array(z.uuid())
    .min(2, "至少选择两个裁量基准")
    .max(10)
    .refine((ids) => new Set(ids).size === ids.length, "裁量基准不能重复"),
  partyType: z.enum(["individual", "organisation"]),
  facts: assessFacts,
});
export type AssessSeveralInput = z.infer<typeof assessSeveralInput>;
