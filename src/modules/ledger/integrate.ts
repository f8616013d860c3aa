import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Executor } from "../../db/client.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { entryLeafHash } from "./entry.ts";
import { CompactRange } from "./merkle.ts";
import {
  ledgerCheckpoints,
  ledgerEntries,
  ledgerHeads,
  ledgerLeaves,
  ledgerNodes,
  ledgerPending,
} from "./schema.ts";
import { agencySigningKey, checkpointBody, keyDir, signBody } from "./signing-keys.ts";

const LOCK = 7106255;

/**
 * Gives pending entries their gapless sequence numbers, in batches, in one transaction per batch:
 * leaves, completed subtree hashes, the new head, and a signed checkpoint when one is due. One
 * integrator at a time (advisory lock), so several servers on one database stay consistent.
 */
export async function integrate(ctx: AppContext, opts: { batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 2000;
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK})`);
    const entries = await tx
      .select({
        id: ledgerEntries.id,
        agencyId: ledgerEntries.agencyId,
        at: ledgerEntries.at,
        actorId: ledgerEntries.actorId,
        caseId: ledgerEntries.caseId,
        eventType: ledgerEntries.eventType,
        payload: ledgerEntries.payload,
      })
      .from(ledgerPending)
      .innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerPending.entryId))
      .orderBy(asc(ledgerPending.entryId))
      .limit(batch);
    const now = ctx.now();
    if (entries.length > 0) {
      const agencyIds = [...new Set(entries.map((e) => e.agencyId))];
      const heads = new Map(
        (await tx.select().from(ledgerHeads).where(inArray(ledgerHeads.agencyId, agencyIds))).map((h) => [
          h.agencyId,
          new CompactRange(
            h.size,
            h.frontier.map((x) => Buffer.from(x, "base64")),
          ),
        ]),
      );
      const leaves: (typeof ledgerLeaves.$inferInsert)[] = [];
      const nodes: (typeof ledgerNodes.$inferInsert)[] = [];
      for (const e of entries) {
        let tree = heads.get(e.agencyId);
        if (!tree) {
          tree = new CompactRange();
          heads.set(e.agencyId, tree);
        }
        const seq = tree.size;
        const leafHash = entryLeafHash({ ...e, seq });
        leaves.push({ agencyId: e.agencyId, seq, entryId: e.id, leafHash });
        tree.append(leafHash, (level, idx, hash) => nodes.push({ agencyId: e.agencyId, level, idx, hash }));
      }
      for (let i = 0; i < leaves.length; i += 1000)
        await tx.insert(ledgerLeaves).values(leaves.slice(i, i + 1000));
      for (let i = 0; i < nodes.length; i += 1000)
        await tx.insert(ledgerNodes).values(nodes.slice(i, i + 1000));
      for (const [agencyId, tree] of heads) {
        const frontier = tree.hashes.map((h) => h.toString("base64"));
        await tx
          .insert(ledgerHeads)
          .values({ agencyId, size: tree.size, frontier, updatedAt: now })
          .onConflictDoUpdate({
            target: ledgerHeads.agencyId,
            set: { size: tree.size, frontier, updatedAt: now },
          });
      }
      await tx.delete(ledgerPending).where(
        inArray(
          ledgerPending.entryId,
          entries.map((e) => e.id),
        ),
      );
    }
    // After a batch only the agencies it touched can need a checkpoint; an idle run (nothing
    // pending) looks at every agency, for the time-based rule.
    await signDueCheckpoints(
      ctx,
      tx,
      now,
      false,
      entries.length > 0 ? [...new Set(entries.map((e) => e.agencyId))] : undefined,
    );
    return entries.length;
  });
}

/**
 * Signs a checkpoint for every agency whose tree grew by at least the entry setting, or grew at
 * all and whose last checkpoint is older than the seconds setting (or that has none yet).
 */
export async function signDueCheckpoints(
  ctx: AppContext,
  tx: Executor,
  now: Date,
  force = false,
  agencyIds?: string[],
): Promise<number> {
  const heads = await tx
    .select()
    .from(ledgerHeads)
    .where(agencyIds ? inArray(ledgerHeads.agencyId, agencyIds) : undefined);
  let signed = 0;
  for (const head of heads) {
    const [last] = await tx
      .select({ treeSize: ledgerCheckpoints.treeSize, at: ledgerCheckpoints.at })
      .from(ledgerCheckpoints)
      .where(eq(ledgerCheckpoints.agencyId, head.agencyId))
      .orderBy(desc(ledgerCheckpoints.treeSize))
      .limit(1);
    if (last && last.treeSize >= head.size) continue;
    if (last && !force) {
      const everyEntries = await getNumberSetting(tx, head.agencyId, "ledger.checkpointEveryEntries");
      const everySeconds = await getNumberSetting(tx, head.agencyId, "ledger.checkpointEverySeconds");
      const due =
        head.size - last.treeSize >= everyEntries || now.getTime() - last.at.getTime() >= everySeconds * 1000;
      if (!due) continue;
    }
    const tree = new CompactRange(
      head.size,
      head.frontier.map((x) => Buffer.from(x, "base64")),
    );
    const root = tree.root();
    const key = await agencySigningKey(tx, keyDir(ctx.dataDir), head.agencyId, now);
    const body = checkpointBody(head.agencyId, head.size, root, now);
    await tx.insert(ledgerCheckpoints).values({
      agencyId: head.agencyId,
      treeSize: head.size,
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
