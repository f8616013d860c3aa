import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { sendExcel } from "../../http/download.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { powerFields } from "../powers/power.ts";
import {
  articleRef,
  excelImportBody,
  excelImportResult,
  reviewFlagView,
  versionView,
} from "../powers/routes.ts";
import { getViolation } from "./get-violation.ts";
import { listViolations } from "./list-violations.ts";
import { createViolation, updateViolation } from "./save-violation.ts";
import { createViolationInput, updateViolationInput, violationView } from "./violation.ts";
import { exportViolations, importViolations } from "./violation-excel.ts";

const tags = ["违法行为"];
const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");
const filterQuery = {
  agencyId: z.uuid().optional(),
  powerItemId: z.uuid().optional(),
  field: z.enum(powerFields).optional(),
  published: boolQuery.optional(),
};
const violationDetail = violationView.extend({
  violatedArticles: z.array(articleRef),
  penaltyArticles: z.array(articleRef),
  versions: z.array(versionView),
  flags: z.array(reviewFlagView),
});

/** Violations (违法行为, C03): list, detail, create, change (new version), Excel export and import. */
export const violationRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/violations",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "违法行为列表（本机关、下级机关及上级机关）",
        querystring: z.strictObject({ ...listQuery, ...filterQuery }),
        response: { 200: paged(violationView), ...commonErrors },
      },
    },
    async (request) => listViolations(ctx, principalOf(request), request.query),
  );

  app.get(
    "/violations/export",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "导出违法行为（Excel）",
        querystring: z.strictObject({ q: listQuery.q, ...filterQuery }),
        response: { 200: z.any().describe("Excel 文件（.xlsx）"), ...commonErrors },
      },
    },
    async (request, reply) =>
      sendExcel(reply, "违法行为.xlsx", await exportViolations(ctx, principalOf(request), request.query)),
  );

  app.post(
    "/violations/import",
    {
      config: { auth: "power.manage" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: "导入违法行为（Excel，任一行有错则全部不导入）",
        body: excelImportBody,
        response: { 200: excelImportResult, ...commonErrors },
      },
    },
    async (request) => importViolations(ctx, principalOf(request), request.body),
  );

  app.get(
    "/violations/:id",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "违法行为详情（含违反条款、处罚依据、版本历史、复核标记）",
        params: idParam,
        response: { 200: violationDetail, ...commonErrors },
      },
    },
    async (request) => getViolation(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/violations",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "新增违法行为",
        body: createViolationInput,
        response: { 201: violationView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createViolation(ctx, principalOf(request), request.body)),
  );

  app.patch(
    "/violations/:id",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "修改违法行为（生成新版本，保留历史版本）",
        params: idParam,
        body: updateViolationInput,
        response: { 200: violationView, ...commonErrors },
      },
    },
    async (request) => updateViolation(ctx, principalOf(request), request.params.id, request.body),
  );
};
