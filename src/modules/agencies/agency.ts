import { z } from "zod";

/** Agency kinds (C01): city bureau → county bureaus → squads; township offices act in their own name. */
export const agencyKinds = {
  city_bureau: "市级综合行政执法局",
  county_bureau: "县（区）综合行政执法局",
  squad: "执法中队",
  township_office: "乡镇（街道）综合行政执法机构",
} as const;
export type AgencyKind = keyof typeof agencyKinds;
export const agencyKindCodes = Object.keys(agencyKinds) as [AgencyKind, ...AgencyKind[]];

/** Which kinds may sit directly under which (null = a root). */
export const allowedParents: Record<AgencyKind, (AgencyKind | null)[]> = {
  city_bureau: [null],
  county_bureau: ["city_bureau", null],
  squad: ["city_bureau", "county_bureau", "township_office"],
  township_office: ["county_bureau", "city_bureau"],
};

/** 18-character unified social credit code (GB 32100-2015), check digit verified. */
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += creditChars.indexOf(code[i]!) * creditWeights[i]!;
  const check = (31 - (sum % 31)) % 31;
  return creditChars[check] === code[17];
}

/** Computes a valid check character for the first 17 characters (used by demo data and tests). */
export function withCreditCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += creditChars.indexOf(first17[i]!) * creditWeights[i]!;
  return first17 + creditChars[(31 - (sum % 31)) % 31];
}

const text = (max: number) => z.string().trim().max(max);
/** Note: in zod 4 a default applies even under .optional(), so update schemas use the bare field. */
const phoneText = z
  .string()
  .trim()
  .regex(/^[0-9\-+() ]{0,30}$/, "电话号码格式不正确");
const tagList = z.array(text(50).min(1)).max(100);

export const agencyFields = {
  name: text(100).min(2),
  shortName: text(20).min(1),
  creditCode: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isValidCreditCode, "统一社会信用代码不正确（18 位，校验位须正确）")
    .nullable()
    .optional(),
  address: text(200).default(""),
  sealName: text(100).min(2),
  phone: phoneText.default(""),
  areas: tagList.default([]),
  fields: tagList.default([]),
};

export const createAgencyInput = z.strictObject({
  parentId: z.uuid().nullable(),
  kind: z.enum(agencyKindCodes),
  ...agencyFields,
});
export type CreateAgencyInput = z.infer<typeof createAgencyInput>;

export const updateAgencyInput = z.strictObject({
  version: z.number().int().min(1),
  name: agencyFields.name.optional(),
  shortName: agencyFields.shortName.optional(),
  creditCode: agencyFields.creditCode,
  address: text(200).optional(),
  sealName: agencyFields.sealName.optional(),
  phone: phoneText.optional(),
  areas: tagList.optional(),
  fields: tagList.optional(),
});
export type UpdateAgencyInput = z.infer<typeof updateAgencyInput>;

export const agencyView = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.string(),
  name: z.string(),
  shortName: z.string(),
  creditCode: z.string().nullable(),
  address: z.string(),
  sealName: z.string(),
  phone: z.string(),
  areas: z.array(z.string()),
  fields: z.array(z.string()),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AgencyView = z.infer<typeof agencyView>;

export const ancestorIds = (path: string): string[] => path.split("/").filter(Boolean);
