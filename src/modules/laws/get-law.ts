import { asc, desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { type ArticleRow, findLaw } from "./find-law.ts";
import { lawArticles } from "./schema.ts";

/** A law with its articles: the current version of each, and the earlier versions under it. */
export async function getLaw(ctx: AppContext, id: string) {
  const law = await findLaw(ctx.db, id);
  const rows = await ctx.db
    .select()
    .from(lawArticles)
    .where(eq(lawArticles.lawId, id))
    .orderBy(asc(lawArticles.ordinal), desc(lawArticles.version));
  const byNumber = new Map<string, ArticleRow[]>();
  for (const r of rows) byNumber.set(r.number, [...(byNumber.get(r.number) ?? []), r]);
  const articles = [...byNumber.values()].map(([current, ...earlier]) => ({ ...current!, earlier }));
  return { ...law, articles };
}
