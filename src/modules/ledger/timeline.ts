import { asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { ledgerEventTypes } from "./entry.ts";
import { inclusionProof, latestCheckpoint } from "./prove.ts";
import { ledgerEntries, ledgerLeaves } from "./schema.ts";

const labelOf = (type: string): string =>
  (ledgerEventTypes as Record<string, string | undefined>)[type] ?? type;

/**
 * A case's timeline (C7): every full-process record entry with this case id, in the order they
 * happened, each with its inclusion proof against the agency's latest signed checkpoint, so a
 * reader can check every step without trusting the server. Cases don't have their own table yet:
 * the case is what the ledger says about it. A case belongs to one agency; the timeline is that
 * of the agency of its first entry the actor may read. Entries not yet covered by a checkpoint
 * (the integrator signs one within seconds) come with `proof: null` and `awaitingCheckpoint`.
 * Read-only: it never integrates or signs.
 */
export async function caseTimeline(ctx: AppContext, actor: Principal, caseId: string) {
  const rows = await ctx.db
    .select({
      id: ledgerEntries.id,
      agencyId: ledgerEntries.agencyId,
      agencyName: agencies.name,
      agencyPath: agencies.path,
      seq: ledgerLeaves.seq,
      leafHash: ledgerLeaves.leafHash,
      at: ledgerEntries.at,
      actorId: ledgerEntries.actorId,
      actorName: users.displayName,
      caseId: ledgerEntries.caseId,
      eventType: ledgerEntries.eventType,
      payload: ledgerEntries.payload,
    })
    .from(ledgerEntries)
    .innerJoin(agencies, eq(agencies.id, ledgerEntries.agencyId))
    .leftJoin(ledgerLeaves, eq(ledgerLeaves.entryId, ledgerEntries.id))
    .leftJoin(users, eq(users.id, ledgerEntries.actorId))
    .where(eq(ledgerEntries.caseId, caseId))
    .orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id));
  // Not recorded, or not readable by this actor: the same answer, so nothing leaks.
  const first = rows.find((r) => can(actor, "ledger.read", r.agencyPath));
  if (!first) throw new AppError("NOT_FOUND", "没有该案件的全过程记录，或无权查看");
  const agencyId = first.agencyId;
  const checkpoint = (await latestCheckpoint(ctx.db, agencyId)) ?? null;
  const entries = [];
  for (const r of rows) {
    if (r.agencyId !== agencyId) continue;
    const covered = checkpoint !== null && r.seq !== null && r.seq < checkpoint.treeSize;
    const proof = covered
      ? (await inclusionProof(ctx.db, agencyId, r.seq!, checkpoint.treeSize)).proof
      : null;
    entries.push({
      id: r.id,
      seq: r.seq,
      leafHash: r.leafHash?.toString("base64") ?? null,
      at: r.at,
      actorId: r.actorId,
      actorName: r.actorName,
      caseId: r.caseId,
      eventType: r.eventType,
      eventTypeLabel: labelOf(r.eventType),
      payload: r.payload,
      proof,
      awaitingCheckpoint: !covered,
    });
  }
  return { caseId, agencyId, agencyName: first.agencyName, checkpoint, entries };
}
