import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { effectiveRecordingList } from "./effective-recording-list.ts";

/** The audio-video list (L5) that applies to an agency, for its readers. */
export async function getRecordingList(ctx: AppContext, actor: Principal, agencyId: string) {
  requirePermission(actor, "evidence.read", (await findAgency(ctx.db, agencyId)).path);
  return effectiveRecordingList(ctx.db, agencyId);
}
