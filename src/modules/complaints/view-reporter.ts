import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { loadComplaint } from "./find-complaint.ts";
import { complaintReporters } from "./schema.ts";

/**
 * The confidential read path (seed 001 item 25: 履行保密义务): the reporter's identity, for the
 * case-centre clerk and the leader of the receiving unit only (complaint.identity, own scope).
 * Every view is appended to the ledger in the same transaction; a refused view is a
 * FORBIDDEN / FORBIDDEN_AGENCY that the error handler records in the security log.
 */
export async function viewReporter(ctx: AppContext, actor: Principal, id: string) {
  return ctx.db.transaction(async (tx) => {
    const l = await loadComplaint(tx, id);
    requirePermission(actor, "complaint.identity", l.bureau.path);
    const [r] = await tx.select().from(complaintReporters).where(eq(complaintReporters.complaintId, id));
    if (!r) throw new AppError("NOT_FOUND", "匿名投诉举报，没有举报人信息");
    await appendEntry(tx, {
      agencyId: l.bureau.id,
      actorId: actor.userId,
      caseId: l.complaint.caseId,
      type: "complaint.reporter_viewed",
      payload: { complaintId: id, trackingCode: l.complaint.trackingCode, viewerId: actor.userId },
      at: ctx.now(),
    });
    return { complaintId: id, name: r.name, phone: r.phone, email: r.email };
  });
}
