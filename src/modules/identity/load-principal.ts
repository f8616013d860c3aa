import { createHash } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { agencies } from "../agencies/schema.ts";
import type { Principal } from "./principal.ts";
import type { Role } from "./roles.ts";
import { memberships, sessions, users } from "./schema.ts";

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export async function principalForUser(ex: Executor, userId: string): Promise<Principal | undefined> {
  const [user] = await ex.select().from(users).where(eq(users.id, userId));
  if (!user?.active) return undefined;
  const rows = await ex
    .select({ agencyId: memberships.agencyId, agencyPath: agencies.path, role: memberships.role })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(eq(memberships.userId, userId))
    .orderBy(agencies.path, memberships.role);
  const byAgency = new Map<string, Principal["memberships"][number]>();
  for (const r of rows) {
    const m = byAgency.get(r.agencyId) ?? { agencyId: r.agencyId, agencyPath: r.agencyPath, roles: [] };
    m.roles.push(r.role as Role);
    byAgency.set(r.agencyId, m);
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    memberships: [...byAgency.values()],
  };
}

/**
 * The principal behind a session token, or undefined when the session is unknown, ended or
 * expired, or the account is disabled. One query: it runs on every authenticated request.
 */
export async function loadPrincipal(ex: Executor, token: string, now: Date): Promise<Principal | undefined> {
  return (await loadSession(ex, token, now))?.principal;
}

/** loadPrincipal, with the session's expiry (a cache of principals must not outlive it). */
export async function loadSession(
  ex: Executor,
  token: string,
  now: Date,
): Promise<{ principal: Principal; expiresAt: Date } | undefined> {
  const rows = await ex
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      active: users.active,
      expiresAt: sessions.expiresAt,
      agencyId: memberships.agencyId,
      agencyPath: agencies.path,
      role: memberships.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(
      and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt), gt(sessions.expiresAt, now)),
    )
    .orderBy(agencies.path, memberships.role);
  const first = rows[0];
  if (!first?.active) return undefined;
  const byAgency = new Map<string, Principal["memberships"][number]>();
  for (const r of rows) {
    if (!r.agencyId || !r.agencyPath || !r.role) continue;
    const m = byAgency.get(r.agencyId) ?? { agencyId: r.agencyId, agencyPath: r.agencyPath, roles: [] };
    m.roles.push(r.role as Role);
    byAgency.set(r.agencyId, m);
  }
  return {
    principal: {
      userId: first.userId,
      username: first.username,
      displayName: first.displayName,
      memberships: [...byAgency.values()],
    },
    expiresAt: first.expiresAt,
  };
}
