import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { sendExcel } from "../../http/download.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { getPowerItem } from "./get-power-item.ts";
import { listPowerItems, powerSortColumns } from "./list-power-items.ts";
import {
  createPowerItemInput,
  powerFields,
  powerItemView,
  powerKindCodes,
  powerStatusCodes,
  updatePowerItemInput,
} from "./power.ts";
import { exportPowerItems, importPowerItems } from "./power-excel.ts";
import { clearReviewFlag, listReviewFlags } from "./review-flags.ts";
import { createPowerItem, updatePowerItem } from "./save-power-item.ts";

const tags = ["权责清单"];
const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

const powerFilterQuery = {
  agencyId: z.uuid().optional(),
  kind: z.enum(powerKindCodes).optional(),
  field: z.enum(powerFields).optional(),
  status: z.enum(powerStatusCodes).optional(),
  published: boolQuery.optional(),
};

export const excelImportBody = z.strictObject({
  agencyId: z.uuid(),
  /** The .xlsx file, base64-encoded. */
  fileBase64: z
    .string()
    .min(1)
    .max(12 * 1024 * 1024),
});
export const excelImportResult = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

/** One row of a version history (power items, violations, benchmarks). */
export const versionView = z.object({
  version: z.number(),
  snapshot: z.record(z.string(), z.unknown()),
  changedAt: z.date(),
  changedBy: z.string().nullable(),
});
export const articleRef = z.object({
  id: z.string(),
  lawId: z.string(),
  lawTitle: z.string(),
  number: z.string(),
  version: z.number(),
  text: z.string(),
});
export const reviewFlagView = z.object({
  id: z.string(),
  agencyId: z.string(),
  targetKind: z.string(),
  targetId: z.string(),
  targetLabel: z.string(),
  lawId: z.string(),
  articleId: z.string(),
  reason: z.string(),
  createdAt: z.date(),
  clearedAt: z.date().nullable(),
  clearedBy: z.string().nullable(),
  clearNote: z.string().nullable(),
});
const powerDetail = powerItemView.extend({
  basis: z.array(articleRef),
  versions: z.array(versionView),
  flags: z.array(reviewFlagView),
});

export const powerRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/powers",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "权责事项列表（本机关、下级机关及上级机关发布的事项）",
        querystring: z.strictObject({
          ...listQuery,
          ...powerFilterQuery,
          sort: z.enum(Object.keys(powerSortColumns) as [keyof typeof powerSortColumns]).optional(),
        }),
        response: { 200: paged(powerItemView), ...commonErrors },
      },
    },
    async (request) => listPowerItems(ctx, principalOf(request), request.query),
  );

  app.get(
    "/powers/export",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "导出权责清单（Excel）",
        querystring: z.strictObject({ q: listQuery.q, ...powerFilterQuery }),
        response: { 200: z.any().describe("Excel 文件（.xlsx）"), ...commonErrors },
      },
    },
    async (request, reply) => {
      const file = await exportPowerItems(ctx, principalOf(request), request.query);
      return sendExcel(reply, "权责清单.xlsx", file);
    },
  );

  app.post(
    "/powers/import",
    {
      config: { auth: "power.manage" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: "导入权责清单（Excel，任一行有错则全部不导入）",
        body: excelImportBody,
        response: { 200: excelImportResult, ...commonErrors },
      },
    },
    async (request) => importPowerItems(ctx, principalOf(request), request.body),
  );

  app.get(
    "/powers/needs-review",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "因法律条款变更需复核的权责事项和裁量基准",
        querystring: z.strictObject({
          ...listQuery,
          cleared: boolQuery.optional(),
          agencyId: z.uuid().optional(),
          targetKind: z.enum(["power_item", "benchmark", "violation"]).optional(),
        }),
        response: {
          200: paged(
            reviewFlagView.extend({
              agencyName: z.string(),
              lawTitle: z.string(),
              articleNumber: z.string(),
              articleVersion: z.number(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listReviewFlags(ctx, principalOf(request), request.query),
  );

  app.post(
    "/review-flags/:id/clear",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "完成复核（清除需复核标记）",
        params: idParam,
        body: z.strictObject({ note: z.string().trim().min(2).max(1000) }),
        response: { 200: reviewFlagView, ...commonErrors },
      },
    },
    async (request) => clearReviewFlag(ctx, principalOf(request), request.params.id, request.body.note),
  );

  app.get(
    "/powers/:id",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "权责事项详情（含法律依据、版本历史、复核标记）",
        params: idParam,
        response: { 200: powerDetail, ...commonErrors },
      },
    },
    async (request) => getPowerItem(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/powers",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "新增权责事项",
        body: createPowerItemInput,
        response: { 201: powerItemView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createPowerItem(ctx, principalOf(request), request.body)),
  );

  app.patch(
    "/powers/:id",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "修改权责事项（生成新版本，保留历史版本）",
        params: idParam,
        body: updatePowerItemInput,
        response: { 200: powerItemView, ...commonErrors },
      },
    },
    async (request) => updatePowerItem(ctx, principalOf(request), request.params.id, request.body),
  );
};
