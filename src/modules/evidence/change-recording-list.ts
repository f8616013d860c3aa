import type { AppContext } from "../../context.ts";
import { newId } from "../../core/ids.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { effectiveRecordingList } from "./effective-recording-list.ts";
import { parseInput } from "./parse-input.ts";
import { type ChangeRecordingListInput, changeRecordingListInput } from "./recording-list.ts";
import { recordingLists } from "./schema.ts";

/** Records a new version of an agency's audio-video list (L5), or a return to the inherited one. */
export async function changeRecordingList(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  input: ChangeRecordingListInput,
) {
  const c = parseInput(changeRecordingListInput, input);
  return ctx.db.transaction(async (tx) => {
    requirePermission(actor, "device.manage", (await findAgency(tx, agencyId)).path);
    const now = ctx.now();
    const items = c.inherit ? [] : c.items;
    await tx.insert(recordingLists).values({
      id: newId(),
      agencyId,
      inherit: c.inherit,
      items,
      reason: c.reason,
      changedBy: actor.userId,
      changedAt: now,
    });
    await appendEntry(tx, {
      agencyId,
      actorId: actor.userId,
      type: "recording_list.changed",
      payload: { inherit: c.inherit, items, reason: c.reason },
      at: now,
    });
    return effectiveRecordingList(tx, agencyId);
  });
}
