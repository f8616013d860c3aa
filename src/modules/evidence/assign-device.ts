import { and, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { memberships } from "../identity/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { assignDeviceInput } from "./devices.ts";
import { findDevice } from "./find-device.ts";
import { parseInput } from "./parse-input.ts";
import { deviceAssignments } from "./schema.ts";

/** Hands a device in service, not currently held, to an officer of its agency. */
export async function assignDevice(
  ctx: AppContext,
  actor: Principal,
  deviceId: string,
  input: { officerId: string; note?: string },
) {
  const a = parseInput(assignDeviceInput, input);
  return ctx.db.transaction(async (tx) => {
    const { device, holderId } = await findDevice(tx, actor, deviceId, "device.manage", true);
    if (device.status !== "in_service")
      throw new AppError("DEVICE_UNAVAILABLE", "记录仪不在用（维修或报废），不能领用");
    if (holderId) throw new AppError("DEVICE_UNAVAILABLE", "记录仪已由他人领用，请先归还");
    const [member] = await tx
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, a.officerId), eq(memberships.agencyId, device.agencyId)))
      .limit(1);
    if (!member)
      throw new AppError("VALIDATION_FAILED", "领用人不属于记录仪所属机关", [
        { path: "officerId", message: "领用人不属于记录仪所属机关" },
      ]);
    const now = ctx.now();
    const [row] = await tx
      .insert(deviceAssignments)
      .values({ id: newId(), deviceId, officerId: a.officerId, note: a.note, by: actor.userId, at: now })
      .returning();
    await appendEntry(tx, {
      agencyId: device.agencyId,
      actorId: actor.userId,
      type: "device.assigned",
      payload: { deviceId, serialNumber: device.serialNumber, officerId: a.officerId, note: a.note },
      at: now,
    });
    return row!;
  });
}
