import { z } from "zod";
import { lawDate } from "../officers/officer.ts";

/** Procedures (C06 general, C07 simple, C08 three-step). */
export const procedures = { general: "一般程序", simple: "简易程序", three_step: "三步式执法" } as const;
export type Procedure = keyof typeof procedures;
export const procedureCodes = Object.keys(procedures) as [Procedure, ...Procedure[]];

export const partyTypes = { individual: "自然人", organisation: "法人或其他组织" } as const;
export const partyTypeCodes = Object.keys(partyTypes) as ["individual", "organisation"];

const text = (max: number) => z.string().trim().max(max);

const individual = z.strictObject({
  type: z.literal("individual"),
  name: text(100).min(1),
  idNumber: text(30).default(""),
  phone: text(30).default(""),
  address: text(200).default(""),
});
const organisation = z.strictObject({
  type: z.literal("organisation"),
  name: text(200).min(1),
  creditCode: text(30).default(""),
  legalRepresentative: text(100).default(""),
  phone: text(30).default(""),
  address: text(200).default(""),
});
export const partyInput = z.discriminatedUnion("type", [individual, organisation]);

/** A new lead (线索): the facts known before filing. */
export const createCaseInput = z
  .strictObject({
    agencyId: z.uuid(),
    procedure: z.enum(["general", "simple", "three_step"]).default("general"),
    field: text(50).min(1),
    summary: text(2000).min(1),
    place: z.strictObject({
      address: text(200).min(1),
      latitude: z.number().min(-90).max(90).optional(),
      longitude: z.number().min(-180).max(180).optional(),
    }),
    party: partyInput,
    powerItemIds: z.array(z.uuid()).max(20).default([]),
    benchmarkId: z.uuid().optional(),
    actOn: lawDate,
    continuingUntil: lawDate.optional(),
    discoveredOn: lawDate,
    serious: z.boolean().default(false),
    /** The officers handling the case (user ids); C2 needs two certified ones for investigation steps. */
    officerIds: z.array(z.uuid()).min(1).max(10),
  })
  .refine((v) => new Set(v.officerIds).size === v.officerIds.length, {
    message: "办案人员不能重复",
    path: ["officerIds"],
  });
export type CreateCaseInput = z.input<typeof createCaseInput>;

/** Money is fen (integers). */
export const penaltyInput = z.strictObject({
  warning: z.boolean().optional(),
  fineFen: z.number().int().min(0).max(1_000_000_000_000).optional(),
  confiscationFen: z.number().int().min(0).max(1_000_000_000_000).optional(),
  kinds: z.array(z.string().max(40)).max(10).optional(),
});

/** The request body of a case step. */
export const stepInput = z.strictObject({
  version: z.number().int().min(1),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type StepInput = z.input<typeof stepInput>;

/** Case number from the format setting (case.numberFormat): {short}, {year}, {seq}. */
export function formatCaseNumber(format: string, v: { short: string; year: number; seq: number }): string {
  return format
    .replaceAll("{short}", v.short)
    .replaceAll("{year}", String(v.year))
    .replaceAll("{seq}", String(v.seq));
}
