import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { contentDisposition } from "../../http/download.ts";
import { commonErrors, errorBody, idParam } from "../../http/schemas.ts";
import { documentKindCodes } from "./document-kinds.ts";
import { listCaseDocuments } from "./list-case-documents.ts";
import { renderCaseDocument } from "./render-case-document.ts";
import { renderDossier } from "./render-dossier.ts";

const tags = ["文书与卷宗"];
const pdfBody = z.any().describe("PDF 文件");

const documentItem = z.object({
  kind: z.string(),
  title: z.string(),
  number: z.string(),
  seq: z.number().int(),
  onDate: z.string(),
  toParty: z.boolean(),
  downloadable: z.boolean(),
  reason: z.string().nullable(),
  missing: z.array(z.string()),
});

export const documentRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/cases/:id/documents",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "案件文书列表（由办案环节生成；不能出具的注明原因，如处罚决定书缺少法定内容 X1）",
        params: idParam,
        response: { 200: z.array(documentItem), ...commonErrors },
      },
    },
    async (request) => listCaseDocuments(ctx, principalOf(request), request.params.id),
  );

  app.get(
    "/cases/:id/documents/:kind/:seq",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "文书 PDF（嵌入中文字体，含机关名称、文号、说理和印章；每次下载均记入全过程记录）",
        params: z.strictObject({
          id: z.uuid(),
          kind: z.enum(documentKindCodes),
          seq: z.coerce.number().int().min(1).max(1_000_000),
        }),
        produces: ["application/pdf"],
        response: { 200: pdfBody, 422: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { id, kind, seq } = request.params;
      const out = await renderCaseDocument(ctx, principalOf(request), { caseId: id, kind, seq });
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(out.fileName, "inline"))
        .send(out.pdf);
    },
  );

  app.get(
    "/cases/:id/dossier",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "电子卷宗 PDF（封面、卷内目录及页码、按标准顺序排列的全部文书和证据清单；记入全过程记录）",
        params: idParam,
        produces: ["application/pdf"],
        response: { 200: pdfBody, 422: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      const out = await renderDossier(ctx, principalOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(out.fileName, "inline"))
        .send(out.pdf);
    },
  );
};
