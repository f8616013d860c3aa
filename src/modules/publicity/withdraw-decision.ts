import { eq } from "drizzle-orm";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { can, type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { publicDecisions, publicWithdrawals } from "./schema.ts";
import { forgetPublicSearches } from "./search-cache.ts";

export const withdrawInput = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

/**
 * G4 (APL art. 48): a published decision that was changed, revoked, found unlawful or void is
 * withdrawn with its reason, which the public site shows in its place. Both the publication and
 * the withdrawal stay in the ledger.
 */
export async function withdrawDecision(
  ctx: AppContext,
  actor: Principal,
  id: string,
  raw: z.input<typeof withdrawInput>,
) {
  const input = withdrawInput.parse(raw);
  const result = await ctx.db.transaction(async (tx) => {
    const [d] = await tx.select().from(publicDecisions).where(eq(publicDecisions.id, id));
    if (!d) throw new AppError("NOT_FOUND", "公示的决定不存在");
    const agency = await findAgency(tx, d.agencyId);
    if (!can(actor, "publicity.manage", agency.path))
      requirePermission(actor, "publicity.manage", (await managingBureau(tx, agency)).path);
    const [done] = await tx.select().from(publicWithdrawals).where(eq(publicWithdrawals.decisionId, id));
    if (done) throw new AppError("DUPLICATE", "该决定的公示已经撤回");
    const now = ctx.now();
    const entryId = await appendEntry(tx, {
      agencyId: d.agencyId,
      actorId: actor.userId,
      caseId: d.caseId,
      type: "publicity.withdrawn",
      payload: { publicationId: id, caseNumber: d.caseNumber, reason: input.reason },
      at: now,
    });
    const row = {
      id: newId(),
      decisionId: id,
      reason: input.reason,
      withdrawnBy: actor.userId,
      withdrawnAt: now,
      ledgerEntryId: entryId,
    };
    await tx.insert(publicWithdrawals).values(row);
    return row;
  });
  forgetPublicSearches(ctx);
  return result;
}
