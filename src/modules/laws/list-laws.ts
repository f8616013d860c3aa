import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import type { ArticleRow, LawRow } from "./find-law.ts";
import type { LawLevel } from "./law.ts";
import { lawArticles, laws } from "./schema.ts";

export const lawSortColumns = { title: laws.title, effectiveOn: laws.effectiveOn, level: laws.level };
export type LawSort = keyof typeof lawSortColumns;

/** Laws are platform-wide reference data: every holder of law.read sees all of them. */
export async function listLaws(
  ctx: AppContext,
  req: PageRequest & { sort?: LawSort; level?: LawLevel; inForce?: boolean },
): Promise<Page<LawRow>> {
  const where = and(
    req.level ? eq(laws.level, req.level) : undefined,
    req.inForce === true ? sql`${laws.repealedOn} IS NULL` : undefined,
    req.inForce === false ? sql`${laws.repealedOn} IS NOT NULL` : undefined,
    req.q
      ? or(
          ilike(laws.title, likePattern(req.q)),
          ilike(laws.issuingBody, likePattern(req.q)),
          ilike(laws.documentNumber, likePattern(req.q)),
        )
      : undefined,
  );
  const column = lawSortColumns[req.sort ?? "title"];
  const [items, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(laws)
      .where(where)
      .orderBy(req.order === "desc" ? desc(column) : asc(column), asc(laws.id))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db.select({ n: count() }).from(laws).where(where),
  ]);
  return { items, total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}

export type ArticleHit = ArticleRow & { lawTitle: string; current: boolean };

/** Article versions for citing (current versions unless `allVersions`), searched by law title, number or text. */
export async function searchArticles(
  ctx: AppContext,
  req: PageRequest & { lawId?: string; allVersions?: boolean },
): Promise<Page<ArticleHit>> {
  const isCurrent = sql<boolean>`${lawArticles.version} = (SELECT max(a.version) FROM law_articles a WHERE a.law_id = ${lawArticles.lawId} AND a.number = ${lawArticles.number})`;
  const where = and(
    req.lawId ? eq(lawArticles.lawId, req.lawId) : undefined,
    req.allVersions ? undefined : isCurrent,
    req.q
      ? or(
          ilike(laws.title, likePattern(req.q)),
          ilike(lawArticles.number, likePattern(req.q)),
          ilike(lawArticles.text, likePattern(req.q)),
        )
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    ctx.db
      .select({ article: lawArticles, lawTitle: laws.title, current: isCurrent })
      .from(lawArticles)
      .innerJoin(laws, eq(laws.id, lawArticles.lawId))
      .where(where)
      .orderBy(asc(laws.title), asc(lawArticles.ordinal), asc(lawArticles.version))
      .limit(req.pageSize)
      .offset(offsetOf(req)),
    ctx.db
      .select({ n: count() })
      .from(lawArticles)
      .innerJoin(laws, eq(laws.id, lawArticles.lawId))
      .where(where),
  ]);
  return {
    items: items.map((r) => ({ ...r.article, lawTitle: r.lawTitle, current: Boolean(r.current) })),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
