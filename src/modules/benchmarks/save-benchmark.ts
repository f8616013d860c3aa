import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Tx } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { catalogueVersioning } from "../powers/save-power-item.ts";
import { canReadPower } from "../powers/scope.ts";
import { findViolation } from "../violations/find-violation.ts";
import { checkViolationRefs } from "../violations/save-violation.ts";
import {
  type CreateBenchmarkInput,
  type UpdateBenchmarkInput,
  versionedBenchmarkFields,
} from "./benchmark.ts";
import { findBenchmark } from "./find-benchmark.ts";
import { benchmarks, benchmarkVersions } from "./schema.ts";

type Fields = Omit<CreateBenchmarkInput, "agencyId">;

const versioning = catalogueVersioning({
  table: benchmarks,
  versions: benchmarkVersions,
  versionsKey: "benchmarkId",
  fields: versionedBenchmarkFields,
  ledgerType: "benchmark.saved",
  noun: "裁量基准",
  payload: (row) => ({
    id: row.id,
    version: row.version,
    code: row.code,
    violationName: row.violationName,
    published: row.published,
  }),
});

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
  // Then the articles and the power item, as for a violation (inherited catalogue).
  await checkViolationRefs(tx, agencyPath, actor, f);
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

export const insertBenchmark = (tx: Tx, agencyId: string, f: Fields, at: Date, actorId: string | null) =>
  versioning.insert(tx, agencyId, f, at, actorId);

export const changeBenchmark = versioning.change;

/** Saves an imported benchmark matched by its code in the agency. */
export const saveBenchmarkByCode = versioning.saveByCode;

export async function createBenchmark(ctx: AppContext, actor: Principal, input: CreateBenchmarkInput) {
  const row = await ctx.db.transaction(async (tx) => {
    const { agencyId, ...fields } = input;
    const agency = await findAgency(tx, agencyId);
    requirePermission(actor, "power.manage", agency.path);
    await checkBenchmarkRefs(tx, agency.path, actor, fields);
    await versioning.requireFreeCode(tx, agencyId, fields.code);
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
    if (changes.code) await versioning.requireFreeCode(tx, current.agencyId, changes.code, id);
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
