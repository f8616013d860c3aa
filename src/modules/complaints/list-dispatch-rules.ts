import { asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { complaintDispatchRules } from "./schema.ts";

/** The dispatch rules of a bureau (complaint.read there). */
export async function listDispatchRules(ctx: AppContext, actor: Principal, bureauId: string) {
  const bureau = await findAgency(ctx.db, bureauId);
  requirePermission(actor, "complaint.read", bureau.path);
  const rows = await ctx.db
    .select({ r: complaintDispatchRules, agencyName: agencies.name })
    .from(complaintDispatchRules)
    .innerJoin(agencies, eq(agencies.id, complaintDispatchRules.agencyId))
    .where(eq(complaintDispatchRules.bureauId, bureauId))
    .orderBy(asc(complaintDispatchRules.createdAt));
  return rows.map((x) => ({ ...x.r, agencyName: x.agencyName }));
}
