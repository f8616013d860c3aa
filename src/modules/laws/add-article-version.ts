import { and, desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { newId } from "../../core/ids.ts";
import type { Tx } from "../../db/client.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { flagCiters } from "../powers/flag-citers.ts";
import { findLaw, lawLedgerAgency } from "./find-law.ts";
import { type ArticleInput, articleOrdinal } from "./law.ts";
import { lawArticles } from "./schema.ts";

export type ArticleChange = { article: typeof lawArticles.$inferSelect; created: boolean; flagged: number };

/**
 * Stores `input` as the next version of the article (or its first version). An unchanged text is
 * not a new version. A new version flags every power item and benchmark citing an earlier
 * version of the article "needs review" (C03 law changes).
 */
export async function storeArticle(
  tx: Tx,
  at: Date,
  actorId: string | null,
  lawId: string,
  input: ArticleInput,
): Promise<ArticleChange> {
  const [latest] = await tx
    .select()
    .from(lawArticles)
    .where(and(eq(lawArticles.lawId, lawId), eq(lawArticles.number, input.number)))
    .orderBy(desc(lawArticles.version))
    .limit(1);
  if (latest && latest.text === input.text) return { article: latest, created: false, flagged: 0 };
  const [article] = await tx
    .insert(lawArticles)
    .values({
      id: newId(),
      lawId,
      number: input.number,
      ordinal: articleOrdinal(input.number),
      version: (latest?.version ?? 0) + 1,
      text: input.text,
      effectiveOn: input.effectiveOn ?? null,
      note: input.note ?? "",
      createdAt: at,
      createdBy: actorId,
    })
    .returning();
  const flagged = latest ? await flagCiters(tx, { article: article!, at, actorId }) : 0;
  return { article: article!, created: true, flagged };
}

/** Loads a new version of one article (the UI's "新增条款版本"). */
export async function addArticleVersion(
  ctx: AppContext,
  actor: Principal | null,
  lawId: string,
  input: ArticleInput,
): Promise<ArticleChange> {
  return ctx.db.transaction(async (tx) => {
    const law = await findLaw(tx, lawId);
    const agencyId = await lawLedgerAgency(tx, actor);
    const change = await storeArticle(tx, ctx.now(), actor?.userId ?? null, law.id, input);
    if (change.created && agencyId) {
      await appendEntry(tx, {
        agencyId,
        actorId: actor?.userId,
        type: "law.article_versioned",
        payload: {
          lawId: law.id,
          articleId: change.article.id,
          number: change.article.number,
          version: change.article.version,
          flagged: change.flagged,
        },
        at: ctx.now(),
      });
    }
    return change;
  });
}
