import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { publicRateLimit } from "../../http/public-rate-limit.ts";
import { commonErrors, errorBody, listQuery, paged } from "../../http/schemas.ts";
import { procedureCodes } from "../cases/case.ts";
import { powerKindCodes } from "../powers/power.ts";
import { listPublicAgencies } from "./public-info-agencies.ts";
import { listPublicBenchmarks } from "./public-info-benchmarks.ts";
import {
  listInspectionItems,
  saveInspectionItem,
  saveInspectionItemInput,
} from "./public-info-inspection.ts";
import { listPublicOfficers } from "./public-info-officers.ts";
import { listPublicPowers } from "./public-info-powers.ts";
import { publicProcedure } from "./public-info-procedures.ts";
import { publicStatistics } from "./public-info-statistics.ts";

const tags = ["公开：执法信息公示"];

// Strict response schemas (C13): only these fields leave the server on the public site.
const agencyView = z.strictObject({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  depth: z.number().int(),
  creditCode: z.string().nullable(),
  address: z.string(),
  phone: z.string(),
  areas: z.array(z.string()),
  fields: z.array(z.string()),
});

const officerView = z.strictObject({
  name: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  certificateNumber: z.string(),
  fields: z.array(z.string()),
  expiresOn: z.string(),
});

const powerView = z.strictObject({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string(),
  field: z.string(),
  basisText: z.string(),
  transferredFrom: z.string(),
  status: z.string(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
});

const benchmarkView = z.strictObject({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  code: z.string(),
  violationName: z.string(),
  powerItemCode: z.string().nullable(),
  powerItemName: z.string().nullable(),
  quantityName: z.string().nullable(),
  quantityUnit: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  tiers: z.array(
    z.strictObject({
      level: z.string(),
      levelName: z.string(),
      conditions: z.string(),
      harm: z.array(z.string()),
      penalties: z.array(z.string()),
      ranges: z.array(
        z.strictObject({
          partyType: z.string(),
          above: z.number().nullable(),
          upTo: z.number().nullable(),
          minFen: z.number().int(),
          maxFen: z.number().int(),
        }),
      ),
    }),
  ),
});

const procedureView = z.strictObject({
  procedure: z.string(),
  name: z.string(),
  nodes: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  edges: z.array(
    z.strictObject({
      from: z.string(),
      to: z.string(),
      event: z.string(),
      label: z.string(),
      roles: z.array(z.string()),
      guards: z.array(z.string()),
      opens: z.array(z.string()),
      closes: z.array(z.string()),
      documents: z.array(z.string()),
    }),
  ),
});

const inspectionView = z.strictObject({
  itemId: z.string(),
  version: z.number().int(),
  agencyId: z.string(),
  agencyName: z.string(),
  name: z.string(),
  field: z.string(),
  subject: z.string(),
  method: z.string(),
  frequency: z.string(),
  basis: z.string(),
  recordedAt: z.date(),
});

const statisticsView = z.strictObject({
  year: z.number().int(),
  filed: z.number().int(),
  decided: z.number().int(),
  penalties: z.number().int(),
  fineFen: z.number().int(),
  published: z.number().int(),
  byMonth: z.array(
    z.strictObject({
      month: z.number().int(),
      filed: z.number().int(),
      decided: z.number().int(),
      penalties: z.number().int(),
      fineFen: z.number().int(),
    }),
  ),
  publishedByField: z.array(z.strictObject({ field: z.string(), count: z.number().int() })),
});

const agencyFilter = { agencyId: z.uuid().optional() };

export const publicInfoRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const limits = publicRateLimit();
  const publicRoute = { auth: "public", rateLimit: limits.read } as const;
  const errors = { 429: errorBody, ...commonErrors };

  app.get(
    "/public/agencies",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "执法主体：名称、类别、地址、电话、管辖区域与执法领域",
        security: [],
        response: { 200: z.array(agencyView), ...errors },
      },
    },
    async () => listPublicAgencies(ctx),
  );

  app.get(
    "/public/officers",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "持有效执法证的执法人员：姓名、所在机关、执法证号、执法领域（不含身份证号、电话）",
        security: [],
        querystring: z.strictObject({ ...listQuery, ...agencyFilter }),
        response: { 200: paged(officerView), ...errors },
      },
    },
    async (request) => listPublicOfficers(ctx, request.query),
  );

  app.get(
    "/public/powers",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "权责清单（已公布的事项）",
        security: [],
        querystring: z.strictObject({
          ...listQuery,
          ...agencyFilter,
          field: z.string().trim().max(50).optional(),
          kind: z.enum(powerKindCodes).optional(),
        }),
        response: { 200: paged(powerView), ...errors },
      },
    },
    async (request) => listPublicPowers(ctx, request.query),
  );

  app.get(
    "/public/benchmarks",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "行政处罚裁量基准（已公布）",
        security: [],
        querystring: z.strictObject({ ...listQuery, ...agencyFilter }),
        response: { 200: paged(benchmarkView), ...errors },
      },
    },
    async (request) => listPublicBenchmarks(ctx, request.query),
  );

  app.get(
    "/public/procedures/:procedure",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "执法流程：办案程序流转表（状态为节点、环节为连线，附规则编号、期限与文书）",
        security: [],
        params: z.strictObject({ procedure: z.enum(procedureCodes) }),
        response: { 200: procedureView, ...errors },
      },
    },
    async (request) => publicProcedure(request.params.procedure),
  );

  app.get(
    "/public/inspection-items",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "随机抽查事项清单",
        security: [],
        querystring: z.strictObject({ ...listQuery, ...agencyFilter }),
        response: { 200: paged(inspectionView), ...errors },
      },
    },
    async (request) => listInspectionItems(ctx, request.query),
  );

  app.get(
    "/public/statistics",
    {
      config: publicRoute,
      schema: {
        tags,
        summary: "年度统计：立案、决定、罚款金额（分）、按领域的公示决定数",
        security: [],
        querystring: z.strictObject({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          ...agencyFilter,
        }),
        response: { 200: statisticsView, ...errors },
      },
    },
    async (request) =>
      publicStatistics(ctx, {
        year: request.query.year ?? ctx.now().getUTCFullYear(),
        agencyId: request.query.agencyId,
      }),
  );

  app.post(
    "/inspection-items",
    {
      config: { auth: "power.manage" },
      schema: {
        tags: ["行政执法公示"],
        summary: "新增、修改或移除随机抽查事项（每次变更为新版本，留存历史）",
        body: saveInspectionItemInput,
        response: {
          201: z.object({ itemId: z.string(), version: z.number(), removed: z.boolean() }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const r = await saveInspectionItem(ctx, principalOf(request), request.body);
      return reply.status(201).send({ itemId: r.itemId, version: r.version, removed: r.removed });
    },
  );
};
