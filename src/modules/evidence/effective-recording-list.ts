import { desc, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { defaultRecordingList, type RecordingItem } from "./recording-list.ts";
import { recordingLists } from "./schema.ts";

export type EffectiveRecordingList = {
  agencyId: string;
  /** The agency whose list applies (null: the L5 defaults). */
  definedBy: string | null;
  items: RecordingItem[];
  version: { id: string; changedAt: Date; reason: string } | null;
};

/**
 * The audio-video list that applies to an agency (L5): its own newest version, else the nearest
 * agency above that defines one, else the defaults of rule L5.
 */
export async function effectiveRecordingList(
  ex: Executor,
  agencyId: string,
  /** The agency's path when the caller has it (saves a query). */
  knownPath?: string,
): Promise<EffectiveRecordingList> {
  const path = knownPath ?? (await findAgency(ex, agencyId)).path;
  const chain = path.split("/").filter(Boolean).reverse(); // self first, root last
  const rows = await ex
    .select()
    .from(recordingLists)
    .where(inArray(recordingLists.agencyId, chain))
    .orderBy(desc(recordingLists.changedAt), desc(recordingLists.id));
  for (const id of chain) {
    const latest = rows.find((r) => r.agencyId === id);
    if (latest && !latest.inherit)
      return {
        agencyId,
        definedBy: id,
        items: latest.items,
        version: { id: latest.id, changedAt: latest.changedAt, reason: latest.reason },
      };
  }
  return { agencyId, definedBy: null, items: defaultRecordingList, version: null };
}
