import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { type RegisterDeviceInput, registerDeviceInput } from "./devices.ts";
import { parseInput } from "./parse-input.ts";
import { recordingDevices } from "./schema.ts";

/** Registers a recording device of an agency (its serial number is unique across the platform). */
export async function registerDevice(ctx: AppContext, actor: Principal, input: RegisterDeviceInput) {
  const d = parseInput(registerDeviceInput, input);
  return ctx.db.transaction(async (tx) => {
    const agency = await findAgency(tx, d.agencyId);
    requirePermission(actor, "device.manage", agency.path);
    const [dup] = await tx
      .select({ id: recordingDevices.id })
      .from(recordingDevices)
      .where(eq(recordingDevices.serialNumber, d.serialNumber));
    if (dup) throw new AppError("DUPLICATE", "该序列号的记录仪已登记");
    const now = ctx.now();
    const [row] = await tx
      .insert(recordingDevices)
      .values({ id: newId(), ...d, registeredBy: actor.userId, registeredAt: now })
      .returning();
    await appendEntry(tx, {
      agencyId: d.agencyId,
      actorId: actor.userId,
      type: "device.registered",
      payload: { deviceId: row!.id, serialNumber: d.serialNumber, model: d.model, status: d.status },
      at: now,
    });
    return row!;
  });
}
