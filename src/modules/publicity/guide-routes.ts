import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { sendExcel } from "../../http/download.ts";
import { publicRateLimit } from "../../http/public-rate-limit.ts";
import { commonErrors, errorBody, isoDate, listQuery, paged } from "../../http/schemas.ts";
import {
  exportInspectionResults,
  inspectionOutcomeCodes,
  listInspectionResults,
  listInspectionResultsForStaff,
  saveInspectionResult,
  saveInspectionResultInput,
  withdrawInspectionResult,
  withdrawInspectionResultInput,
} from "./inspection-results.ts";
import {
  getServiceGuide,
  listServiceGuides,
  listServiceGuidesForStaff,
  saveServiceGuide,
  saveServiceGuideInput,
  serviceGuideCategoryCodes,
} from "./service-guides.ts";

const tags = ["公开：执法信息公示"];
const staffTags = ["行政执法公示"];

// Strict response schemas (C13): only these fields leave the server on the public site.
const guideFields = {
  itemId: z.string(),
  version: z.number().int(),
  agencyId: z.string(),
  agencyName: z.string(),
  title: z.string(),
  category: z.string(),
  categoryName: z.string(),
  scope: z.string(),
  basis: z.string(),
  materials: z.array(z.string()),
  steps: z.array(z.string()),
  timeLimit: z.string(),
  fee: z.string(),
  place: z.string(),
  phone: z.string(),
  hours: z.string(),
  recordedAt: z.date(),
};
const guideView = z.strictObject(guideFields);
const staffGuideView = z.strictObject({ ...guideFields, removed: z.boolean() });

/** G6: only the masked party and texts; an individual's ID number and phone never appear. */
const resultFields = {
  resultId: z.string(),
  version: z.number().int(),
  agencyId: z.string(),
  agencyName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  partyDisplay: z.string(),
  creditCode: z.string(),
  inspectedOn: z.string(),
  inspectors: z.string(),
  result: z.string(),
  resultName: z.string(),
  handling: z.string(),
  caseNumber: z.string(),
  publishDueOn: z.string().nullable(),
  publishedAt: z.date(),
  late: z.boolean(),
  withdrawn: z.boolean(),
  withdrawalReason: z.string().nullable(),
  recordedAt: z.date(),
};
const resultView = z.strictObject(resultFields);
const staffResultView = z.strictObject({
  ...resultFields,
  withdrawalReason: z.string(),
  partyType: z.string(),
  partyName: z.string(),
  partyIdNumber: z.string(),
  partyPhone: z.string(),
  publicInspectors: z.string(),
  publicHandling: z.string(),
  removalReason: z.string(),
  ruleId: z.string(),
});

const guideQuery = {
  ...listQuery,
  agencyId: z.uuid().optional(),
  category: z.enum(serviceGuideCategoryCodes).optional(),
};
const resultQuery = {
  ...listQuery,
  agencyId: z.uuid().optional(),
  itemId: z.uuid().optional(),
  result: z.enum(inspectionOutcomeCodes).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};

