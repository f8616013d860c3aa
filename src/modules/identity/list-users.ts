import { and, asc, count, desc, eq, exists, ilike, or, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { likePattern, offsetOf, type Page, type PageRequest } from "../../core/paging.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { membershipsOf, toUserView } from "./find-user.ts";
import { type Principal, scopePrefixes } from "./principal.ts";
import { memberships, users } from "./schema.ts";
import type { UserView } from "./user.ts";

export const userSortColumns = {
  username: users.username,
  displayName: users.displayName,
  createdAt: users.createdAt,
};

/** Users holding a role in an agency the actor can read (optionally one agency, one role). */
export async function listUsers(
  ctx: AppContext,
  actor: Principal,
  req: PageRequest & { agencyId?: string; role?: string; sort?: keyof typeof userSortColumns },
): Promise<Page<UserView>> {
  const visible = exists(
    ctx.db
      .select({ one: sql`1` })
      .from(memberships)
      .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
      .where(
        and(
          eq(memberships.userId, users.id),
          underAny(agencies.path, scopePrefixes(actor, "user.read")),
          req.agencyId ? eq(memberships.agencyId, req.agencyId) : undefined,
          req.role ? eq(memberships.role, req.role) : undefined,
        ),
      ),
  );
  const where = and(
    visible,
    req.q
      ? or(
          ilike(users.username, likePattern(req.q)),
          ilike(users.displayName, likePattern(req.q)),
          ilike(users.phone, likePattern(req.q)),
        )
      : undefined,
  );
  const column = userSortColumns[req.sort ?? "username"];
  const rows = await ctx.db
    .select()
    .from(users)
    .where(where)
    .orderBy(req.order === "desc" ? desc(column) : asc(column), asc(users.id))
    .limit(req.pageSize)
    .offset(offsetOf(req));
  const [total] = await ctx.db.select({ n: count() }).from(users).where(where);
  const ms = await membershipsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toUserView(r, ms)),
    total: total?.n ?? 0,
    page: req.page,
    pageSize: req.pageSize,
  };
}
