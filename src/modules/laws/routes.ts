import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { addArticleVersion } from "./add-article-version.ts";
import { getLaw } from "./get-law.ts";
import { importLaws, parseLawImportFile } from "./import-laws.ts";
import { articleInput, articleView, createLawInput, lawLevelCodes, lawView, updateLawInput } from "./law.ts";
import { lawSortColumns, listLaws, searchArticles } from "./list-laws.ts";
import { createLaw, updateLaw } from "./save-law.ts";

const tags = ["法律法规"];
const boolQuery = z.enum(["true", "false"]).transform((v) => v === "true");
const lawDetail = lawView.extend({
  articles: z.array(articleView.extend({ earlier: z.array(articleView) })),
});
const importResult = z.object({
  laws: z.number(),
  lawsCreated: z.number(),
  articlesCreated: z.number(),
  articleVersions: z.number(),
  unchanged: z.number(),
  flagged: z.number(),
});

export const lawRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/laws",
    {
      config: { auth: "law.read" },
      schema: {
        tags,
        summary: "法律法规列表",
        querystring: z.strictObject({
          ...listQuery,
          sort: z.enum(Object.keys(lawSortColumns) as [keyof typeof lawSortColumns]).optional(),
          level: z.enum(lawLevelCodes).optional(),
          inForce: boolQuery.optional(),
        }),
        response: { 200: paged(lawView), ...commonErrors },
      },
    },
    async (request) => listLaws(ctx, request.query),
  );

  app.get(
    "/law-articles",
    {
      config: { auth: "law.read" },
      schema: {
        tags,
        summary: "检索法律条款（供引用）",
        querystring: z.strictObject({
          ...listQuery,
          lawId: z.uuid().optional(),
          allVersions: boolQuery.optional(),
        }),
        response: {
          200: paged(articleView.extend({ lawTitle: z.string(), current: z.boolean() })),
          ...commonErrors,
        },
      },
    },
    async (request) => searchArticles(ctx, request.query),
  );

  app.get(
    "/laws/:id",
    {
      config: { auth: "law.read" },
      schema: {
        tags,
        summary: "法律法规详情（含条款及历史版本）",
        params: idParam,
        response: { 200: lawDetail, ...commonErrors },
      },
    },
    async (request) => getLaw(ctx, request.params.id),
  );

  app.post(
    "/laws",
    {
      config: { auth: "law.manage" },
      schema: {
        tags,
        summary: "新增法律法规",
        body: createLawInput,
        response: { 201: lawView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createLaw(ctx, principalOf(request), request.body)),
  );

  app.patch(
    "/laws/:id",
    {
      config: { auth: "law.manage" },
      schema: {
        tags,
        summary: "修改法律法规信息（需提供当前版本号）",
        params: idParam,
        body: updateLawInput,
        response: { 200: lawView, ...commonErrors },
      },
    },
    async (request) => updateLaw(ctx, principalOf(request), request.params.id, request.body),
  );

  app.post(
    "/laws/:id/articles",
    {
      config: { auth: "law.manage" },
      schema: {
        tags,
        summary: "新增条款或条款新版本（引用该条款的权责事项和裁量基准将标记为需复核）",
        params: idParam,
        body: articleInput,
        response: {
          201: z.object({ article: articleView, created: z.boolean(), flagged: z.number() }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await addArticleVersion(ctx, principalOf(request), request.params.id, request.body)),
  );

  app.post(
    "/laws/import",
    {
      config: { auth: "law.manage" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "从结构化 JSON 文件导入法律法规 { laws: [{ title, level, …, articles: [{ number, text }] }] }",
        body: z.unknown(),
        response: { 200: importResult, ...commonErrors },
      },
    },
    async (request) => importLaws(ctx, principalOf(request), parseLawImportFile(request.body)),
  );
};
