import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { returnDeviceInput } from "./devices.ts";
import { findDevice } from "./find-device.ts";
import { parseInput } from "./parse-input.ts";
import { deviceAssignments } from "./schema.ts";

/** Records that the holder gave the device back (a new assignment row with no officer). */
export async function returnDevice(
  ctx: AppContext,
  actor: Principal,
  deviceId: string,
  input: { note?: string },
) {
  const r = parseInput(returnDeviceInput, input);
  return ctx.db.transaction(async (tx) => {
    const { device, holderId } = await findDevice(tx, actor, deviceId, "device.manage", true);
    if (!holderId) throw new AppError("DEVICE_UNAVAILABLE", "记录仪未被领用，无需归还");
    const now = ctx.now();
    const [row] = await tx
      .insert(deviceAssignments)
      .values({ id: newId(), deviceId, officerId: null, note: r.note, by: actor.userId, at: now })
      .returning();
    await appendEntry(tx, {
      agencyId: device.agencyId,
      actorId: actor.userId,
      type: "device.returned",
      payload: { deviceId, serialNumber: device.serialNumber, officerId: holderId, note: r.note },
      at: now,
    });
    return row!;
  });
}
