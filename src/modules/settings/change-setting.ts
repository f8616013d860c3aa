import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { checkSettingValue, isSettingKey } from "./registry.ts";
import { settingChanges } from "./schema.ts";

/**
 * Records a new value for an agency (or null: go back to the inherited value). Only
 * administrators; every change is a new row with who, when and why.
 */
export async function changeSetting(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  key: string,
  change: { value: unknown; reason: string },
) {
  if (!isSettingKey(key)) throw new AppError("SETTING_UNKNOWN");
  if (change.value !== null) {
    const problem = checkSettingValue(key, change.value);
    if (problem)
      throw new AppError("SETTING_INVALID", `设置值不合法：${problem}`, [
        { path: "value", message: problem },
      ]);
  }
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "settings.manage", agency.path);
    const [row] = await tx
      .insert(settingChanges)
      .values({
        agencyId,
        key,
        value: change.value as never,
        reason: change.reason,
        changedBy: actor.userId,
        changedAt: ctx.now(),
      })
      .returning();
    await appendEntry(tx, {
      agencyId,
      actorId: actor.userId,
      type: "settings.changed",
      payload: { key, value: change.value as never, reason: change.reason },
      at: row!.changedAt,
    });
    return row!;
  });
}
