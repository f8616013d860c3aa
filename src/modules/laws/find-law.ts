import { and, eq, inArray, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import type { Executor } from "../../db/client.ts";
import { agencies } from "../agencies/schema.ts";
import { holdsAnywhere, type Principal } from "../identity/principal.ts";
import { type Permission, roles } from "../identity/roles.ts";
import { lawArticles, laws } from "./schema.ts";

export type LawRow = typeof laws.$inferSelect;
export type ArticleRow = typeof lawArticles.$inferSelect;

export async function findLaw(ex: Executor, id: string): Promise<LawRow> {
  const [row] = await ex.select().from(laws).where(eq(laws.id, id));
  if (!row) throw new AppError("NOT_FOUND", "法律法规不存在");
  return row;
}

/** The latest version of every article of a law, in article order. */
export async function currentArticles(ex: Executor, lawId: string): Promise<ArticleRow[]> {
  const rows = await ex
    .select()
    .from(lawArticles)
    .where(
      and(
        eq(lawArticles.lawId, lawId),
        sql`${lawArticles.version} = (SELECT max(a.version) FROM law_articles a WHERE a.law_id = ${lawArticles.lawId} AND a.number = ${lawArticles.number})`,
      ),
    )
    .orderBy(lawArticles.ordinal);
  return rows;
}

/** Checks that every cited article version exists (LAW_ARTICLE_INVALID otherwise). */
export async function requireArticles(ex: Executor, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await ex
    .select({ id: lawArticles.id })
    .from(lawArticles)
    .where(inArray(lawArticles.id, unique));
  if (rows.length !== unique.length) throw new AppError("LAW_ARTICLE_INVALID");
}

/** Which agency a change to the (platform-wide) laws library is recorded under. */
export async function lawLedgerAgency(ex: Executor, actor: Principal | null): Promise<string | undefined> {
  if (actor) {
    if (!holdsAnywhere(actor, "law.manage")) throw new AppError("FORBIDDEN");
    const m = actor.memberships.find((x) =>
      x.roles.some((r) => (roles[r].permissions as readonly Permission[]).includes("law.manage")),
    );
    return m?.agencyId;
  }
  const [root] = await ex
    .select({ id: agencies.id })
    .from(agencies)
    .where(sql`${agencies.parentId} IS NULL`)
    .orderBy(agencies.createdAt)
    .limit(1);
  return root?.id;
}
