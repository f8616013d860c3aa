import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { agencies } from "../agencies/schema.ts";
import { powerItems, reviewFlags } from "./schema.ts";

export type PowerItemRow = typeof powerItems.$inferSelect;

/** Columns of a power item as listed: the row, its agency's name and path, open review flags. */
export const powerItemColumns = {
  item: powerItems,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  openFlags: sql<number>`(SELECT count(*)::int FROM ${reviewFlags} f WHERE f.target_id = ${powerItems.id} AND f.cleared_at IS NULL)`,
};

export async function findPowerItem(ex: Executor, id: string) {
  const [row] = await ex
    .select(powerItemColumns)
    .from(powerItems)
    .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
    .where(eq(powerItems.id, id));
  if (!row) throw new AppError("NOT_FOUND", "权责事项不存在");
  return {
    ...row.item,
    agencyName: row.agencyName,
    agencyPath: row.agencyPath,
    openFlags: Number(row.openFlags),
  };
}

export const openFlagsOf = (targetId: string) =>
  and(eq(reviewFlags.targetId, targetId), isNull(reviewFlags.clearedAt));

/** The power item with this code an agency may point to: its own or an ancestor's, nearest first. */
export async function powerItemByCode(
  ex: Executor,
  agencyPath: string,
  code: string,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: powerItems.id })
    .from(powerItems)
    .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
    .where(and(eq(powerItems.code, code), inArray(powerItems.agencyId, ancestorIds(agencyPath))))
    .orderBy(desc(sql`length(${agencies.path})`))
    .limit(1);
  return row?.id;
}
