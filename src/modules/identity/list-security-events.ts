import { count, desc, ilike, or } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { likePattern, offsetOf, type PageRequest } from "../../core/paging.ts";
import { holdsAnywhere, type Principal } from "./principal.ts";
import { securityEvents } from "./schema.ts";

/** Platform security log (logins, lockouts, denials): for holders of audit.read. */
export async function listSecurityEvents(ctx: AppContext, actor: Principal, req: PageRequest) {
  if (!holdsAnywhere(actor, "audit.read")) throw new AppError("FORBIDDEN");
  const where = req.q
    ? or(
        ilike(securityEvents.username, likePattern(req.q)),
        ilike(securityEvents.kind, likePattern(req.q)),
        ilike(securityEvents.ip, likePattern(req.q)),
      )
    : undefined;
  const items = await ctx.db
    .select()
    .from(securityEvents)
    .where(where)
    .orderBy(desc(securityEvents.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db.select({ n: count() }).from(securityEvents).where(where);
  return { items, total: total?.n ?? 0, page: req.page, pageSize: req.pageSize };
}
