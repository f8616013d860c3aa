import { z } from "zod";
import { powerFields } from "../powers/power.ts";

/** Violations (违法行为, C03): input schemas and the fields that make up a version. */

const text = (max: number) => z.string().trim().max(max);

export const violationFields = {
  code: text(50)
    .regex(/^[A-Za-z0-9\-_.]+$/, "违法行为编码只能包含字母、数字和 - _ .")
    .min(1),
  name: text(300).min(2),
  field: z.enum(powerFields),
  powerItemId: z.uuid().nullable().default(null),
  violatedArticleIds: z.array(z.uuid()).max(20).default([]),
  penaltyArticleIds: z.array(z.uuid()).max(20).default([]),
  published: z.boolean().default(false),
};

export const createViolationInput = z.strictObject({ agencyId: z.uuid(), ...violationFields });
export type CreateViolationInput = z.infer<typeof createViolationInput>;

export const updateViolationInput = z.strictObject({
  version: z.number().int().min(1),
  code: violationFields.code.optional(),
  name: violationFields.name.optional(),
  field: violationFields.field.optional(),
  powerItemId: z.uuid().nullable().optional(),
  violatedArticleIds: z.array(z.uuid()).max(20).optional(),
  penaltyArticleIds: z.array(z.uuid()).max(20).optional(),
  published: z.boolean().optional(),
});
export type UpdateViolationInput = z.infer<typeof updateViolationInput>;

export const versionedViolationFields = [
  "code",
  "name",
  "field",
  "powerItemId",
  "violatedArticleIds",
  "penaltyArticleIds",
  "published",
] as const;

export const violationView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  powerItemId: z.string().nullable(),
  powerItemCode: z.string().nullable(),
  powerItemName: z.string().nullable(),
  violatedArticleIds: z.array(z.string()),
  penaltyArticleIds: z.array(z.string()),
  published: z.boolean(),
  openFlags: z.number(),
  benchmarks: z.number(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
