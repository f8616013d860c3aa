import { z } from "zod";
import { isoDate } from "../../http/schemas.ts";

/** Kinds of power items (C02). */
export const powerKinds = {
  penalty: "行政处罚",
  compulsory_measure: "行政强制",
  inspection: "行政检查",
  licence: "行政许可",
  levy: "行政征收",
  confirmation: "行政确认",
  ruling: "行政裁决",
  other: "其他行政权力",
} as const;
export type PowerKind = keyof typeof powerKinds;
export const powerKindCodes = Object.keys(powerKinds) as [PowerKind, ...PowerKind[]];

/** Enforcement fields (seed 001 item 4, and more); an item's field is one of these. */
export const powerFields = [
  "城市管理",
  "市容环境卫生",
  "城乡规划",
  "市政公用",
  "园林绿化",
  "住房和城乡建设",
  "卫生健康",
  "林业和草原",
  "农业农村",
  "应急管理",
  "自然资源",
  "交通运输",
  "水利",
  "文化和旅游",
  "生态环境",
  "人力资源和社会保障",
  "市场监督管理",
  "其他",
] as const;
export type PowerField = (typeof powerFields)[number];

export const powerStatuses = { active: "有效", suspended: "暂停", abolished: "取消" } as const;
export type PowerStatus = keyof typeof powerStatuses;
export const powerStatusCodes = Object.keys(powerStatuses) as [PowerStatus, ...PowerStatus[]];

const text = (max: number) => z.string().trim().max(max);

export const powerItemFields = {
  code: text(50)
    .regex(/^[A-Za-z0-9\-_.]+$/, "事项编码只能包含字母、数字和 - _ .")
    .min(1),
  name: text(200).min(2),
  kind: z.enum(powerKindCodes),
  field: z.enum(powerFields),
  basisArticleIds: z.array(z.uuid()).max(50).default([]),
  basisText: text(2000).default(""),
  transferredFrom: text(100).default(""),
  status: z.enum(powerStatusCodes).default("active"),
  effectiveFrom: isoDate.nullable().default(null),
  effectiveTo: isoDate.nullable().default(null),
  published: z.boolean().default(false),
};

const datesInOrder = (v: { effectiveFrom?: string | null; effectiveTo?: string | null }) =>
  !v.effectiveFrom || !v.effectiveTo || v.effectiveFrom <= v.effectiveTo;
const datesMessage = { message: "失效日期不能早于生效日期", path: ["effectiveTo"] };

export const createPowerItemInput = z
  .strictObject({ agencyId: z.uuid(), ...powerItemFields })
  .refine(datesInOrder, datesMessage);
export type CreatePowerItemInput = z.infer<typeof createPowerItemInput>;

export const updatePowerItemInput = z
  .strictObject({
    version: z.number().int().min(1),
    code: powerItemFields.code.optional(),
    name: powerItemFields.name.optional(),
    kind: powerItemFields.kind.optional(),
    field: powerItemFields.field.optional(),
    basisArticleIds: z.array(z.uuid()).max(50).optional(),
    basisText: text(2000).optional(),
    transferredFrom: text(100).optional(),
    status: z.enum(powerStatusCodes).optional(),
    effectiveFrom: isoDate.nullable().optional(),
    effectiveTo: isoDate.nullable().optional(),
    published: z.boolean().optional(),
  })
  .refine(datesInOrder, datesMessage);
export type UpdatePowerItemInput = z.infer<typeof updatePowerItemInput>;

/** The fields that make up a version (compared to decide whether an import changes an item). */
export const versionedPowerFields = [
  "code",
  "name",
  "kind",
  "field",
  "basisArticleIds",
  "basisText",
  "transferredFrom",
  "status",
  "effectiveFrom",
  "effectiveTo",
  "published",
] as const;

export const powerItemView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  field: z.string(),
  basisArticleIds: z.array(z.string()),
  basisText: z.string(),
  transferredFrom: z.string(),
  status: z.string(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  published: z.boolean(),
  openFlags: z.number(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
