import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { procedureListEntries } from "./schema.ts";

/** The agency's procedure lists (C08 three-step enforcement; P11 first-violation exemption). */
export const procedureLists = {
  three_step: { name: "三步式执法清单", ruleId: "C08" },
  first_violation: { name: "首违不罚清单", ruleId: "P11" },
} as const;
export type ProcedureList = keyof typeof procedureLists;
export const procedureListCodes = Object.keys(procedureLists) as [ProcedureList, ...ProcedureList[]];

/**
 * The power items on a list in force for an agency: an item is on it when the agency or one above
 * it added the item and did not remove it later (the latest row of that agency decides).
 */
export async function listedPowerItems(
  ex: Executor,
  agencyPath: string,
  list: ProcedureList,
): Promise<Map<string, { agencyId: string; reason: string; at: Date }>> {
  const rows = await ex
    .select()
    .from(procedureListEntries)
    .where(
      and(
        eq(procedureListEntries.list, list),
        inArray(procedureListEntries.agencyId, ancestorIds(agencyPath)),
      ),
    )
    .orderBy(desc(procedureListEntries.no));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const key = `${r.agencyId}/${r.powerItemId}`;
    if (!latest.has(key)) latest.set(key, r);
  }
  const listed = new Map<string, { agencyId: string; reason: string; at: Date }>();
  for (const r of latest.values())
    if (r.action === "add" && !listed.has(r.powerItemId))
      listed.set(r.powerItemId, { agencyId: r.agencyId, reason: r.reason, at: r.at });
  return listed;
}
