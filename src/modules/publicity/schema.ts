import { bigint, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

/**
 * Decisions published on the public site (C13, G3, G6). Only masked text is stored here: what the
 * public may see and nothing more. Append-only: a withdrawal (G4) is a row of its own.
 */
export const publicDecisions = pgTable(
  "public_decisions",
  {
    id: uuid("id").primaryKey(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    caseId: uuid("case_id").notNull(),
    /** The decide step published (one publication per decision). */
    decisionEventId: uuid("decision_event_id").notNull().unique(),
    caseNumber: text("case_number").notNull(),
    title: text("title").notNull(),
    agencyName: text("agency_name").notNull(),
    /** 张某某, or an organisation's name. */
    partyDisplay: text("party_display").notNull(),
    /** Organisations only: the unified social credit code (published, G6). */
    creditCode: text("credit_code").notNull(),
    field: text("field").notNull(),
    violation: text("violation").notNull(),
    penalty: text("penalty").notNull(),
    /** The decision document's text, masked. */
    body: text("body").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    /** Search tokens: character bigrams of the public text (both engines, no extension). */
    tokens: text("tokens").array().notNull(),
    publishedBy: uuid("published_by").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }).notNull(),
    /** The ledger entry that records the publication (its payload is the public record). */
    ledgerEntryId: bigint("ledger_entry_id", { mode: "number" }).notNull(),
  },
  (t) => [
    index("public_decisions_published_idx").on(t.publishedAt),
    // Search pages are newest decision first (search-public-decisions.ts): one index per filter.
    index("public_decisions_decided_idx").on(t.decidedOn, t.id),
    index("public_decisions_agency_decided_idx").on(t.agencyId, t.decidedOn, t.id),
    index("public_decisions_field_decided_idx").on(t.field, t.decidedOn, t.id),
    index("public_decisions_tokens_idx").using("gin", t.tokens),
    index("public_decisions_case_idx").on(t.caseId),
  ],
);

/** G4: a published decision withdrawn, with the reason shown publicly (append-only). */
export const publicWithdrawals = pgTable("public_withdrawals", {
  id: uuid("id").primaryKey(),
  decisionId: uuid("decision_id")
    .notNull()
    .unique()
    .references(() => publicDecisions.id),
  reason: text("reason").notNull(),
  withdrawnBy: uuid("withdrawn_by").notNull(),
  withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, precision: 3 }).notNull(),
  ledgerEntryId: bigint("ledger_entry_id", { mode: "number" }).notNull(),
});
