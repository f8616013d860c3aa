import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { parseInput } from "../evidence/parse-input.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { type DispatchRuleInput, dispatchRuleInput } from "./dispatch-rules.ts";
import { complaintDispatchRules } from "./schema.ts";

/** Adds a dispatch rule of a bureau (complaint.dispatch there); the target must be a unit below it. */
export async function saveDispatchRule(ctx: AppContext, actor: Principal, input: DispatchRuleInput) {
  const m = parseInput(dispatchRuleInput, input);
  return ctx.db.transaction(async (tx) => {
    const bureau = await findAgency(tx, m.bureauId);
    requirePermission(actor, "complaint.dispatch", bureau.path);
    const target = await findAgency(tx, m.agencyId).catch(() => undefined);
    if (!target || target.id === bureau.id || !target.path.startsWith(bureau.path))
      throw new AppError("VALIDATION_FAILED", "承办单位须为本单位下属单位", [
        { path: "agencyId", message: "承办单位须为本单位下属单位" },
      ]);
    const now = ctx.now();
    const [row] = await tx
      .insert(complaintDispatchRules)
      .values({ id: newId(), ...m, createdBy: actor.userId, createdAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: bureau.id,
      actorId: actor.userId,
      type: "complaint.dispatch_rule_changed",
      payload: {
        change: "added",
        ruleId: row!.id,
        keyword: m.keyword,
        category: m.category,
        agencyId: m.agencyId,
      },
      at: now,
    });
    return { ...row!, agencyName: target.name };
  });
}
