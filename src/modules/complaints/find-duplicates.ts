import { and, eq, gte, lte, ne, notInArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { addDays } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { samePlace } from "./complaint.ts";
import type { ComplaintRow } from "./find-complaint.ts";
import { complaints } from "./schema.ts";

/**
 * Reports proposed for merging with `c` (issue 8 item 5): same receiving bureau and category,
 * received within complaint.duplicateDays days, at the same place (within
 * complaint.duplicateMetres metres when both have coordinates, else the same normalised address),
 * not merged themselves and not transferred.
 */
export async function findDuplicates(ex: Executor, c: ComplaintRow): Promise<ComplaintRow[]> {
  const days = await getNumberSetting(ex, c.bureauId, "complaint.duplicateDays");
  const metres = await getNumberSetting(ex, c.bureauId, "complaint.duplicateMetres");
  const rows = await ex
    .select()
    .from(complaints)
    .where(
      and(
        eq(complaints.bureauId, c.bureauId),
        eq(complaints.category, c.category),
        ne(complaints.id, c.id),
        notInArray(complaints.state, ["merged", "transferred"]),
        gte(complaints.receivedOn, addDays(c.receivedOn, -days)),
        lte(complaints.receivedOn, addDays(c.receivedOn, days)),
      ),
    )
    .orderBy(complaints.receivedOn, complaints.createdAt)
    .limit(200);
  return rows.filter((r) => samePlace(c, r, metres));
}
