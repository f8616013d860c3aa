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
import { findViolation } from "../violations/find-violation.ts";
import {
  type CreateBenchmarkInput,
  type UpdateBenchmarkInput,
  versionedBenchmarkFields,
} from "./benchmark.ts";
import { findBenchmark } from "./find-benchmark.ts";
import { benchmarks, benchmarkVersions } from "./schema.ts";

type Fields = Omit<CreateBenchmarkInput, "agencyId">;
type Row = typeof benchmarks.$inferSelect;

const snapshotOf = (row: Row) =>
  Object.fromEntries(versionedBenchmarkFields.map((k) => [k, row[k]])) as Record<string, unknown>;

async function recordVersion(tx: Tx, row: Row, at: Date, actorId: string | null) {
  await tx.insert(benchmarkVersions).values({
    id: newId(),
    benchmarkId: row.id,
    version: row.version,
    snapshot: snapshotOf(row),
    changedAt: at,
    changedBy: actorId,
  });
  await appendEntry(tx, {
    agencyId: row.agencyId,
    actorId,
    type: "benchmark.saved",
    payload: {
      id: row.id,
      version: row.version,
      code: row.code,
      violationName: row.violationName,
      published: row.published,
    },
    at,
  });
}

/**
 * Checks references: cited articles exist; the power item and the violation are ones the
 * benchmark's agency may use (its own or an ancestor's).
 */
export async function checkBenchmarkRefs(tx: Tx, agencyPath: string, actor: Principal, f: Partial<Fields>) {
  if (f.violationId) {
    const v = await findViolation(tx, f.violationId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选违法行为不存在");
    });
    if (!agencyPath.startsWith(v.agencyPath) || !canReadPower(actor, v.agencyPath)) {
      throw new AppError("VALIDATION_FAILED", "所选违法行为不属于本机关或其上级机关");
    }
  }
  await requireArticles(tx, [...(f.violatedArticleIds ?? []), ...(f.penaltyArticleIds ?? [])]);
  if (f.powerItemId) {
    const item = await findPowerItem(tx, f.powerItemId).catch(() => {
      throw new AppError("VALIDATION_FAILED", "所选权责事项不存在");
    });
    // The item belongs to this agency or one above it (inherited catalogue).
    if (!agencyPath.startsWith(item.agencyPath) || !canReadPower(actor, item.agencyPath)) {
      throw new AppError("VALIDATION_FAILED", "所选权责事项不属于本机关或其上级机关");
    }
  }
}

async function requireFreeCode(tx: Tx, agencyId: string, code: string, except?: string) {
  const [clash] = await tx
    .select({ id: benchmarks.id })
    .from(benchmarks)
    .where(
      and(
        eq(benchmarks.agencyId, agencyId),
        eq(benchmarks.code, code),
        except ? ne(benchmarks.id, except) : undefined,
      ),
    );
  if (clash) throw new AppError("DUPLICATE", `本机关已有编码为 ${code} 的裁量基准`);
}

/** A benchmark naming a violation takes what it leaves empty (power item, provisions) from it (C03). */
async function withViolation(tx: Tx, f: Fields): Promise<Fields> {
  if (!f.violationId) return f;
  const v = await findViolation(tx, f.violationId);
  return {
    ...f,
    powerItemId: f.powerItemId ?? v.powerItemId,
    violatedArticleIds: f.violatedArticleIds.length ? f.violatedArticleIds : v.violatedArticleIds,
    penaltyArticleIds: f.penaltyArticleIds.length ? f.penaltyArticleIds : v.penaltyArticleIds,
  };
}

export async function insertBenchmark(tx: Tx, agencyId: string, f: Fields, at: Date, actorId: string | null) {
  const [row] = await tx
    .insert(benchmarks)
    .values({ ...f, agencyId, id: newId(), createdAt: at, updatedAt: at })
    .returning();
  await recordVersion(tx, row!, at, actorId);
  return row!;
}

export async function changeBenchmark(
  tx: Tx,
  current: Row,
  changes: Partial<Fields>,
  at: Date,
  actorId: string | null,
  expectedVersion?: number,
) {
  const differs = versionedBenchmarkFields.some(
    (k) => changes[k] !== undefined && stableJson(changes[k]) !== stableJson(current[k]),
  );
  if (!differs) {
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw new AppError("CONFLICT");
    return current;
  }
  const [row] = await tx
    .update(benchmarks)
    .set({ ...changes, updatedAt: at, version: sql`${benchmarks.version} + 1` })
    .where(and(eq(benchmarks.id, current.id), eq(benchmarks.version, expectedVersion ?? current.version)))
    .returning();
  if (!row) throw new AppError("CONFLICT");
  await recordVersion(tx, row, at, actorId);
  return row;
}

export async function createBenchmark(ctx: AppContext, actor: Principal, input: CreateBenchmarkInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const { agencyId, ...fields } = input;
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "power.manage", agency.path);
    await checkBenchmarkRefs(tx, agency.path, actor, fields);
    await requireFreeCode(tx, agencyId, fields.code);
    return insertBenchmark(tx, agencyId, await withViolation(tx, fields), ctx.now(), actor.userId);
  });
  return findBenchmark(ctx.db, row.id);
}

/** Changes a benchmark: a new version row; earlier versions are kept. */
export async function updateBenchmark(
  ctx: AppContext,
  actor: Principal,
  id: string,
  input: UpdateBenchmarkInput,
) {
  await ctx.db.transaction(async (tx) => {
    const current = await findBenchmark(tx, id);
    requirePermission(actor, "power.manage", current.agencyPath);
    const { version, ...changes } = input;
    await checkBenchmarkRefs(tx, current.agencyPath, actor, changes);
    if (changes.code) await requireFreeCode(tx, current.agencyId, changes.code, id);
    // A newly named violation (C03) fills what the change leaves out: name, power item, provisions.
    if (changes.violationId && changes.violationId !== current.violationId) {
      const v = await findViolation(tx, changes.violationId);
      changes.violationName ??= v.name;
      if (changes.powerItemId === undefined) changes.powerItemId = v.powerItemId;
      changes.violatedArticleIds ??= v.violatedArticleIds;
      changes.penaltyArticleIds ??= v.penaltyArticleIds;
    }
    await changeBenchmark(tx, current, changes, ctx.now(), actor.userId, version);
  });
  return findBenchmark(ctx.db, id);
}
