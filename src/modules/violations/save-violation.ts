import { and, eq, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { requireArticles } from "../laws/find-law.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { findPowerItem } from "../powers/find-power-item.ts";
import { canReadPower } from "../powers/scope.ts";
import { stableJson } from "../powers/stable-json.ts";
import { findViolation, type ViolationRow } from "./find-violation.ts";
import { violations, violationVersions } from "./schema.ts";
import {
  type CreateViolationInput,
  type UpdateViolationInput,
  versionedViolationFields,
} from "./violation.ts";

export type ViolationFields = Omit<CreateViolationInput, "agencyId">;

const snapshotOf = (row: ViolationRow) =>
  Object.fromEntries(versionedViolationFields.map((k) => [k, row[k]])) as Record<string, unknown>;

async function recordVersion(tx: Tx, row: ViolationRow, at: Date, actorId: string | null) {
  await tx.insert(violationVersions).values({
    id: newId(),
    violationId: row.id,
    version: row.version,
    snapshot: snapshotOf(row),
    changedAt: at,
    changedBy: actorId,
  });
  await appendEntry(tx, {
    agencyId: row.agencyId,
    actorId,
    type: "violation.saved",
    payload: { id: row.id, version: row.version, ...snapshotOf(row) },
    at,
  });
}

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

async function requireFreeCode(tx: Tx, agencyId: string, code: string, except?: string) {
  const [clash] = await tx
    .select({ id: violations.id })
    .from(violations)
    .where(
      and(
        eq(violations.agencyId, agencyId),
        eq(violations.code, code),
        except ? ne(violations.id, except) : undefined,
      ),
    );
  if (clash) throw new AppError("DUPLICATE", `本机关已有编码为 ${code} 的违法行为`);
}

/** Inserts a violation with its first version (checks done by the caller). */
export async function insertViolation(
  tx: Tx,
  agencyId: string,
  f: ViolationFields,
  at: Date,
  actorId: string | null,
) {
  const [row] = await tx
    .insert(violations)
    .values({ ...f, agencyId, id: newId(), createdAt: at, updatedAt: at })
    .returning();
  await recordVersion(tx, row!, at, actorId);
  return row!;
}

/** Applies changes as a new version; unchanged fields make no new version. */
export async function changeViolation(
  tx: Tx,
  current: ViolationRow,
  changes: Partial<ViolationFields>,
  at: Date,
  actorId: string | null,
  expectedVersion?: number,
) {
  const differs = versionedViolationFields.some(
    (k) => changes[k] !== undefined && stableJson(changes[k]) !== stableJson(current[k]),
  );
  if (!differs) {
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new AppError("CONFLICT");
    return current;
  }
  const [row] = await tx
    .update(violations)
    .set({ ...changes, updatedAt: at, version: sql`${violations.version} + 1` })
    .where(and(eq(violations.id, current.id), eq(violations.version, expectedVersion ?? current.version)))
    .returning();
  if (!row) throw new AppError("CONFLICT");
  await recordVersion(tx, row, at, actorId);
  return row;
}

/** Creates a violation in an agency where the actor holds power.manage (C03). */
export async function createViolation(ctx: AppContext, actor: Principal, input: CreateViolationInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const { agencyId, ...fields } = input;
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "power.manage", agency.path);
    await checkViolationRefs(tx, agency.path, actor, fields);
    await requireFreeCode(tx, agencyId, fields.code);
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
    if (changes.code) await requireFreeCode(tx, current.agencyId, changes.code, id);
    await changeViolation(tx, current, changes, ctx.now(), actor.userId, version);
  });
  return findViolation(ctx.db, id);
}
