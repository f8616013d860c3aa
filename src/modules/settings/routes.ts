import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, listQuery, paged } from "../../http/schemas.ts";
import { changeSetting } from "./change-setting.ts";
import { listSettings } from "./list-settings.ts";
import { settingHistory } from "./setting-history.ts";

const tags = ["参数设置"];
const value = z.union([z.number(), z.string()]);
const settingView = z.object({
  key: z.string(),
  label: z.string(),
  ruleId: z.string(),
  type: z.string(),
  unit: z.string(),
  description: z.string(),
  value,
  defaultValue: value,
  min: z.number().nullable(),
  max: z.number().nullable(),
  source: z.enum(["default", "inherited", "own"]),
  sourceAgencyId: z.string().nullable(),
  sourceAgencyName: z.string().nullable(),
});
const changeView = z.object({
  id: z.number(),
  agencyId: z.string(),
  key: z.string(),
  value: value.nullable(),
  reason: z.string(),
  changedAt: z.date(),
});
const params = z.strictObject({ id: z.uuid(), key: z.string().max(100) });

export const settingsRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/agencies/:id/settings",
    {
      config: { auth: "settings.read" },
      schema: {
        tags,
        summary: "机构适用的全部参数（含继承来源）",
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: z.array(settingView), ...commonErrors },
      },
    },
    async (request) => listSettings(ctx, principalOf(request), request.params.id),
  );

  app.put(
    "/agencies/:id/settings/:key",
    {
      config: { auth: "settings.manage" },
      schema: {
        tags,
        summary: "设置本机构参数值（记录修改人、时间与理由）",
        params,
        body: z.strictObject({ value, reason: z.string().trim().min(1, "请填写修改理由").max(500) }),
        response: { 200: changeView, ...commonErrors },
      },
    },
    async (request) =>
      changeSetting(ctx, principalOf(request), request.params.id, request.params.key, request.body),
  );

  app.delete(
    "/agencies/:id/settings/:key",
    {
      config: { auth: "settings.manage" },
      schema: {
        tags,
        summary: "取消本机构设置，恢复继承上级或默认值",
        params,
        querystring: z.strictObject({ reason: z.string().trim().min(1, "请填写理由").max(500) }),
        response: { 200: changeView, ...commonErrors },
      },
    },
    async (request) =>
      changeSetting(ctx, principalOf(request), request.params.id, request.params.key, {
        value: null,
        reason: request.query.reason,
      }),
  );

  app.get(
    "/agencies/:id/settings/history",
    {
      config: { auth: "settings.read" },
      schema: {
        tags,
        summary: "参数修改记录",
        params: z.strictObject({ id: z.uuid() }),
        querystring: z.strictObject({ ...listQuery, key: z.string().max(100).optional() }),
        response: {
          200: paged(
            z.object({
              id: z.number(),
              key: z.string(),
              value: value.nullable(),
              reason: z.string(),
              changedBy: z.string(),
              changedByName: z.string().nullable(),
              changedAt: z.date(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => settingHistory(ctx, principalOf(request), request.params.id, request.query),
  );
};
