// Every table of every capability, for Drizzle and drizzle-kit.
export * from "../modules/agencies/schema.ts";
export * from "../modules/calendar/schema.ts";
export * from "../modules/identity/schema.ts";
export * from "../modules/ledger/schema.ts";
export * from "../modules/settings/schema.ts";
