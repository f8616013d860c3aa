import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { agencies } from "../agencies/schema.ts";
import { powerKinds } from "../powers/power.ts";
import { powerItems } from "../powers/schema.ts";

export type PublicPowerQuery = PageRequest & { agencyId?: string; field?: string; kind?: string };

/** The powers catalogue (权责清单, C02, C13): published items only, with their legal basis as text. */
export async function listPublicPowers(ctx: AppContext, req: PublicPowerQuery) {
  const where = and(
    eq(powerItems.published, true),
    req.agencyId ? eq(powerItems.agencyId, req.agencyId) : undefined,
    req.field ? eq(powerItems.field, req.field) : undefined,
    req.kind ? eq(powerItems.kind, req.kind) : undefined,
    req.q
      ? or(
          ilike(powerItems.code, likePattern(req.q)),
          ilike(powerItems.name, likePattern(req.q)),
          ilike(powerItems.basisText, likePattern(req.q)),
        )
      : undefined,
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: powerItems.id,
        agencyId: powerItems.agencyId,
        agencyName: agencies.name,
        code: powerItems.code,
        name: powerItems.name,
        kind: powerItems.kind,
        field: powerItems.field,
        basisText: powerItems.basisText,
        transferredFrom: powerItems.transferredFrom,
        status: powerItems.status,
        effectiveFrom: powerItems.effectiveFrom,
        effectiveTo: powerItems.effectiveTo,
      })
      .from(powerItems)
      .innerJoin(agencies, eq(agencies.id, powerItems.agencyId))
      .where(where)
      .orderBy(req.order === "desc" ? desc(powerItems.code) : asc(powerItems.code), asc(powerItems.id))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db.select({ n: count() }).from(powerItems).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r, kindName: powerKinds[r.kind as keyof typeof powerKinds] ?? r.kind })),
    total: Number(total?.n ?? 0),
    page: req.page,
    pageSize: req.pageSize,
  };
}
