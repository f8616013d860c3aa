import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { ackInput } from "./review-input.ts";
import { decisionFilingAcks, decisionFilings } from "./schema.ts";

/** F1: a government legal office user of an agency above the filer acknowledges the filing (签收). */
export async function ackFiling(ctx: AppContext, actor: Principal, filingId: string, raw: unknown) {
  const input = ackInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const [filing] = await tx.select().from(decisionFilings).where(eq(decisionFilings.id, filingId));
    if (!filing) throw new AppError("NOT_FOUND", "备案记录不存在");
    const agency = await findAgency(tx, filing.agencyId);
    requirePermission(actor, "filing.ack", agency.path);
    const [done] = await tx
      .select()
      .from(decisionFilingAcks)
      .where(eq(decisionFilingAcks.filingId, filingId));
    if (done) throw new AppError("FILING_STATE", "该备案已签收");
    const now = ctx.now();
    const row = { id: newId(), filingId, note: input.note, actorId: actor.userId, at: now };
    await tx.insert(decisionFilingAcks).values(row);
    await appendEntry(tx, {
      agencyId: filing.agencyId,
      actorId: actor.userId,
      caseId: filing.caseId,
      type: "filing.acknowledged",
      payload: { filingId, note: input.note },
      at: now,
    });
    return row;
  });
}
