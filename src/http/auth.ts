import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AppContext } from "../context.ts";
import { AppError } from "../core/errors.ts";
import { loadSession } from "../modules/identity/load-principal.ts";
import { holdsAnywhere, type Principal } from "../modules/identity/principal.ts";
import type { Permission } from "../modules/identity/roles.ts";

export const sessionCookie = "guifan_session";

/** What a route needs: "public" (no login), "session" (any logged-in user) or a permission code. */
export type RouteAuth = "public" | "session" | Permission;

declare module "fastify" {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal?: Principal;
    sessionToken?: string;
  }
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) return header.slice(7).trim() || undefined;
  return request.cookies?.[sessionCookie] || undefined;
}

/** The logged-in principal of a route that declared auth other than "public". */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError("UNAUTHENTICATED");
  return request.principal;
}

/**
 * Every /api route must declare `config.auth`; the server refuses to start otherwise. The check
 * runs before validation, so an anonymous caller learns nothing about the route's input.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/") && !route.config?.auth) {
      throw new Error(`Route ${route.method} ${route.url} does not declare config.auth`);
    }
  });
  const sessions = sessionCache(opts.ctx);
  app.addHook("onRequest", async (request) => {
    const auth = request.routeOptions.config?.auth;
    if (!auth || auth === "public") return;
    const token = tokenOf(request);
    if (!token) throw new AppError("UNAUTHENTICATED");
    const principal = await sessions.principal(token);
    if (!principal) throw new AppError("SESSION_EXPIRED");
    request.principal = principal;
    request.sessionToken = token;
    if (auth !== "session" && !holdsAnywhere(principal, auth)) throw new AppError("FORBIDDEN");
  });
  // Before the response of a request that may have changed who a token stands for leaves.
  app.addHook("onSend", async (request) => {
    if (changesSessions(request)) sessions.clear();
  });
});

/** How long a principal read for a session token is reused without asking the database. */
export const principalTtlMs = 5_000;
const maxCachedSessions = 10_000;

/**
 * Requests that can change who a token stands for: log-out and password changes (auth
 * "session"), accounts, roles and account locks ("user.manage"), agencies ("agency.manage"), and
 * anything under /auth and /users. Reads never do.
 */
function changesSessions(request: FastifyRequest): boolean {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return false;
  const auth = request.routeOptions.config?.auth;
  const url = request.routeOptions.url ?? request.url;
  return (
    auth === "session" ||
    auth === "user.manage" ||
    auth === "agency.manage" ||
    url.startsWith("/api/v1/auth/") ||
    url.startsWith("/api/v1/users")
  );
}

/**
 * The principals of recently seen session tokens (every authenticated request needs one; without
 * the cache that is a query per request). Rules that keep it correct:
 * - in this process, a request that may change sessions, accounts or roles (changesSessions)
 *   empties the cache before its response is sent, after its transaction committed; a load that
 *   was running meanwhile is not stored (generation), so after a log-out the token is refused at
 *   once;
 * - changes made by another process (the CLI, another server on the same database) are seen
 *   within principalTtlMs (5 s);
 * - an entry never outlives its session (expiresAt, against ctx.now()).
 */
function sessionCache(ctx: AppContext) {
  const entries = new Map<string, { principal: Principal; until: number }>();
  let generation = 0;
  return {
    async principal(token: string): Promise<Principal | undefined> {
      const now = ctx.now();
      const hit = entries.get(token);
      if (hit && now.getTime() < hit.until) return hit.principal;
      if (hit) entries.delete(token);
      const started = generation;
      const session = await loadSession(ctx.db, token, now);
      if (!session) return undefined;
      if (started === generation) {
        if (entries.size >= maxCachedSessions) entries.clear();
        entries.set(token, {
          principal: session.principal,
          until: Math.min(now.getTime() + principalTtlMs, session.expiresAt.getTime()),
        });
      }
      return session.principal;
    },
    clear() {
      entries.clear();
      generation++;
    },
  };
}
