import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { type EffectiveRecordingList, effectiveRecordingList } from "./effective-recording-list.ts";
import { audioVideoKinds, requireRecording } from "./recording-list.ts";
import { evidenceItems } from "./schema.ts";

/**
 * For a case step: refuses (RECORDING_REQUIRED) when the agency's list (L5) says the action needs
 * full-process audio-video recording and the case has no audio or video evidence for it. Call it
 * with the step's transaction before writing.
 */
export async function assertRecordingPresent(
  tx: Executor,
  step: {
    agencyId: string;
    caseId: string;
    action: string;
    agencyPath?: string;
    /** The list in force when the caller has already read it (a case step reads it with the case). */
    list?: EffectiveRecordingList;
  },
): Promise<void> {
  const list = step.list ?? (await effectiveRecordingList(tx, step.agencyId, step.agencyPath));
  // Only a "full" action needs a look at the case's evidence.
  if (list.items.find((i) => i.action === step.action)?.level !== "full") return;
  const evidence = await tx
    .select({ kind: evidenceItems.kind, action: evidenceItems.action })
    .from(evidenceItems)
    .where(
      and(
        eq(evidenceItems.agencyId, step.agencyId),
        eq(evidenceItems.caseId, step.caseId),
        eq(evidenceItems.action, step.action),
        inArray(evidenceItems.kind, [...audioVideoKinds]),
      ),
    )
    .limit(1);
  requireRecording(list.items, step.action, evidence);
}
