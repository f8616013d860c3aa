import { inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { powerItems } from "../powers/schema.ts";
import { listedPowerItems, type ProcedureList, procedureLists } from "./procedure-lists.ts";

/** The items on one of the agency's procedure lists in force (its own and those of the agencies above). */
export async function getProcedureList(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  list: ProcedureList,
) {
  const agency = await findAgency(ctx.db, agencyId);
  requirePermission(actor, "power.read", agency.path);
  const listed = await listedPowerItems(ctx.db, agency.path, list);
  const ids = [...listed.keys()];
  const items = ids.length
    ? await ctx.db
        .select({ id: powerItems.id, code: powerItems.code, name: powerItems.name, field: powerItems.field })
        .from(powerItems)
        .where(inArray(powerItems.id, ids))
    : [];
  const owners = ids.length
    ? await ctx.db
        .select({ id: agencies.id, name: agencies.name })
        .from(agencies)
        .where(inArray(agencies.id, [...new Set([...listed.values()].map((l) => l.agencyId))]))
    : [];
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  return {
    list,
    name: procedureLists[list].name,
    ruleId: procedureLists[list].ruleId,
    items: items
      .map((i) => {
        const l = listed.get(i.id)!;
        return { ...i, listedBy: ownerName.get(l.agencyId) ?? "", reason: l.reason, listedAt: l.at };
      })
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}
