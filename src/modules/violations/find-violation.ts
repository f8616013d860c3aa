import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { ancestorIds } from "../agencies/agency.ts";
import { agencies } from "../agencies/schema.ts";
import { powerItems, reviewFlags } from "../powers/schema.ts";
import { violations } from "./schema.ts";

export type ViolationRow = typeof violations.$inferSelect;

/** Columns of a violation as listed: the row, agency, power item, open flags, benchmarks using it. */
export const violationColumns = {
  v: violations,
  agencyName: agencies.name,
  agencyPath: agencies.path,
  powerItemCode: powerItems.code,
  powerItemName: powerItems.name,
  openFlags: sql<number>`(SELECT count(*)::int FROM ${reviewFlags} f WHERE f.target_id = ${violations.id} AND f.cleared_at IS NULL)`,
  benchmarks: sql<number>`(SELECT count(*)::int FROM benchmarks b WHERE b.violation_id = ${violations.id})`,
};

type Selected = {
  v: ViolationRow;
  agencyName: string;
  agencyPath: string;
  powerItemCode: string | null;
  powerItemName: string | null;
  openFlags: number;
  benchmarks: number;
};
export type ViolationListed = ViolationRow & Omit<Selected, "v">;

export const toViolationListed = (r: Selected): ViolationListed => ({
  ...r.v,
  agencyName: r.agencyName,
  agencyPath: r.agencyPath,
  powerItemCode: r.powerItemCode,
  powerItemName: r.powerItemName,
  openFlags: Number(r.openFlags),
  benchmarks: Number(r.benchmarks),
});

export const violationQuery = (ex: Executor) =>
  ex
    .select(violationColumns)
    .from(violations)
    .innerJoin(agencies, eq(agencies.id, violations.agencyId))
    .leftJoin(powerItems, eq(powerItems.id, violations.powerItemId));

export async function findViolation(ex: Executor, id: string): Promise<ViolationListed> {
  const [row] = await violationQuery(ex).where(eq(violations.id, id));
  if (!row) throw new AppError("NOT_FOUND", "违法行为不存在");
  return toViolationListed(row);
}

/** The violation with this code that an agency may use: its own or an ancestor's, nearest first. */
export async function violationByCode(
  ex: Executor,
  agencyPath: string,
  code: string,
): Promise<string | undefined> {
  const [row] = await ex
    .select({ id: violations.id })
    .from(violations)
    .innerJoin(agencies, eq(agencies.id, violations.agencyId))
    .where(and(eq(violations.code, code), inArray(violations.agencyId, ancestorIds(agencyPath))))
    .orderBy(desc(sql`length(${agencies.path})`))
    .limit(1);
  return row?.id;
}
