import { and, eq, ne, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { requireArticles } from "../laws/find-law.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import type { LedgerEventType } from "../ledger/entry.ts";
import type { SaveOutcome } from "./excel-import.ts";
import { findPowerItem } from "./find-power-item.ts";
import { type CreatePowerItemInput, type UpdatePowerItemInput, versionedPowerFields } from "./power.ts";
import { powerItems, powerItemVersions } from "./schema.ts";
import { stableJson } from "./stable-json.ts";

/** A catalogue kept as one current row per entry, numbered by version, with a code per agency. */
type CatalogueTable = PgTable & { id: PgColumn; agencyId: PgColumn; code: PgColumn; version: PgColumn };
type CatalogueRow = { id: string; agencyId: string; version: number };

/**
 * The versioning shared by the catalogues (power items, violations, benchmarks): every saved
 * version is a snapshot of the versioned fields in `versions` (under `versionsKey`, the entry's id)
 * and an entry in the ledger; a change that alters none of them makes no version.
 */
export function catalogueVersioning<T extends CatalogueTable, K extends string>(spec: {
  table: T;
  versions: PgTable;
  versionsKey: string;
  fields: readonly K[];
  ledgerType: LedgerEventType;
  /** "权责事项" in 本机关已有编码为 … 的权责事项 */
  noun: string;
  /** The ledger payload; by default the id, the version and the snapshot. */
  payload?: (row: T["$inferSelect"]) => Record<string, unknown>;
}) {
  type Row = T["$inferSelect"] & CatalogueRow;
  const { table, fields } = spec;
  const snapshotOf = (row: Row) =>
    Object.fromEntries(fields.map((k) => [k, (row as Record<string, unknown>)[k]])) as Record<
      string,
      unknown
    >;

  async function recordVersion(tx: Tx, row: Row, at: Date, actorId: string | null) {
    await tx.insert(spec.versions).values({
      id: newId(),
      [spec.versionsKey]: row.id,
      version: row.version,
      snapshot: snapshotOf(row),
      changedAt: at,
      changedBy: actorId,
    } as never);
    await appendEntry(tx, {
      agencyId: row.agencyId,
      actorId,
      type: spec.ledgerType,
      payload: spec.payload ? spec.payload(row) : { id: row.id, version: row.version, ...snapshotOf(row) },
      at,
    });
  }

  const versioning = {
    /** No other entry of the agency has this code. */
    async requireFreeCode(tx: Tx, agencyId: string, code: string, except?: string) {
      const [clash] = await tx
        .select({ id: table.id })
        .from(table as CatalogueTable)
        .where(
          and(eq(table.agencyId, agencyId), eq(table.code, code), except ? ne(table.id, except) : undefined),
        );
      if (clash) throw new AppError("DUPLICATE", `本机关已有编码为 ${code} 的${spec.noun}`);
    },

    /** Inserts an entry with its first version (checks done by the caller). */
    async insert(tx: Tx, agencyId: string, f: object, at: Date, actorId: string | null): Promise<Row> {
      const [row] = (await tx
        .insert(table)
        .values({ ...f, agencyId, id: newId(), createdAt: at, updatedAt: at } as never)
        .returning()) as Row[];
      await recordVersion(tx, row!, at, actorId);
      return row!;
    },

    /** Applies changes as a new version; unchanged fields make no new version. */
    async change<C extends Row>(
      tx: Tx,
      current: C,
      changes: { [k in K]?: unknown },
      at: Date,
      actorId: string | null,
      expectedVersion?: number,
    ): Promise<C | Row> {
      const differs = fields.some(
        (k) =>
          changes[k] !== undefined &&
          stableJson(changes[k]) !== stableJson((current as Record<string, unknown>)[k]),
      );
      if (!differs) {
        if (expectedVersion !== undefined && expectedVersion !== current.version)
          throw new AppError("CONFLICT");
        return current;
      }
      const [row] = (await tx
        .update(table)
        .set({ ...changes, updatedAt: at, version: sql`${table.version} + 1` } as never)
        .where(and(eq(table.id, current.id), eq(table.version, expectedVersion ?? current.version)))
        .returning()) as Row[];
      if (!row) throw new AppError("CONFLICT");
      await recordVersion(tx, row, at, actorId);
      return row;
    },

    /** Saves an imported entry, matched by its code in the agency: created, a new version or unchanged. */
    async saveByCode(
      tx: Tx,
      agencyId: string,
      f: { code: string } & { [k in K]?: unknown },
      at: Date,
      actorId: string | null,
    ): Promise<SaveOutcome> {
      const [current] = (await tx
        .select()
        .from(table as CatalogueTable)
        .where(and(eq(table.agencyId, agencyId), eq(table.code, f.code)))) as Row[];
      if (!current) {
        await versioning.insert(tx, agencyId, f, at, actorId);
        return "created";
      }
      const after = await versioning.change(tx, current, f, at, actorId);
      return after.version === current.version ? "unchanged" : "updated";
    },
  };
  return versioning;
}

type ItemFields = Omit<CreatePowerItemInput, "agencyId">;

const versioning = catalogueVersioning({
  table: powerItems,
  versions: powerItemVersions,
  versionsKey: "itemId",
  fields: versionedPowerFields,
  ledgerType: "power.saved",
  noun: "权责事项",
});

/** Inserts an item with its first version (checks done by the caller). */
export const insertPowerItem = (
  tx: Tx,
  agencyId: string,
  fields: ItemFields,
  at: Date,
  actorId: string | null,
) => versioning.insert(tx, agencyId, fields, at, actorId);

/** Applies changes as a new version; unchanged fields make no new version. */
export const changePowerItem = versioning.change;

/** Saves an imported item matched by its code in the agency. */
export const savePowerItemByCode = versioning.saveByCode;

/** Creates a power item in an agency where the actor holds power.manage (own agency only). */
export async function createPowerItem(ctx: AppContext, actor: Principal, input: CreatePowerItemInput) {
  return ctx.db
    .transaction(async (tx) => {
      const { agencyId, ...fields } = input;
      const agency = await findAgency(tx, agencyId);
      requirePermission(actor, "power.manage", agency.path);
      await requireArticles(tx, fields.basisArticleIds);
      await versioning.requireFreeCode(tx, agencyId, fields.code);
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
    if (changes.code) await versioning.requireFreeCode(tx, current.agencyId, changes.code, id);
    const merged = { ...current, ...changes };
    if (merged.effectiveFrom && merged.effectiveTo && merged.effectiveFrom > merged.effectiveTo) {
      throw new AppError("VALIDATION_FAILED", "失效日期不能早于生效日期");
    }
    await changePowerItem(tx, current, changes, ctx.now(), actor.userId, version);
  });
  return findPowerItem(ctx.db, id);
}
