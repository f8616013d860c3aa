import { desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { findDevice } from "./find-device.ts";
import { deviceAssignments } from "./schema.ts";

/** The assignment history of a device, newest first. */
export async function deviceHistory(ctx: AppContext, actor: Principal, deviceId: string) {
  await findDevice(ctx.db, actor, deviceId, "evidence.read");
  return ctx.db
    .select({
      id: deviceAssignments.id,
      officerId: deviceAssignments.officerId,
      officerName: users.displayName,
      note: deviceAssignments.note,
      by: deviceAssignments.by,
      at: deviceAssignments.at,
    })
    .from(deviceAssignments)
    .leftJoin(users, eq(users.id, deviceAssignments.officerId))
    .where(eq(deviceAssignments.deviceId, deviceId))
    .orderBy(desc(deviceAssignments.at), desc(deviceAssignments.id));
}
