import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { complaintDispatchRules } from "./schema.ts";

/** Removes a dispatch rule (configuration, not a record; the removal is in the ledger). */
export async function removeDispatchRule(ctx: AppContext, actor: Principal, id: string) {
  return ctx.db.transaction(async (tx) => {
    const [rule] = await tx.select().from(complaintDispatchRules).where(eq(complaintDispatchRules.id, id));
    if (!rule) throw new AppError("NOT_FOUND", "分派规则不存在");
    const bureau = await findAgency(tx, rule.bureauId);
    requirePermission(actor, "complaint.dispatch", bureau.path);
    await tx.delete(complaintDispatchRules).where(eq(complaintDispatchRules.id, id));
    await appendEntry(tx, {
      agencyId: bureau.id,
      actorId: actor.userId,
      type: "complaint.dispatch_rule_changed",
      payload: {
        change: "removed",
        ruleId: id,
        keyword: rule.keyword,
        category: rule.category,
        agencyId: rule.agencyId,
      },
      at: ctx.now(),
    });
  });
}
