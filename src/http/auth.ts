import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AppContext } from "../context.ts";
import { AppError } from "../core/errors.ts";
import { loadPrincipal } from "../modules/identity/load-principal.ts";
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
  app.addHook("onRequest", async (request) => {
    const auth = request.routeOptions.config?.auth;
    if (!auth || auth === "public") return;
    const token = tokenOf(request);
    if (!token) throw new AppError("UNAUTHENTICATED");
    const principal = await loadPrincipal(opts.ctx.db, token, opts.ctx.now());
    if (!principal) throw new AppError("SESSION_EXPIRED");
    request.principal = principal;
    request.sessionToken = token;
    if (auth !== "session" && !holdsAnywhere(principal, auth)) throw new AppError("FORBIDDEN");
  });
});
