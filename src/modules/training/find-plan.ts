import { eq, inArray } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import type { AgencyRow } from "../agencies/find-agency.ts";
import { agencies } from "../agencies/schema.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { officerProfiles } from "../officers/schema.ts";
import { trainingPlans } from "./schema.ts";

export type PlanRow = typeof trainingPlans.$inferSelect;

/** Training is managed by the bureau (as officers are): `training.manage` (own) at the managing bureau. */
export async function requireTrainingManage(
  ex: Executor,
  actor: Principal,
  agency: AgencyRow,
): Promise<void> {
  requirePermission(actor, "training.manage", (await managingBureau(ex, agency)).path);
}

export async function findPlanFor(
  ex: Executor,
  actor: Principal,
  id: string,
  permission: "training.read" | "training.manage",
): Promise<{ plan: PlanRow; agency: AgencyRow }> {
  const [plan] = await ex.select().from(trainingPlans).where(eq(trainingPlans.id, id));
  if (!plan) throw new AppError("NOT_FOUND", "培训计划不存在");
  const [agency] = await ex.select().from(agencies).where(eq(agencies.id, plan.agencyId));
  if (permission === "training.manage") await requireTrainingManage(ex, actor, agency!);
  else requirePermission(actor, permission, agency!.path);
  return { plan, agency: agency! };
}

/** The officers must exist and work in the plan's agency or below it; returns their ids. */
export async function requireOfficersUnder(
  ex: Executor,
  agency: AgencyRow,
  officerIds: string[],
): Promise<void> {
  const distinct = [...new Set(officerIds)];
  if (distinct.length !== officerIds.length) throw new AppError("VALIDATION_FAILED", "人员重复");
  const rows = await ex
    .select({ id: officerProfiles.id, path: agencies.path })
    .from(officerProfiles)
    .innerJoin(agencies, eq(agencies.id, officerProfiles.agencyId))
    .where(inArray(officerProfiles.id, distinct));
  const ok = new Set(rows.filter((r) => r.path.startsWith(agency.path)).map((r) => r.id));
  const bad = distinct.filter((id) => !ok.has(id));
  if (bad.length > 0)
    throw new AppError(
      "VALIDATION_FAILED",
      `有 ${bad.length} 名人员不存在或不属于${agency.name}`,
      bad.map((id) => ({ path: "officerIds", message: `人员 ${id} 不属于本计划所在机构` })),
    );
}
