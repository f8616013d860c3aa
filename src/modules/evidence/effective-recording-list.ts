import { type SQL, sql } from "drizzle-orm";
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

/**
 * SQL: the versions of the lists defined by the agencies on `path` (the agency and those above
 * it), newest first, as a JSON array that effectiveFromVersions reads. Its alias starts with "r_"
 * so that it can be nested in a query whose own alias `path` refers to (find-case.ts, L5 of a step).
 */
export const recordingVersionsSql = (path: SQL): SQL => sql`(
  SELECT coalesce(json_agg(json_build_object(
           'id', r_l.id, 'agencyId', r_l.agency_id, 'inherit', r_l.inherit, 'items', r_l.items,
           'reason', r_l.reason, 'changedAt', r_l.changed_at)
         ORDER BY r_l.changed_at DESC, r_l.id DESC), '[]'::json)
    FROM recording_lists r_l
   WHERE r_l.agency_id = ANY (array_remove(string_to_array(${path}, '/'), '')::uuid[]))`;

type RawVersion = {
  id: string;
  agencyId: string;
  inherit: boolean;
  items: RecordingItem[];
  reason: string;
  changedAt: string;
};

/**
 * The audio-video list that applies to an agency (L5): its own newest version, else the nearest
 * agency above that defines one, else the defaults of rule L5.
 */
const recordingVersions = preparedStatement(
  "guifan_recording_versions",
  () => sql`SELECT ${recordingVersionsSql(sql`${sql.placeholder("path")}::text`)} AS versions`,
);

export async function effectiveRecordingList(
  ex: Executor,
  agencyId: string,
  /** The agency's path when the caller has it (saves a query). */
  knownPath?: string,
): Promise<EffectiveRecordingList> {
  const path = knownPath ?? (await findAgency(ex, agencyId)).path;
  const [row] = await recordingVersions<{ versions: unknown }>(ex, { path });
  return effectiveFromVersions(agencyId, path, row?.versions ?? []);
}

/** effectiveRecordingList from the versions read with recordingVersionsSql (no I/O). */
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
