import { and, eq, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { requireArticles } from "../laws/find-law.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPowerItem, type PowerItemRow } from "./find-power-item.ts";
import { type CreatePowerItemInput, type UpdatePowerItemInput, versionedPowerFields } from "./power.ts";
import { powerItems, powerItemVersions } from "./schema.ts";
import { stableJson } from "./stable-json.ts";

type ItemFields = Omit<CreatePowerItemInput, "agencyId">;

const snapshotOf = (row: PowerItemRow) =>
  Object.fromEntries(versionedPowerFields.map((k) => [k, row[k]])) as Record<string, unknown>;

async function recordVersion(tx: Tx, row: PowerItemRow, at: Date, actorId: string | null) {
  await tx.insert(powerItemVersions).values({
    id: newId(),
    itemId: row.id,
    version: row.version,
    snapshot: snapshotOf(row),
    changedAt: at,
    changedBy: actorId,
  });
  await appendEntry(tx, {
    agencyId: row.agencyId,
    actorId,
    type: "power.saved",
    payload: { id: row.id, version: row.version, ...snapshotOf(row) },
    at,
  });
}

async function requireFreeCode(tx: Tx, agencyId: string, code: string, except?: string) {
  const [clash] = await tx
    .select({ id: powerItems.id })
    .from(powerItems)
    .where(
      and(
        eq(powerItems.agencyId, agencyId),
        eq(powerItems.code, code),
        except ? ne(powerItems.id, except) : undefined,
      ),
    );
  if (clash) throw new AppError("DUPLICATE", `本机关已有编码为 ${code} 的权责事项`);
}

/** Inserts an item with its first version (checks done by the caller). */
export async function insertPowerItem(
  tx: Tx,
  agencyId: string,
  fields: ItemFields,
  at: Date,
  actorId: string | null,
) {
  const [row] = await tx
    .insert(powerItems)
    .values({ ...fields, agencyId, id: newId(), createdAt: at, updatedAt: at })
    .returning();
  await recordVersion(tx, row!, at, actorId);
  return row!;
}

/** Applies changes as a new version; unchanged fields make no new version. */
export async function changePowerItem(
  tx: Tx,
  current: PowerItemRow,
  changes: Partial<ItemFields>,
  at: Date,
  actorId: string | null,
  expectedVersion?: number,
) {
  const differs = versionedPowerFields.some(
    (k) => changes[k] !== undefined && stableJson(changes[k]) !== stableJson(current[k]),
  );
  if (!differs) {
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new AppError("CONFLICT");
    return current;
  }
  const [row] = await tx
    .update(powerItems)
    .set({ ...changes, updatedAt: at, version: sql`${powerItems.version} + 1` })
    .where(and(eq(powerItems.id, current.id), eq(powerItems.version, expectedVersion ?? current.version)))
    .returning();
  if (!row) throw new AppError("CONFLICT");
  await recordVersion(tx, row, at, actorId);
  return row;
}

/** Creates a power item in an agency where the actor holds power.manage (own agency only). */
export async function createPowerItem(ctx: AppContext, actor: Principal, input: CreatePowerItemInput) {
  return ctx.db
    .transaction(async (tx) => {
      const { agencyId, ...fields } = input;
      const agency = await findAgency(tx, agencyId);
      requirePermission(actor, "power.manage", agency.path);
      await requireArticles(tx, fields.basisArticleIds);
      await requireFreeCode(tx, agencyId, fields.code);
      return insertPowerItem(tx, agencyId, fields, ctx.now(), actor.userId);
    })
    .then((row) => findPowerItem(ctx.db, row.id));
}

/** Changes a power item: a new version row; the earlier versions are kept. */
export async function updatePowerItem(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: UpdatePowerItemInput,
) {
  await ctx.db.transaction(async (tx) => {
    const current = await findPowerItem(tx, id);
    requirePermission(actor, "power.manage", current.agencyPath);
    const { version, ...changes } = input;
    if (changes.basisArticleIds) await requireArticles(tx, changes.basisArticleIds);
    if (changes.code) await requireFreeCode(tx, current.agencyId, changes.code, id);
    const merged = { ...current, ...changes };
    if (merged.effectiveFrom && merged.effectiveTo && merged.effectiveFrom > merged.effectiveTo) {
      throw new AppError("VALIDATION_FAILED", "失效日期不能早于生效日期");
    }
    await changePowerItem(tx, current, changes, ctx.now(), actor.userId, version);
  });
  return findPowerItem(ctx.db, id);
}
