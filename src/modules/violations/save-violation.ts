import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Tx } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { requireArticles } from "../laws/find-law.ts";
import { findPowerItem } from "../powers/find-power-item.ts";
import { catalogueVersioning } from "../powers/save-power-item.ts";
import { canReadPower } from "../powers/scope.ts";
import { findViolation } from "./find-violation.ts";
import { violations, violationVersions } from "./schema.ts";
import {
  type CreateViolationInput,
  type UpdateViolationInput,
  versionedViolationFields,
} from "./violation.ts";

export type ViolationFields = Omit<CreateViolationInput, "agencyId">;

const versioning = catalogueVersioning({
  table: violations,
  versions: violationVersions,
  versionsKey: "violationId",
  fields: versionedViolationFields,
  ledgerType: "violation.saved",
  noun: "违法行为",
});

/** Cited articles exist; the power item belongs to the violation's agency or one above it. */
export async function checkViolationRefs(
  tx: Tx,
  agencyPath: string,
  actor: Principal,
  f: Partial<ViolationFields>,
) {
  await requireArticles(tx, [...(f.violatedArticleIds ?? []), ...(f.penaltyArticleIds ?? [])]);
  if (f.powerItemId) {
    const item = await findPowerItem(tx, f.powerItemId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选权责事项不存在");
    });
    if (!agencyPath.startsWith(item.agencyPath) || !canReadPower(actor, item.agencyPath)) {
      throw new AppError("VALIDATION_FAILED", "所选权责事项不属于本机关或其上级机关");
    }
  }
}

/** Inserts a violation with its first version (checks done by the caller). */
export const insertViolation = (
  tx: Tx,
  agencyId: string,
  f: ViolationFields,
  at: Date,
  actorId: string | null,
) => versioning.insert(tx, agencyId, f, at, actorId);

/** Applies changes as a new version; unchanged fields make no new version. */
export const changeViolation = versioning.change;

/** Saves an imported violation matched by its code in the agency. */
export const saveViolationByCode = versioning.saveByCode;

/** Creates a violation in an agency where the actor holds power.manage (C03). */
export async function createViolation(ctx: AppContext, actor: Principal, input: CreateViolationInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const { agencyId, ...fields } = input;
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "power.manage", agency.path);
    await checkViolationRefs(tx, agency.path, actor, fields);
    await versioning.requireFreeCode(tx, agencyId, fields.code);
    return insertViolation(tx, agencyId, fields, ctx.now(), actor.userId);
  });
  return findViolation(ctx.db, row.id);
}

/** Changes a violation: a new version row; earlier versions are kept. */
export async function updateViolation(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: UpdateViolationInput,
) {
  await ctx.db.transaction(async (tx) => {
    const current = await findViolation(tx, id);
    requirePermission(actor, "power.manage", current.agencyPath);
    const { version, ...changes } = input;
    await checkViolationRefs(tx, current.agencyPath, actor, changes);
    if (changes.code) await versioning.requireFreeCode(tx, current.agencyId, changes.code, id);
    await changeViolation(tx, current, changes, ctx.now(), actor.userId, version);
  });
  return findViolation(ctx.db, id);
}
