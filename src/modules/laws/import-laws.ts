import { eq, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { storeArticle } from "./add-article-version.ts";
import { lawLedgerAgency } from "./find-law.ts";
import { type LawImportFile, lawImportFile } from "./law.ts";
import { laws } from "./schema.ts";

export type LawImportResult = {
  laws: number;
  lawsCreated: number;
  articlesCreated: number;
  articleVersions: number;
  unchanged: number;
  flagged: number;
};

/** Validates an import file (LAW_IMPORT_INVALID naming the place of each problem). */
export function parseLawImportFile(data: unknown): LawImportFile {
  const parsed = lawImportFile.safeParse(data);
  if (!parsed.success) {
    const details = parsed.error.issues
      .slice(0, 50)
      .map((i) => ({ path: i.path.join("."), message: i.message }));
    throw new AppError(
      "LAW_IMPORT_INVALID",
      `法律法规导入文件不合法：${details.map((d) => `${d.path}：${d.message}`).join("；")}`,
      details,
    );
  }
  for (const [i, law] of parsed.data.laws.entries()) {
    const seen = new Set<string>();
    for (const a of law.articles) {
      if (seen.has(a.number)) {
        throw new AppError("LAW_IMPORT_INVALID", `第 ${i + 1} 部（${law.title}）中条号 ${a.number} 重复`);
      }
      seen.add(a.number);
    }
  }
  return parsed.data;
}

/**
 * Loads laws from a structured file in one transaction: a law is matched by title (its
 * particulars updated), an article by number; a changed text becomes the article's next version,
 * which flags the items and benchmarks citing it. Loading the same file twice changes nothing.
 */
export async function importLaws(
  ctx: AppContext,
  actor: Principal | null,
  file: LawImportFile,
): Promise<LawImportResult> {
  return ctx.db.transaction(async (tx) => {
    const agencyId = await lawLedgerAgency(tx, actor);
    const at = ctx.now();
    const r: LawImportResult = {
      laws: 0,
      lawsCreated: 0,
      articlesCreated: 0,
      articleVersions: 0,
      unchanged: 0,
      flagged: 0,
    };
    for (const { articles, ...fields } of file.laws) {
      r.laws++;
      let [law] = await tx.select().from(laws).where(eq(laws.title, fields.title));
      if (!law) {
        [law] = await tx
          .insert(laws)
          .values({ ...fields, id: newId(), createdAt: at, updatedAt: at })
          .returning();
        r.lawsCreated++;
      } else {
        const changed = (Object.keys(fields) as (keyof typeof fields)[]).some((k) => law![k] !== fields[k]);
        if (changed) {
          [law] = await tx
            .update(laws)
            .set({ ...fields, updatedAt: at, version: sql`${laws.version} + 1` })
            .where(eq(laws.id, law.id))
            .returning();
        }
      }
      for (const a of articles) {
        const c = await storeArticle(tx, at, actor?.userId ?? null, law!.id, a);
        if (!c.created) r.unchanged++;
        else if (c.article.version === 1) r.articlesCreated++;
        else r.articleVersions++;
        r.flagged += c.flagged;
      }
    }
    if (agencyId) {
      await appendEntry(tx, { agencyId, actorId: actor?.userId, type: "law.imported", payload: r, at });
    }
    return r;
  });
}
