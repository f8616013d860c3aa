import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { sendExcel } from "../../http/download.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import {
  articleRef,
  excelImportBody,
  excelImportResult,
  reviewFlagView,
  versionView,
} from "../powers/routes.ts";
import { assessBenchmarkCase } from "./assess-benchmark.ts";
import { assessSeveralBenchmarks } from "./assess-several.ts";
import {
  assessInput,
  assessSeveralInput,
  createBenchmarkInput,
  harmLevels,
  lighterCircumstances,
  noPenaltyCases,
  partyTypes,
  penaltyKinds,
  tierLevels,
  updateBenchmarkInput,
} from "./benchmark.ts";
import { exportBenchmarks, importBenchmarks } from "./benchmark-excel.ts";
import { getBenchmark } from "./get-benchmark.ts";
import { listBenchmarks } from "./list-benchmarks.ts";
import { createBenchmark, updateBenchmark } from "./save-benchmark.ts";

const tags = ["裁量基准"];
const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");

const rangeView = z.object({
  partyType: z.string(),
  above: z.number().nullable(),
  upTo: z.number().nullable(),
  minFen: z.number(),
  maxFen: z.number(),
});
const tierView = z.object({
  level: z.string(),
  conditions: z.string(),
  harm: z.array(z.string()),
  penalties: z.array(z.string()),
  ranges: z.array(rangeView),
});
const benchmarkView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  code: z.string(),
  violationName: z.string(),
  powerItemId: z.string().nullable(),
  powerItemCode: z.string().nullable(),
  powerItemName: z.string().nullable(),
  violationId: z.string().nullable(),
  violationCode: z.string().nullable(),
  violatedArticleIds: z.array(z.string()),
  penaltyArticleIds: z.array(z.string()),
  quantityName: z.string().nullable(),
  quantityUnit: z.string().nullable(),
  tiers: z.array(tierView),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  published: z.boolean(),
  openFlags: z.number(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const benchmarkDetail = benchmarkView.extend({
  violatedArticles: z.array(articleRef),
  penaltyArticles: z.array(articleRef),
  versions: z.array(versionView),
  flags: z.array(reviewFlagView),
});
const assessmentView = z.object({
  benchmarkId: z.string().nullable(),
  benchmarkVersion: z.number().nullable(),
  partyType: z.string(),
  baseTier: z.string(),
  tier: z.string(),
  tierLabel: z.string(),
  range: z.object({ minFen: z.number(), maxFen: z.number() }).nullable(),
  penalties: z.array(z.string()),
  exemptions: z.array(
    z.object({
      code: z.string(),
      rule: z.string(),
      mandatory: z.boolean(),
      label: z.string(),
      basis: z.string(),
    }),
  ),
  rules: z.array(z.string()),
  explanation: z.array(z.string()),
});
const filterQuery = {
  agencyId: z.uuid().optional(),
  powerItemId: z.uuid().optional(),
  violationId: z.uuid().optional(),
  published: boolQuery.optional(),
};

export const benchmarkRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/benchmarks/vocabulary",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "裁量基准的档次、危害程度、处罚种类及 P11/P12 情形（数据表）",
        response: { 200: z.record(z.string(), z.unknown()), ...commonErrors },
      },
    },
    async () => ({ tierLevels, harmLevels, penaltyKinds, partyTypes, lighterCircumstances, noPenaltyCases }),
  );

  app.get(
    "/benchmarks",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "裁量基准列表（本机关、下级机关及上级机关的基准）",
        querystring: z.strictObject({ ...listQuery, ...filterQuery }),
        response: { 200: paged(benchmarkView), ...commonErrors },
      },
    },
    async (request) => listBenchmarks(ctx, principalOf(request), request.query),
  );

  app.get(
    "/benchmarks/export",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "导出裁量基准（Excel）",
        querystring: z.strictObject({ q: listQuery.q, ...filterQuery }),
        response: { 200: z.any().describe("Excel 文件（.xlsx）"), ...commonErrors },
      },
    },
    async (request, reply) => {
      const file = await exportBenchmarks(ctx, principalOf(request), request.query);
      return sendExcel(reply, "裁量基准.xlsx", file);
    },
  );

  app.post(
    "/benchmarks/import",
    {
      config: { auth: "power.manage" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: "导入裁量基准（Excel，任一行有错则全部不导入）",
        body: excelImportBody,
        response: { 200: excelImportResult, ...commonErrors },
      },
    },
    async (request) => importBenchmarks(ctx, principalOf(request), request.body),
  );

  app.get(
    "/benchmarks/:id",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "裁量基准详情",
        params: idParam,
        response: { 200: benchmarkDetail, ...commonErrors },
      },
    },
    async (request) => getBenchmark(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/benchmarks/assess",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "裁量计算（一个违法行为违反多个规定）：逐一计算，按罚款数额高的规定处罚（P13）",
        body: assessSeveralInput,
        response: {
          200: z.object({
            assessments: z.array(assessmentView),
            applied: z.number().nullable(),
            range: z.object({ minFen: z.number(), maxFen: z.number() }).nullable(),
            rules: z.array(z.string()),
            explanation: z.array(z.string()),
          }),
          422: errorBody,
          ...commonErrors,
        },
      },
    },
    async (request) => assessSeveralBenchmarks(ctx, principalOf(request), request.body),
  );

  app.post(
    "/benchmarks/:id/assess",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary: "裁量计算：根据当事人类型和事实给出档次、罚款幅度、适用的不予处罚/从轻减轻情形及说明",
        params: idParam,
        body: assessInput,
        response: { 200: assessmentView, 422: errorBody, ...commonErrors },
      },
    },
    async (request) => assessBenchmarkCase(ctx, principalOf(request), request.params.id, request.body),
  );

  app.post(
    "/benchmarks",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "新增裁量基准",
        body: createBenchmarkInput,
        response: { 201: benchmarkView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createBenchmark(ctx, principalOf(request), request.body)),
  );

  app.patch(
    "/benchmarks/:id",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "修改裁量基准（生成新版本，保留历史版本）",
        params: idParam,
        body: updateBenchmarkInput,
        response: { 200: benchmarkView, ...commonErrors },
      },
    },
    async (request) => updateBenchmark(ctx, principalOf(request), request.params.id, request.body),
  );
};
