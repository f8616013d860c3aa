import { desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { publicColumns } from "./public-columns.ts";
import { publicDecisions, publicWithdrawals } from "./schema.ts";

/** The most recently published decisions (the Atom feed of new decisions), newest first. */
export function listNewestPublished(ctx: AppContext, limit: number) {
  return ctx.db
    .select(publicColumns)
    .from(publicDecisions)
    .leftJoin(publicWithdrawals, eq(publicWithdrawals.decisionId, publicDecisions.id))
    .orderBy(desc(publicDecisions.publishedAt), desc(publicDecisions.id))
    .limit(limit);
}
