import { and, count, desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { ledgerEntries, ledgerLeaves } from "./schema.ts";

/** An agency's record, newest first, with each entry's place in the log once integrated. */
export async function listLedgerEntries(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  req: PageRequest & { eventType?: string; caseId?: string },
) {
  const agency = await findAgency(ctx.db, agencyId);
  requirePermission(actor, "ledger.read", agency.path);
  const where = and(
    eq(ledgerEntries.agencyId, agencyId),
    req.eventType ? eq(ledgerEntries.eventType, req.eventType) : undefined,
    req.caseId ? eq(ledgerEntries.caseId, req.caseId) : undefined,
  );
  const rows = await ctx.db
    .select({
      id: ledgerEntries.id,
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
    .leftJoin(ledgerLeaves, eq(ledgerLeaves.entryId, ledgerEntries.id))
    .leftJoin(users, eq(users.id, ledgerEntries.actorId))
    .where(where)
    .orderBy(desc(ledgerEntries.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db.select({ n: count() }).from(ledgerEntries).where(where);
  return {
    items: rows.map((r) => ({ ...r, leafHash: r.leafHash?.toString("base64") ?? null })),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
