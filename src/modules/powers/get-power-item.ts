import { asc, desc, eq, inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { lawArticles, laws } from "../laws/schema.ts";
import { findPowerItem } from "./find-power-item.ts";
import { powerItemVersions, reviewFlags } from "./schema.ts";
import { requireReadPower } from "./scope.ts";

/** Cited article versions with their law's title, for display. */
export async function citedArticles(ctx: AppContext, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({
      id: lawArticles.id,
      lawId: lawArticles.lawId,
      lawTitle: laws.title,
      number: lawArticles.number,
      version: lawArticles.version,
      text: lawArticles.text,
    })
    .from(lawArticles)
    .innerJoin(laws, eq(laws.id, lawArticles.lawId))
    .where(inArray(lawArticles.id, ids))
    .orderBy(asc(laws.title), asc(lawArticles.ordinal));
  return rows;
}

/** A power item with its legal basis, version history and review flags. */
export async function getPowerItem(ctx: AppContext, actor: Principal, id: string) {
  const item = await findPowerItem(ctx.db, id);
  requireReadPower(actor, item.agencyPath);
  const [basis, versions, flags] = await Promise.all([
    citedArticles(ctx, item.basisArticleIds),
    ctx.db
      .select()
      .from(powerItemVersions)
      .where(eq(powerItemVersions.itemId, id))
      .orderBy(desc(powerItemVersions.version)),
    ctx.db
      .select()
      .from(reviewFlags)
      .where(eq(reviewFlags.targetId, id))
      .orderBy(desc(reviewFlags.createdAt)),
  ]);
  return { ...item, basis, versions, flags };
}
