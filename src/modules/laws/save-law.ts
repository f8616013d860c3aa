import { and, eq, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { storeArticle } from "./add-article-version.ts";
import { findLaw, lawLedgerAgency } from "./find-law.ts";
import type { CreateLawInput, UpdateLawInput } from "./law.ts";
import { laws } from "./schema.ts";

/** Creates a law with the first version of its articles. */
export async function createLaw(ctx: AppContext, actor: Principal | null, input: CreateLawInput) {
  return ctx.db.transaction(async (tx) => {
    const agencyId = await lawLedgerAgency(tx, actor);
    const numbers = input.articles.map((a) => a.number);
    if (new Set(numbers).size !== numbers.length) {
      throw new AppError("VALIDATION_FAILED", "同一法律法规中条号重复");
    }
    const [exists] = await tx.select({ id: laws.id }).from(laws).where(eq(laws.title, input.title));
    if (exists) throw new AppError("DUPLICATE", "已有同名的法律法规");
    const { articles, ...fields } = input;
    const [law] = await tx
      .insert(laws)
      .values({ ...fields, id: newId(), createdAt: ctx.now(), updatedAt: ctx.now() })
      .returning();
    for (const a of articles) await storeArticle(tx, ctx.now(), actor?.userId ?? null, law!.id, a);
    if (agencyId) {
      await appendEntry(tx, {
        agencyId,
        actorId: actor?.userId,
        type: "law.saved",
        payload: { id: law!.id, title: law!.title, articles: articles.length },
        at: ctx.now(),
      });
    }
    return law!;
  });
}

/** Changes a law's particulars (optimistic concurrency on `version`). */
export async function updateLaw(ctx: AppContext, actor: Principal, id: string, input: UpdateLawInput) {
  return ctx.db.transaction(async (tx) => {
    const agencyId = await lawLedgerAgency(tx, actor);
    await findLaw(tx, id);
    const { version, ...changes } = input;
    if (changes.title) {
      const [clash] = await tx
        .select({ id: laws.id })
        .from(laws)
        .where(and(eq(laws.title, changes.title), ne(laws.id, id)));
      if (clash) throw new AppError("DUPLICATE", "已有同名的法律法规");
    }
    const [row] = await tx
      .update(laws)
      .set({ ...changes, updatedAt: ctx.now(), version: sql`${laws.version} + 1` })
      .where(and(eq(laws.id, id), eq(laws.version, version)))
      .returning();
    if (!row) throw new AppError("CONFLICT");
    if (agencyId) {
      await appendEntry(tx, {
        agencyId,
        actorId: actor.userId,
        type: "law.saved",
        payload: { id, ...changes },
        at: ctx.now(),
      });
    }
    return row;
  });
}
