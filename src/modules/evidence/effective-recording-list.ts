import { sql } from "drizzle-orm";
import { type Executor, preparedStatement } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { defaultRecordingList, type RecordingItem } from "./recording-list.ts";

export type EffectiveRecordingList = {
  agencyId: string;
  /** The agency whose list applies (null: the L5 defaults). */
  definedBy: string | null;
  items: RecordingItem[];
  version: { id: string; changedAt: Date; reason: string } | null;
};

type RawVersion = {
  id: string;
  agencyId: string;
  inherit: boolean;
  items: RecordingItem[];
  reason: string;
  changedAt: string;
};

/**
 * The versions of the lists defined by the agencies on `path` (the agency and those above it),
 * newest first, as a JSON array that effectiveFromVersions reads.
 */
const recordingVersions = preparedStatement(
  "guifan_recording_versions",
  () => sql`
    SELECT coalesce(json_agg(json_build_object(
             'id', r.id, 'agencyId', r.agency_id, 'inherit', r.inherit, 'items', r.items,
             'reason', r.reason, 'changedAt', r.changed_at)
           ORDER BY r.changed_at DESC, r.id DESC), '[]'::json) AS versions
      FROM recording_lists r
     WHERE r.agency_id = ANY (array_remove(string_to_array(${sql.placeholder("path")}::text, '/'), '')::uuid[])`,
);

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
  return effectiveFromVersions(agencyId, path, await readRecordingVersions(ex, path));
}

/** The list versions of the agencies on `path`, for effectiveFromVersions. */
export async function readRecordingVersions(ex: Executor, path: string): Promise<unknown> {
  const [row] = await recordingVersions<{ versions: unknown }>(ex, { path });
  return row?.versions ?? [];
}

/** effectiveRecordingList from the versions read with readRecordingVersions (no I/O). */
export function effectiveFromVersions(
  agencyId: string,
  path: string,
  versions: unknown,
): EffectiveRecordingList {
  // node-postgres parses json columns; PGlite may hand back text.
  const rows = (typeof versions === "string" ? JSON.parse(versions) : versions) as RawVersion[];
  const chain = path.split("/").filter(Boolean).reverse(); // self first, root last
  for (const id of chain) {
    const latest = rows.find((r) => r.agencyId === id);
    if (latest && !latest.inherit)
      return {
        agencyId,
        definedBy: id,
        items: latest.items,
        version: { id: latest.id, changedAt: new Date(latest.changedAt), reason: latest.reason },
      };
  }
  return { agencyId, definedBy: null, items: defaultRecordingList, version: null };
}
