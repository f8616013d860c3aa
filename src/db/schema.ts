// Every table of every capability, for Drizzle and drizzle-kit.
export * from "../modules/agencies/schema.ts";
export * from "../modules/benchmarks/schema.ts";
export * from "../modules/calendar/schema.ts";
export * from "../modules/cases/schema.ts";
export * from "../modules/complaints/schema.ts";
export * from "../modules/evidence/schema.ts";
export * from "../modules/identity/schema.ts";
export * from "../modules/laws/schema.ts";
export * from "../modules/ledger/schema.ts";
export * from "../modules/officers/schema.ts";
export * from "../modules/powers/schema.ts";
export * from "../modules/publicity/inspection-schema.ts";
export * from "../modules/publicity/schema.ts";
export * from "../modules/reviews/schema.ts";
export * from "../modules/settings/schema.ts";
export * from "../modules/training/schema.ts";
export * from "../modules/violations/schema.ts";