/** Service guides (服务指南, G1) and random-inspection results (抽查结果公示, C13). */
export const guideRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const limits = publicRateLimit();
  const publicRoute = { auth: "public", rateLimit: limits.read } as const;
  const errors = { 429: errorBody, ...commonErrors };

  app.get(
    "/public/service-guides",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "服务指南（投诉举报、救济途径、审批服务等）：检索、分类、分页",
        security: [],
        querystring: z.strictObject(guideQuery),
        response: { 200: paged(guideView), ...errors },
      },
    },
    async (request) => listServiceGuides(ctx, request.query),
  );

  app.get(
    "/public/service-guides/:itemId",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "服务指南详情（最新版本）",
        security: [],
        params: z.strictObject({ itemId: z.uuid() }),
        response: { 200: guideView, ...errors },
      },
    },
    async (request) => getServiceGuide(ctx, request.params.itemId),
  );

  app.get(
    "/public/inspection-results",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "随机抽查结果公示（个人信息已隐去，G6；撤回的显示撤回原因）",
        security: [],
        querystring: z.strictObject(resultQuery),
        response: { 200: paged(resultView), ...errors },
      },
    },
    async (request) => listInspectionResults(ctx, request.query),
  );

  app.get(
    "/service-guides",
    {
      config: { auth: "publicity.manage" },
      schema: {
        tags: staffTags,
        summary: "本机关（及下属机构）的服务指南，含已移除的",
        querystring: z.strictObject(guideQuery),
        response: { 200: paged(staffGuideView), ...commonErrors },
      },
    },
    async (request) => listServiceGuidesForStaff(ctx, principalOf(request), request.query),
  );

  app.post(
    "/service-guides",
    {
      config: { auth: "publicity.manage" },
      schema: {
        tags: staffTags,
        summary: "新增、修改或移除服务指南（每次变更为新版本，留存历史，G1）",
        body: saveServiceGuideInput,
        response: {
          201: z.object({ itemId: z.string(), version: z.number(), removed: z.boolean() }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const r = await saveServiceGuide(ctx, principalOf(request), request.body);
      return reply.status(201).send({ itemId: r.itemId, version: r.version, removed: r.removed });
    },
  );

  app.get(
    "/inspection-results",
    {
      config: { auth: "case.read" },
      schema: {
        tags: staffTags,
        summary: "抽查结果（含当事人原始信息，仅限本机关及下级）",
        querystring: z.strictObject(resultQuery),
        response: { 200: paged(staffResultView), ...commonErrors },
      },
    },
    async (request) => listInspectionResultsForStaff(ctx, principalOf(request), request.query),
  );

  app.get(
    "/inspection-results/export",
    {
      config: { auth: "case.read" },
      schema: {
        tags: staffTags,
        summary: "导出抽查结果（Excel）",
        querystring: z.strictObject(resultQuery),
        response: { 200: z.any().describe("Excel 文件"), ...commonErrors },
      },
    },
    async (request, reply) =>
      sendExcel(
        reply,
        "抽查结果.xlsx",
        await exportInspectionResults(ctx, principalOf(request), request.query),
      ),
  );

  const saved = z.object({
    resultId: z.string(),
    version: z.number(),
    withdrawn: z.boolean(),
    publishDueOn: z.string().nullable(),
    late: z.boolean(),
    ruleId: z.string(),
  });

  app.post(
    "/inspection-results",
    {
      config: { auth: "publicity.manage" },
      schema: {
        tags: staffTags,
        summary: "公示或更正随机抽查结果（更正为新版本；服务器隐去个人信息，G6；G3 计算应公示日期）",
        body: saveInspectionResultInput,
        response: { 201: saved, ...commonErrors, 422: errorBody },
      },
    },
    async (request, reply) => {
      const r = await saveInspectionResult(ctx, principalOf(request), request.body);
      return reply.status(201).send({
        resultId: r.resultId,
        version: r.version,
        withdrawn: r.removed,
        publishDueOn: r.publishDueOn,
        late: r.late,
        ruleId: r.ruleId,
      });
    },
  );

  app.post(
    "/inspection-results/:resultId/withdrawal",
    {
      config: { auth: "publicity.manage" },
      schema: {
        tags: staffTags,
        summary: "撤回公示的抽查结果（新版本，撤回原因向社会公开）",
        params: z.strictObject({ resultId: z.uuid() }),
        body: withdrawInspectionResultInput,
        response: { 201: saved, ...commonErrors },
      },
    },
    async (request, reply) => {
      const r = await withdrawInspectionResult(
        ctx,
        principalOf(request),
        request.params.resultId,
        request.body,
      );
      return reply.status(201).send({
        resultId: r.resultId,
        version: r.version,
        withdrawn: r.removed,
        publishDueOn: r.publishDueOn,
        late: false,
        ruleId: "G3",
      });
    },
  );
};
