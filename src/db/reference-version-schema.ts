import { bigint, boolean, pgTable } from "drizzle-orm/pg-core";

/**
 * The reference version: a counter that a trigger raises, in the same transaction, on every change
 * to the tables a case step reads as reference data (officers, certificates, agencies, users'
 * names, audio-video lists; migration 0034). One row, created by the first change. Derived state:
 * backups leave it out (a restore's own inserts raise it again).
 */
export const referenceVersion = pgTable("reference_version", {
  id: boolean("id").primaryKey().default(true),
  n: bigint("n", { mode: "number" }).notNull(),
});
