import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { inclusionProof, latestCheckpoint } from "../ledger/prove.ts";
import { ledgerEntries, ledgerLeaves } from "../ledger/schema.ts";
import { publicColumns } from "./public-columns.ts";
import { publicDecisions, publicWithdrawals } from "./schema.ts";

/**
 * One published decision with what a reader needs to verify it without trusting the server: the
 * ledger entry's place (agency, sequence number, time, actor, case, type), an inclusion proof to
 * the agency's latest signed checkpoint, and that checkpoint with its public key (C7, C13). The
 * page rebuilds the entry's payload from the record shown, hashes it and checks the proof. A
 * withdrawn decision (G4) shows the reason instead of its text.
 */
export async function getPublicDecision(ctx: AppContext, id: string) {
  const [row] = await ctx.db
    .select({ ...publicColumns, body: publicDecisions.body, entryId: publicDecisions.ledgerEntryId })
    .from(publicDecisions)
    .leftJoin(publicWithdrawals, eq(publicWithdrawals.decisionId, publicDecisions.id))
    .where(eq(publicDecisions.id, id));
  if (!row) throw new AppError("NOT_FOUND", "公示的决定不存在");
  const { entryId, ...record } = row;
  if (record.withdrawnAt) return { ...record, body: "", ledger: null };
  const [entry] = await ctx.db
    .select({
      at: ledgerEntries.at,
      actorId: ledgerEntries.actorId,
      caseId: ledgerEntries.caseId,
      type: ledgerEntries.eventType,
      seq: ledgerLeaves.seq,
    })
    .from(ledgerEntries)
    .leftJoin(ledgerLeaves, eq(ledgerLeaves.entryId, ledgerEntries.id))
    .where(eq(ledgerEntries.id, entryId));
  const checkpoint = await latestCheckpoint(ctx.db, record.agencyId);
  const proven =
    entry && entry.seq !== null && checkpoint && checkpoint.treeSize > entry.seq
      ? await inclusionProof(ctx.db, record.agencyId, entry.seq, checkpoint.treeSize)
      : null;
  return {
    ...record,
    ledger:
      entry && proven && checkpoint
        ? {
            agencyId: record.agencyId,
            seq: proven.seq,
            at: entry.at.toISOString(),
            actorId: entry.actorId,
            caseId: entry.caseId,
            type: entry.type,
            treeSize: proven.treeSize,
            proof: proven.proof,
            checkpoint: {
              treeSize: checkpoint.treeSize,
              rootHash: checkpoint.rootHash,
              at: checkpoint.at.toISOString(),
              keyId: checkpoint.keyId,
              body: checkpoint.body,
              signature: checkpoint.signature,
              publicKey: checkpoint.publicKey,
            },
          }
        : null,
  };
}
