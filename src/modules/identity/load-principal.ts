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

/** The principal behind a session token, or undefined when the session is unknown, ended or expired. */
export async function loadPrincipal(ex: Executor, token: string, now: Date): Promise<Principal | undefined> {
  const [session] = await ex
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(
      and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt), gt(sessions.expiresAt, now)),
    );
  return session ? principalForUser(ex, session.userId) : undefined;
}
