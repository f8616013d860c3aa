import { and, count, desc, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { offsetOf, type PageRequest } from "../../core/paging.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { users } from "../identity/schema.ts";
import { settingChanges } from "./schema.ts";

export async function settingHistory(
  ctx: AppContext,
  actor: Principal,
  agencyId: string,
  req: PageRequest & { key?: string },
) {
  const agency = await findAgency(ctx.db, agencyId);
  requirePermission(actor, "settings.read", agency.path);
  const where = and(
    eq(settingChanges.agencyId, agencyId),
    req.key ? eq(settingChanges.key, req.key) : undefined,
  );
  const items = await ctx.db
    .select({
      id: settingChanges.id,
      key: settingChanges.key,
      value: settingChanges.value,
      reason: settingChanges.reason,
      changedBy: settingChanges.changedBy,
      changedByName: users.displayName,
      changedAt: settingChanges.changedAt,
    })
    .from(settingChanges)
    .leftJoin(users, eq(users.id, settingChanges.changedBy))
    .where(where)
    .orderBy(desc(settingChanges.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db.select({ n: count() }).from(settingChanges).where(where);
  return { items, total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}
