import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { agencies } from "../agencies/schema.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => Buffer.from(v),
});

/**
 * What happened (append-only). The entry commits in the same transaction as the step it records.
 * Its place in the agency's log (the gapless sequence number) is given by the integrator, which
 * writes ledger_leaves; the leaf hash covers the entry and its sequence number.
 */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    agencyId: uuid("agency_id")
      .notNull()
      .references(() => agencies.id),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid("actor_id"),
    caseId: uuid("case_id"),
    eventType: text("event_type").notNull(),
    /** Canonical JSON (sorted keys, no spaces): the exact bytes that are hashed. */
    payload: text("payload").notNull(),
  },
  (t) => [
    index("ledger_entries_case_idx").on(t.caseId),
    index("ledger_entries_agency_idx").on(t.agencyId, t.id),
  ],
);

/**
 * Entries waiting for a sequence number (a work queue, not a record: rows are removed once
 * integrated). Just the entry's id: the integrator reads everything else from the entry, and
 * every append writes this row, so it is kept as small as it can be.
 */
export const ledgerPending = pgTable("ledger_pending", {
  entryId: bigint("entry_id", { mode: "number" }).primaryKey(),
});

/** The log: leaf `seq` of the agency's Merkle tree is entry `entryId` (append-only). */
export const ledgerLeaves = pgTable(
  "ledger_leaves",
  {
    agencyId: uuid("agency_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    entryId: bigint("entry_id", { mode: "number" }).notNull().unique(),
    leafHash: bytea("leaf_hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.seq] })],
);

/** Hashes of completed perfect subtrees (level ≥ 1), so any proof is O(log n) lookups (append-only). */
export const ledgerNodes = pgTable(
  "ledger_nodes",
  {
    agencyId: uuid("agency_id").notNull(),
    level: integer("level").notNull(),
    idx: bigint("idx", { mode: "number" }).notNull(),
    hash: bytea("hash").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.level, t.idx] })],
);

/** Current size and right edge of each agency's tree (derived state, recomputed by verify). */
export const ledgerHeads = pgTable("ledger_heads", {
  agencyId: uuid("agency_id").primaryKey(),
  size: bigint("size", { mode: "number" }).notNull(),
  /** Base64 hashes of the compact range (largest subtree first). */
  frontier: jsonb("frontier").$type<string[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Signed tree heads (append-only). */
export const ledgerCheckpoints = pgTable(
  "ledger_checkpoints",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    agencyId: uuid("agency_id").notNull(),
    treeSize: bigint("tree_size", { mode: "number" }).notNull(),
    rootHash: bytea("root_hash").notNull(),
    at: timestamp("at", { withTimezone: true, precision: 3 }).notNull(),
    keyId: text("key_id").notNull(),
    /** The signed text (see checkpoint.ts) and its Ed25519 signature. */
    body: text("body").notNull(),
    signature: bytea("signature").notNull(),
  },
  (t) => [index("ledger_checkpoints_agency_idx").on(t.agencyId, t.treeSize)],
);

/** Agencies' public keys (append-only): anyone can check checkpoints with them. */
export const ledgerKeys = pgTable("ledger_keys", {
  keyId: text("key_id").primaryKey(),
  agencyId: uuid("agency_id").notNull(),
  publicKey: text("public_key").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
});
