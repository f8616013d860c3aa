import { desc, eq, getTableName, ilike, or, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import { likePattern } from "../../core/paging.ts";
import type { Executor } from "../../db/client.ts";
import { agencies } from "../agencies/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import type { LedgerEventType } from "../ledger/entry.ts";

// The published lists kept as chains of versions (append-only): inspection items, service guides,
// inspection results. A chain is the rows sharing one id column (itemId, resultId); the list shows
// the newest version of each chain.

type VersionedTable = PgTable & { version: PgColumn; agencyId: PgColumn };

/** The newest version of each chain (`chainId`: the column naming the chain). */
export function latestVersionCondition(table: VersionedTable, chainId: PgColumn): SQL {
  return sql`${table.version} = (select max(x.version) from ${sql.identifier(getTableName(table))} x where x.${sql.identifier(chainId.name)} = ${chainId})`;
}

/** The newest version of one chain, if any. */
export async function latestVersionOf<T extends VersionedTable>(
  ex: Executor,
  table: T,
  chainId: PgColumn,
  id: string,
): Promise<T["$inferSelect"] | undefined> {
  const [row] = await ex
    .select()
    .from(table as VersionedTable)
    .where(eq(chainId, id))
    .orderBy(desc(table.version))
    .limit(1);
  return row as T["$inferSelect"] | undefined;
}

/** Any of the columns contains the search text (none given: no condition). */
export const searchAny = (q: string | undefined, ...columns: PgColumn[]): SQL | undefined =>
  q ? or(...columns.map((c) => ilike(c, likePattern(q)))) : undefined;

/** The rows of a page together with the number of rows under `where` (all joined to their agency). */
export async function withTotal<R>(
  ex: Executor,
  table: VersionedTable,
  where: SQL | undefined,
  rows: PromiseLike<R[]>,
) {
  const [items, [total]] = await Promise.all([
    rows,
    ex
      .select({ n: sql<number>`count(*)::int` })
      .from(table)
      .innerJoin(agencies, eq(agencies.id, table.agencyId))
      .where(where),
  ]);
  return { rows: items, total: Number(total?.n ?? 0) };
}

/**
 * The chain and version number of what is saved: a new item (no itemId) is version 1 of a new
 * chain; a change or removal of an item follows its newest version, which must be of the same
 * agency and not removed. noun names the item in the errors (抽查事项), short in "需要指明…" (事项).
 */
async function nextVersion(
  tx: Executor,
  table: VersionedTable & { itemId: PgColumn },
  input: { agencyId: string; itemId?: string; removed: boolean },
  noun: string,
  short: string,
): Promise<{ itemId: string; version: number }> {
  if (!input.itemId) {
    if (input.removed) throw new AppError("VALIDATION_FAILED", `移除${noun}需要指明${short}`);
    return { itemId: newId(), version: 1 };
  }
  const prev = (await latestVersionOf(tx, table, table.itemId, input.itemId)) as
    | { agencyId: string; removed: boolean; version: number }
    | undefined;
  if (!prev) throw new AppError("NOT_FOUND", `${noun}不存在`);
  if (prev.agencyId !== input.agencyId) throw new AppError("FORBIDDEN_AGENCY", `${noun}属于其他机关`);
  if (prev.removed) throw new AppError("CONFLICT", `该${noun}已经移除`);
  return { itemId: input.itemId, version: prev.version + 1 };
}

/** Writes a version and its ledger entry (by whom and when: the version's own recordedBy/At). */
export async function insertVersion<T extends VersionedTable>(
  tx: Executor,
  table: T,
  row: T["$inferInsert"] & { agencyId: string; recordedBy: string; recordedAt: Date },
  type: LedgerEventType,
  payload: Record<string, unknown>,
) {
  await tx.insert(table).values(row);
  await appendEntry(tx, {
    agencyId: row.agencyId,
    actorId: row.recordedBy,
    type,
    payload,
    at: row.recordedAt,
  });
}

/**
 * Saves an item of a list (inspection items, service guides) as its next version (nextVersion):
 * the row is the input's fields, recorded by actorId at `at`, with its ledger entry.
 */
export async function saveItemVersion<I extends { agencyId: string; itemId?: string; removed: boolean }>(
  tx: Executor,
  table: VersionedTable & { itemId: PgColumn },
  input: I,
  spec: {
    actorId: string;
    at: Date;
    noun: string;
    short: string;
    ledgerType: LedgerEventType;
    payload: (saved: { itemId: string; version: number }) => Record<string, unknown>;
  },
) {
  const { itemId, version } = await nextVersion(tx, table, input, spec.noun, spec.short);
  const row = { ...input, id: newId(), itemId, version, recordedBy: spec.actorId, recordedAt: spec.at };
  await insertVersion(tx, table, row as never, spec.ledgerType, spec.payload({ itemId, version }));
  return row;
}
