import { desc, eq } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import type { Permission } from "../identity/roles.ts";
import { deviceAssignments, recordingDevices } from "./schema.ts";

/** A device (locked for update when `lock`), its current holder, after checking `permission`. */
export async function findDevice(
  ex: Executor,
  actor: Principal,
  id: string,
  permission: Permission,
  lock = false,
) {
  const q = ex.select().from(recordingDevices).where(eq(recordingDevices.id, id));
  const [device] = lock ? await q.for("update") : await q;
  if (!device) throw new AppError("NOT_FOUND", "记录仪不存在");
  requirePermission(actor, permission, (await findAgency(ex, device.agencyId)).path);
  const [last] = await ex
    .select()
    .from(deviceAssignments)
    .where(eq(deviceAssignments.deviceId, id))
    .orderBy(desc(deviceAssignments.at), desc(deviceAssignments.id))
    .limit(1);
  return { device, holderId: last?.officerId ?? null };
}
