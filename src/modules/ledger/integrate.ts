import { inArray, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { agencies } from "../agencies/schema.ts";
import { latestOverrides } from "../settings/get-setting.ts";
import { resolveSetting, type SettingKey } from "../settings/registry.ts";
import type { EntryColumns } from "./append-entry.ts";
import { entryLeafHash } from "./entry.ts";
import { CompactRange } from "./merkle.ts";
import { ledgerCheckpoints } from "./schema.ts";
import { agencySigningKey, checkpointBody, keyDir, signBody } from "./signing-keys.ts";

const LOCK = 7106255;

/** The entry time exactly as it goes into the leaf (ISO 8601, UTC, milliseconds), formatted by the database. */
export const isoAt = (column: string): string =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

type PendingRow = { id: string | number } & EntryColumns;

/**
 * Gives pending entries their gapless sequence numbers, in batches, in one transaction per batch:
 * leaves, completed subtree hashes, the new head, and a signed checkpoint when one is due. One
 * integrator at a time (advisory lock), so several servers on one database stay consistent.
 * Set-based: one statement reads the batch, one writes its leaves, nodes and heads and empties
 * the queue, whatever the batch size.
 */
export async function integrate(ctx: AppContext, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 2000;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK})`);
    // The LIMIT sits on the queue alone, so the plan is always "first n of the queue, then look each
    // entry up" — never a merge join that walks the whole record from its first entry.
    const entries = rowsOf<PendingRow>(
      await tx.execute(
        sql.raw(`SELECT e.id, e.agency_id, ${isoAt("e.at")} AS at, e.actor_id, e.case_id, e.event_type, e.payload
           FROM (SELECT entry_id FROM ledger_pending ORDER BY entry_id LIMIT ${Math.max(1, Math.floor(batch))}) p
           JOIN ledger_entries e ON e.id = p.entry_id
          ORDER BY p.entry_id`),
      ),
    );
    const now = ctx.now();
    const touched = [...new Set(entries.map((e) => e.agency_id))];
    if (entries.length > 0) {
      const heads = new Map<string, CompactRange>();
      for (const h of rowsOf<{ agency_id: string; size: string | number; frontier: string[] }>(
        await tx.execute(
          sql`SELECT agency_id, size, frontier FROM ledger_heads WHERE agency_id IN (${sql.join(
            touched.map((a) => sql`${a}`),
            sql`, `,
          )})`,
        ),
      )) {
        heads.set(
          h.agency_id,
          new CompactRange(
            Number(h.size),
            h.frontier.map((x) => Buffer.from(x, "base64")),
          ),
        );
      }
      const leaves: { a: string; s: number; e: number; h: string }[] = [];
      const nodes: { a: string; l: number; i: number; h: string }[] = [];
      for (const e of entries) {
        let tree = heads.get(e.agency_id);
        if (!tree) {
          tree = new CompactRange();
          heads.set(e.agency_id, tree);
        }
        const seq = tree.size;
        const leafHash = entryLeafHash({
          agencyId: e.agency_id,
          seq,
          at: e.at,
          actorId: e.actor_id,
          caseId: e.case_id,
          eventType: e.event_type,
          payload: e.payload,
        });
        leaves.push({ a: e.agency_id, s: seq, e: Number(e.id), h: leafHash.toString("hex") });
        tree.append(leafHash, (l, i, hash) => nodes.push({ a: e.agency_id, l, i, h: hash.toString("hex") }));
      }
      const newHeads = [...heads].map(([a, tree]) => ({
        a,
        s: tree.size,
        f: tree.hashes.map((h) => h.toString("base64")),
      }));
      await tx.execute(sql`
        WITH src AS (
          SELECT * FROM json_to_recordset(${JSON.stringify(leaves)}::json) AS x(a uuid, s bigint, e bigint, h text)),
        l AS (
          INSERT INTO ledger_leaves (agency_id, seq, entry_id, leaf_hash)
          SELECT a, s, e, decode(h, 'hex') FROM src),
        n AS (
          INSERT INTO ledger_nodes (agency_id, level, idx, hash)
          SELECT a, l, i, decode(h, 'hex')
            FROM json_to_recordset(${JSON.stringify(nodes)}::json) AS x(a uuid, l integer, i bigint, h text)),
        d AS (
          DELETE FROM ledger_pending p USING src WHERE p.entry_id = src.e)
        INSERT INTO ledger_heads (agency_id, size, frontier, updated_at)
        SELECT a, s, f, ${now.toISOString()}::timestamptz
          FROM json_to_recordset(${JSON.stringify(newHeads)}::json) AS x(a uuid, s bigint, f jsonb)
        ON CONFLICT (agency_id) DO UPDATE
          SET size = excluded.size, frontier = excluded.frontier, updated_at = excluded.updated_at`);
    }
    // After a batch only the agencies it touched can need a checkpoint; an idle run (nothing
    // pending) looks at every agency, for the time-based rule.
    await signDueCheckpoints(ctx, tx, now, false, entries.length > 0 ? touched : undefined);
    return entries.length;
  });
}

/** The two checkpoint settings in force for each of the agencies (3 queries, however many agencies). */
async function checkpointRules(
  tx: Executor,
  agencyIds: string[],
): Promise<Map<string, { everyEntries: number; everySeconds: number }>> {
  const rows = await tx
    .select({ id: agencies.id, path: agencies.path })
    .from(agencies)
    .where(inArray(agencies.id, agencyIds));
  const chains = new Map(rows.map((r) => [r.id, ancestorIds(r.path).reverse()]));
  const all = [...new Set([...chains.values()].flat())];
  const value = async (key: SettingKey) => {
    const overrides = await latestOverrides(tx, all, key);
    const byAgency = new Map(overrides.map((o) => [o.agencyId, o.value]));
    return (agencyId: string) => {
      const chain = chains.get(agencyId) ?? [agencyId];
      const v = resolveSetting(
        key,
        chain.map((id) => ({ agencyId: id, value: byAgency.get(id) as number | string | null | undefined })),
      ).value;
      if (typeof v !== "number") throw new Error(`setting ${key} is not numeric`);
      return v;
    };
  };
  const everyEntries = await value("ledger.checkpointEveryEntries");
  const everySeconds = await value("ledger.checkpointEverySeconds");
  return new Map(
    agencyIds.map((id) => [id, { everyEntries: everyEntries(id), everySeconds: everySeconds(id) }]),
  );
}

/**
 * Signs a checkpoint for every agency whose tree grew by at least the entry setting, or grew at
 * all and whose last checkpoint is older than the seconds setting (or that has none yet).
 * One query finds the heads that grew past their last checkpoint; settings are read once per run,
 * and only when some agency has grown.
 */
export async function signDueCheckpoints(
  ctx: AppContext,
  tx: Executor,
  now: Date,
  force = false,
  agencyIds?: string[],
): Promise<number> {
  if (agencyIds && agencyIds.length === 0) return 0;
  const grown = rowsOf<{
    agency_id: string;
    size: string | number;
    frontier: string[];
    last_size: string | number | null;
    last_at: string | Date | null;
  }>(
    await tx.execute(sql`
      SELECT h.agency_id, h.size, h.frontier, c.tree_size AS last_size, c.at AS last_at
        FROM ledger_heads h
        LEFT JOIN LATERAL (
          SELECT tree_size, at FROM ledger_checkpoints c
           WHERE c.agency_id = h.agency_id ORDER BY tree_size DESC LIMIT 1) c ON true
       WHERE (c.tree_size IS NULL OR c.tree_size < h.size)
       ${
         agencyIds
           ? sql`AND h.agency_id IN (${sql.join(
               agencyIds.map((a) => sql`${a}`),
               sql`, `,
             )})`
           : sql``
       }
       ORDER BY h.agency_id`),
  );
  const needRules = force ? [] : grown.filter((g) => g.last_size !== null).map((g) => g.agency_id);
  const rules = needRules.length ? await checkpointRules(tx, needRules) : new Map();
  let signed = 0;
  for (const head of grown) {
    const size = Number(head.size);
    const rule = rules.get(head.agency_id);
    if (rule && head.last_size !== null && head.last_at !== null) {
      const due =
        size - Number(head.last_size) >= rule.everyEntries ||
        now.getTime() - new Date(head.last_at).getTime() >= rule.everySeconds * 1000;
      if (!due) continue;
    }
    const tree = new CompactRange(
      size,
      head.frontier.map((x) => Buffer.from(x, "base64")),
    );
    const root = tree.root();
    const key = await agencySigningKey(tx, keyDir(ctx.dataDir), head.agency_id, now);
    const body = checkpointBody(head.agency_id, size, root, now);
    await tx.insert(ledgerCheckpoints).values({
      agencyId: head.agency_id,
      treeSize: size,
      rootHash: root,
      at: now,
      keyId: key.keyId,
      body,
      signature: signBody(key, body),
    });
    signed++;
  }
  return signed;
}

/** Integrates until nothing is pending (tests, CLI, shutdown). */
export async function integrateAll(ctx: AppContext): Promise<number> {
  let total = 0;
  for (let n = await integrate(ctx); n > 0; n = await integrate(ctx)) total += n;
  return total;
}

/** Signs a checkpoint now for every agency with entries past its last checkpoint. */
export async function checkpointNow(ctx: AppContext): Promise<number> {
  await integrateAll(ctx);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK})`);
    return signDueCheckpoints(ctx, tx, ctx.now(), true);
  });
}
