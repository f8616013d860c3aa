import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { deviceStatusInput } from "./devices.ts";
import { findDevice } from "./find-device.ts";
import { parseInput } from "./parse-input.ts";
import { recordingDevices } from "./schema.ts";

/** Puts a device in service, into maintenance or retires it (a held device must be returned first). */
export async function changeDeviceStatus(
  ctx: AppContext,
  actor: Principal,
  deviceId: string,
  input: { status: string; note?: string },
) {
  const s = parseInput(deviceStatusInput, input);
  return ctx.db.transaction(async (tx) => {
    const { device, holderId } = await findDevice(tx, actor, deviceId, "device.manage", true);
    if (holderId && s.status !== "in_service")
      throw new AppError("DEVICE_UNAVAILABLE", "记录仪仍在领用中，请先归还");
    const [row] = await tx
      .update(recordingDevices)
      .set({ status: s.status })
      .where(eq(recordingDevices.id, deviceId))
      .returning();
    await appendEntry(tx, {
      agencyId: device.agencyId,
      actorId: actor.userId,
      type: "device.status_changed",
      payload: {
        deviceId,
        serialNumber: device.serialNumber,
        from: device.status,
        to: s.status,
        note: s.note,
      },
      at: ctx.now(),
    });
    return row!;
  });
}
