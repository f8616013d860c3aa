import { inArray } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { underAny } from "../agencies/list-agencies.ts";
import { agencies } from "../agencies/schema.ts";
import { can, type Principal } from "./principal.ts";
import { permissionCodes } from "./roles.ts";
import { users } from "./schema.ts";

/** The current user, their memberships, and the permissions that apply in each agency they reach. */
export async function describeMe(ctx: AppContext, p: Principal) {
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(inArray(users.id, [p.userId]));
  const reachable = await ctx.db
    .select({ id: agencies.id, name: agencies.name, kind: agencies.kind, path: agencies.path })
    .from(agencies)
    .where(
      underAny(
        agencies.path,
        p.memberships.map((m) => m.agencyPath),
      ),
    );
  const byId = new Map(reachable.map((a) => [a.id, a]));
  const permissions: Record<string, string[]> = {};
  for (const a of reachable) {
    const list = permissionCodes.filter((perm) => can(p, perm, a.path));
    if (list.length) permissions[a.id] = list;
  }
  return {
    user: { id: p.userId, username: p.username, displayName: p.displayName, phone: user?.phone ?? "" },
    memberships: p.memberships.map((m) => ({
      agencyId: m.agencyId,
      agencyName: byId.get(m.agencyId)?.name ?? "",
      agencyKind: byId.get(m.agencyId)?.kind ?? "",
      roles: m.roles,
    })),
    permissions,
  };
}
