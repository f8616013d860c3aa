import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { citationText, parseCitation } from "../laws/law.ts";
import { lawArticles, laws } from "../laws/schema.ts";

/** Article ids → citation text (with the version when it is not the current one), for export. */
export async function citationTexts(ex: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ex
    .select({
      id: lawArticles.id,
      title: laws.title,
      number: lawArticles.number,
      version: lawArticles.version,
      latest: sql<number>`(SELECT max(a.version) FROM law_articles a WHERE a.law_id = ${lawArticles.lawId} AND a.number = ${lawArticles.number})`,
    })
    .from(lawArticles)
    .innerJoin(laws, eq(laws.id, lawArticles.lawId))
    .where(inArray(lawArticles.id, unique));
  return new Map(
    rows.map((r) => [
      r.id,
      citationText(r.title, r.number, r.version === Number(r.latest) ? undefined : r.version),
    ]),
  );
}

export const splitCitations = (cell: string): string[] =>
  cell
    .split(/[；;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Citation text → article id (the current version unless the text names one); undefined if unknown. */
export async function resolveCitation(ex: Executor, text: string): Promise<string | undefined> {
  const c = parseCitation(text);
  if (!c) return undefined;
  const [row] = await ex
    .select({ id: lawArticles.id })
    .from(lawArticles)
    .innerJoin(laws, eq(laws.id, lawArticles.lawId))
    .where(
      and(
        eq(laws.title, c.lawTitle),
        eq(lawArticles.number, c.number),
        c.version ? eq(lawArticles.version, c.version) : undefined,
      ),
    )
    .orderBy(desc(lawArticles.version))
    .limit(1);
  return row?.id;
}

/** Resolves every citation of a cell; unknown ones are returned in `missing`. */
export async function resolveCitationCell(
  ex: Executor,
  cell: string,
  cache: Map<string, string | undefined>,
): Promise<{ ids: string[]; missing: string[] }> {
  const ids: string[] = [];
  const missing: string[] = [];
  for (const t of splitCitations(cell)) {
    if (!cache.has(t)) cache.set(t, await resolveCitation(ex, t));
    const id = cache.get(t);
    if (id) ids.push(id);
    else missing.push(t);
  }
  return { ids, missing };
}
