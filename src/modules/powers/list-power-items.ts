import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "../identity/principal.ts";
import { type PowerItemRow, powerItemColumns } from "./find-power-item.ts";
import type { PowerKind, PowerStatus } from "./power.ts";
import { powerItems } from "./schema.ts";
import { readablePowerPaths } from "./scope.ts";

export const powerSortColumns = {
  code: powerItems.code,
  name: powerItems.name,
  updatedAt: powerItems.updatedAt,
};
export type PowerSort = keyof typeof powerSortColumns;
export type PowerItemListed = PowerItemRow & { agencyName: string; agencyPath: string; openFlags: number };

export type PowerFilter = {
  agencyId?: string;
  kind?: PowerKind;
  field?: string;
  status?: PowerStatus;
  published?: boolean;
};

export function powerWhere(actor: Principal, req: PowerFilter & { q?: string }) {
  return and(
    readablePowerPaths(agencies.path, actor),
    req.agencyId ? eq(powerItems.agencyId, req.agencyId) : undefined,
    req.kind ? eq(powerItems.kind, req.kind) : undefined,
    req.field ? eq(powerItems.field, req.field) : undefined,
    req.status ? eq(powerItems.status, req.status) : undefined,
    req.published !== undefined ? eq(powerItems.published, req.published) : undefined,
    req.q
      ? or(
          ilike(powerItems.code, likePattern(req.q)),
          ilike(powerItems.name, likePattern(req.q)),
          ilike(powerItems.basisText, likePattern(req.q)),
          ilike(powerItems.transferredFrom, likePattern(req.q)),
        )
      : undefined,
  );
}

/** Power items the actor can read (own agency, below, and inherited from above), filtered. */
export async function listPowerItems(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & PowerFilter & { sort?: PowerSort },
): Promise<Page<PowerItemListed>> {
  const where = powerWhere(actor, req);
  const column = powerSortColumns[req.sort ?? "code"];
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(powerItemColumns)
      .from(powerItems)
      .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
      .where(where)
      .orderBy(req.order === "desc" ? desc(column) : asc(column), asc(powerItems.id))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db
      .select({ n: count() })
      .from(powerItems)
      .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
      .where(where),
  ]);
  return {
    items: rows.map((r) => ({
      ...r.item,
      agencyName: r.agencyName,
      agencyPath: r.agencyPath,
      openFlags: Number(r.openFlags),
    })),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
