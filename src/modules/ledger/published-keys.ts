import { asc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { ledgerKeys } from "./schema.ts";

export async function publishedKeys(ctx: AppContext, agencyId?: string) {
  return ctx.db
    .select()
    .from(ledgerKeys)
    .where(agencyId ? eq(ledgerKeys.agencyId, agencyId) : undefined)
    .orderBy(asc(ledgerKeys.createdAt));
}
