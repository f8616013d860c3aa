import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf, sessionCookie } from "../../http/auth.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { resetPassword, unlockUser } from "./administer-account.ts";
import { changePassword } from "./change-password.ts";
import { createUser } from "./create-user.ts";
import { describeMe } from "./describe-me.ts";
import { findUserFor, toUserView } from "./find-user.ts";
import { listSecurityEvents } from "./list-security-events.ts";
import { listUsers, userSortColumns } from "./list-users.ts";
import { logIn } from "./log-in.ts";
import { logOut } from "./log-out.ts";
import { grantRole, revokeRole } from "./manage-roles.ts";
import { roleCodes, roles } from "./roles.ts";
import { updateUser } from "./update-user.ts";
import { createUserInput, membershipInput, updateUserInput, userView } from "./user.ts";

const tags = ["账号与权限"];

export const identityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    "/auth/login",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "用户名密码登录",
        security: [],
        body: z.strictObject({
          username: z.string().trim().min(1).max(100),
          password: z.string().min(1).max(200),
        }),
        response: {
          200: z.object({
            user: z.object({ id: z.string(), username: z.string(), displayName: z.string() }),
            expiresAt: z.date(),
            token: z.string(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const result = await logIn(ctx, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers["user-agent"],
        requestId: request.id,
      });
      reply.setCookie(sessionCookie, result.token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https" || process.env.GUIFAN_COOKIE_SECURE === "1",
        expires: result.expiresAt,
      });
      return result;
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { auth: "session" },
      schema: { tags, summary: "退出登录", response: { 204: z.null(), ...commonErrors } },
    },
    async (request, reply) => {
      await logOut(ctx, request.sessionToken!, {
        username: request.principal?.username,
        ip: request.ip,
        requestId: request.id,
      });
      reply.clearCookie(sessionCookie, { path: "/" });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/auth/me",
    {
      config: { auth: "session" },
      schema: {
        tags,
        summary: "当前用户、所属机构与角色、各机构可用权限",
        response: {
          200: z.object({
            user: z.object({
              id: z.string(),
              username: z.string(),
              displayName: z.string(),
              phone: z.string(),
            }),
            memberships: z.array(
              z.object({
                agencyId: z.string(),
                agencyName: z.string(),
                agencyKind: z.string(),
                roles: z.array(z.string()),
              }),
            ),
            permissions: z.record(z.string(), z.array(z.string())),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => describeMe(ctx, principalOf(request)),
  );

  app.post(
    "/auth/password",
    {
      config: { auth: "session" },
      schema: {
        tags,
        summary: "修改本人密码",
        body: z.strictObject({
          oldPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await changePassword(ctx, principalOf(request), {
        ...request.body,
        currentToken: request.sessionToken,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/roles",
    {
      config: { auth: "session" },
      schema: {
        tags,
        summary: "角色及其权限",
        response: {
          200: z.array(z.object({ code: z.string(), name: z.string(), permissions: z.array(z.string()) })),
          ...commonErrors,
        },
      },
    },
    async () =>
      roleCodes.map((code) => ({ code, name: roles[code].name, permissions: [...roles[code].permissions] })),
  );

  app.get(
    "/users",
    {
      config: { auth: "user.read" },
      schema: {
        tags,
        summary: "人员列表（本机关及下级机关）",
        querystring: z.strictObject({
          ...listQuery,
          sort: z.enum(Object.keys(userSortColumns) as [keyof typeof userSortColumns]).optional(),
          agencyId: z.uuid().optional(),
          role: z.enum(roleCodes).optional(),
        }),
        response: { 200: paged(userView), ...commonErrors },
      },
    },
    async (request) => listUsers(ctx, principalOf(request), request.query),
  );

  app.get(
    "/users/:id",
    {
      config: { auth: "user.read" },
      schema: { tags, summary: "人员详情", params: idParam, response: { 200: userView, ...commonErrors } },
    },
    async (request) => {
      const { user, memberships } = await findUserFor(
        ctx.db,
        principalOf(request),
        request.params.id,
        "user.read",
      );
      return toUserView(user, memberships);
    },
  );

  app.post(
    "/users",
    {
      config: { auth: "user.manage" },
      schema: {
        tags,
        summary: "新建账号",
        body: createUserInput,
        response: { 201: userView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(ctx, principalOf(request), request.body)),
  );

  app.patch(
    "/users/:id",
    {
      config: { auth: "user.manage" },
      schema: {
        tags,
        summary: "修改账号（姓名、电话、启用/停用）",
        params: idParam,
        body: updateUserInput,
        response: { 200: userView, ...commonErrors },
      },
    },
    async (request) => updateUser(ctx, principalOf(request), request.params.id, request.body),
  );

  app.post(
    "/users/:id/roles",
    {
      config: { auth: "user.manage" },
      schema: {
        tags,
        summary: "授予角色",
        params: idParam,
        body: membershipInput,
        response: { 200: userView, ...commonErrors },
      },
    },
    async (request) => grantRole(ctx, principalOf(request), request.params.id, request.body),
  );

  app.delete(
    "/users/:id/roles/:agencyId/:role",
    {
      config: { auth: "user.manage" },
      schema: {
        tags,
        summary: "撤销角色",
        params: z.strictObject({ id: z.uuid(), agencyId: z.uuid(), role: z.enum(roleCodes) }),
        response: { 200: userView, ...commonErrors },
      },
    },
    async (request) => revokeRole(ctx, principalOf(request), request.params.id, request.params),
  );

  app.post(
    "/users/:id/unlock",
    {
      config: { auth: "user.manage" },
      schema: {
        tags,
        summary: "解除登录锁定",
        params: idParam,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await unlockUser(ctx, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/users/:id/password",
    {
      config: { auth: "user.manage" },
      schema: {
        tags,
        summary: "管理员重置密码",
        params: idParam,
        body: z.strictObject({ password: z.string().min(1).max(200) }),
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await resetPassword(ctx, principalOf(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/security-events",
    {
      config: { auth: "audit.read" },
      schema: {
        tags,
        summary: "安全日志：登录、锁定、越权访问",
        querystring: z.strictObject(listQuery),
        response: {
          200: paged(
            z.object({
              id: z.number(),
              at: z.date(),
              kind: z.string(),
              username: z.string(),
              ip: z.string(),
              detail: z.string(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listSecurityEvents(ctx, principalOf(request), request.query),
  );
};
