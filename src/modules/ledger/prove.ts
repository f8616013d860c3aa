import { and, desc, eq, inArray, or } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { consistencyRanges, decompose, inclusionRanges, type Range, rangeHash } from "./merkle.ts";
import { ledgerCheckpoints, ledgerKeys, ledgerLeaves, ledgerNodes } from "./schema.ts";

/** Hashes of the given ranges of an agency's tree, from stored leaves and subtree nodes. */
async function rangeHashes(ex: Executor, agencyId: string, ranges: Range[]): Promise<Buffer[]> {
  const parts = ranges.map((r) => decompose(r.start, r.end));
  const refs = parts.flat();
  const leafSeqs = [...new Set(refs.filter((r) => r.level === 0).map((r) => r.index))];
  const nodeRefs = refs.filter((r) => r.level > 0);
  const known = new Map<string, Buffer>();
  if (leafSeqs.length) {
    const rows = await ex
      .select({ seq: ledgerLeaves.seq, hash: ledgerLeaves.leafHash })
      .from(ledgerLeaves)
      .where(and(eq(ledgerLeaves.agencyId, agencyId), inArray(ledgerLeaves.seq, leafSeqs)));
    for (const r of rows) known.set(`0:${r.seq}`, r.hash);
  }
  if (nodeRefs.length) {
    const rows = await ex
      .select({ level: ledgerNodes.level, idx: ledgerNodes.idx, hash: ledgerNodes.hash })
      .from(ledgerNodes)
      .where(
        and(
          eq(ledgerNodes.agencyId, agencyId),
          or(...nodeRefs.map((r) => and(eq(ledgerNodes.level, r.level), eq(ledgerNodes.idx, r.index)))),
        ),
      );
    for (const r of rows) known.set(`${r.level}:${r.idx}`, r.hash);
  }
  return parts.map((p) =>
    rangeHash(
      p.map((r) => {
        const h = known.get(`${r.level}:${r.index}`);
        if (!h) throw new AppError("NOT_FOUND", "记录树的节点缺失，请运行 guifan ledger verify 核查");
        return h;
      }),
    ),
  );
}

export type CheckpointView = {
  agencyId: string;
  treeSize: number;
  rootHash: string;
  at: Date;
  keyId: string;
  body: string;
  signature: string;
  publicKey: string;
};

/** The newest signed checkpoint of an agency (optionally the newest covering at least `minSize`). */
export async function latestCheckpoint(ex: Executor, agencyId: string): Promise<CheckpointView | undefined> {
  const [c] = await ex
    .select()
    .from(ledgerCheckpoints)
    .innerJoin(ledgerKeys, eq(ledgerKeys.keyId, ledgerCheckpoints.keyId))
    .where(eq(ledgerCheckpoints.agencyId, agencyId))
    .orderBy(desc(ledgerCheckpoints.treeSize))
    .limit(1);
  return c ? toView(c.ledger_checkpoints, c.ledger_keys.publicKey) : undefined;
}

export async function checkpointAtSize(ex: Executor, agencyId: string, size: number) {
  const [c] = await ex
    .select()
    .from(ledgerCheckpoints)
    .innerJoin(ledgerKeys, eq(ledgerKeys.keyId, ledgerCheckpoints.keyId))
    .where(and(eq(ledgerCheckpoints.agencyId, agencyId), eq(ledgerCheckpoints.treeSize, size)))
    .limit(1);
  return c ? toView(c.ledger_checkpoints, c.ledger_keys.publicKey) : undefined;
}

const toView = (c: typeof ledgerCheckpoints.$inferSelect, publicKey: string): CheckpointView => ({
  agencyId: c.agencyId,
  treeSize: c.treeSize,
  rootHash: c.rootHash.toString("base64"),
  at: c.at,
  keyId: c.keyId,
  body: c.body,
  signature: c.signature.toString("base64"),
  publicKey,
});

/** Inclusion proof of leaf `seq` in the agency's tree of size `treeSize` (RFC 9162 2.1.3). */
export async function inclusionProof(ex: Executor, agencyId: string, seq: number, treeSize: number) {
  if (seq >= treeSize) throw new AppError("VALIDATION_FAILED", "该条目不在所请求的树规模之内");
  const [leaf] = await ex
    .select({ hash: ledgerLeaves.leafHash })
    .from(ledgerLeaves)
    .where(and(eq(ledgerLeaves.agencyId, agencyId), eq(ledgerLeaves.seq, seq)));
  if (!leaf) throw new AppError("NOT_FOUND", "记录条目不存在");
  const proof = await rangeHashes(ex, agencyId, inclusionRanges(seq, treeSize));
  return {
    agencyId,
    seq,
    treeSize,
    leafHash: leaf.hash.toString("base64"),
    proof: proof.map((p) => p.toString("base64")),
  };
}

/** Consistency proof between two tree sizes (RFC 9162 2.1.4): the log only grew. */
export async function consistencyProof(ex: Executor, agencyId: string, first: number, second: number) {
  if (first < 1 || second < first) throw new AppError("VALIDATION_FAILED", "树规模不合法");
  const proof = await rangeHashes(ex, agencyId, consistencyRanges(first, second));
  return { agencyId, first, second, proof: proof.map((p) => p.toString("base64")) };
}
