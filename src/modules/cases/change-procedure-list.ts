import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPowerItem } from "../powers/find-power-item.ts";
import { procedureListCodes, procedureLists } from "./procedure-lists.ts";
import { procedureListEntries } from "./schema.ts";

export const changeProcedureListInput = z.strictObject({
  list: z.enum(procedureListCodes),
  powerItemId: z.uuid(),
  action: z.enum(["add", "remove"]),
  reason: z.string().trim().min(1).max(1000),
});
export type ChangeProcedureListInput = z.input<typeof changeProcedureListInput>;

/**
 * Adds a power item (a violation type) to, or removes it from, the agency's three-step list (C08)
 * or first-violation list (P11). Only penalty items of the agency or of an agency above it qualify.
 */
export async function changeProcedureList(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  raw: ChangeProcedureListInput,
) {
  const input = changeProcedureListInput.parse(raw);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "power.manage", agency.path);
    const item = await findPowerItem(tx, input.powerItemId);
    if (!agency.path.startsWith(item.agencyPath))
      throw new AppError("VALIDATION_FAILED", "只能列入本机关或上级机关权责清单中的事项", [
        { path: "powerItemId", message: "不属于本机关适用的权责清单" },
      ]);
    if (item.kind !== "penalty")
      throw new AppError("VALIDATION_FAILED", "只有行政处罚事项可以列入三步式执法清单或首违不罚清单", [
        { path: "powerItemId", message: "不是行政处罚事项" },
      ]);
    const now = ctx.now();
    const row = {
      id: newId(),
      agencyId,
      list: input.list,
      powerItemId: item.id,
      action: input.action,
      reason: input.reason,
      actorId: actor.userId,
      at: now,
    };
    await tx.insert(procedureListEntries).values(row);
    await appendEntry(tx, {
      agencyId,
      actorId: actor.userId,
      caseId: null,
      type: "case.procedure_list_changed",
      payload: {
        list: input.list,
        listName: procedureLists[input.list].name,
        powerItemId: item.id,
        powerItemCode: item.code,
        action: input.action,
        reason: input.reason,
      },
      at: now,
    });
    return row;
  });
}
