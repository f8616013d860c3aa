import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { criteriaInForce } from "./load-major.ts";

/** L1: the list of major decisions in force for an agency (its own criteria and those inherited from above). */
export async function listCriteria(ctx: AppContext, actor: Principal, agencyId: string) {
  const agency = await findAgency(ctx.db, agencyId);
  requirePermission(actor, "review.read", agency.path);
  const items = await criteriaInForce(ctx.db, agency.path);
  return { items: items.map((c) => ({ ...c, inherited: c.agencyId !== agency.id })) };
}
