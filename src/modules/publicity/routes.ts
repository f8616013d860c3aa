import ExcelJS from "exceljs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { contentDisposition, sendExcel } from "../../http/download.ts";
import { publicRateLimit } from "../../http/public-rate-limit.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import { lawDate } from "../officers/officer.ts";
import { atomFeed } from "./atom-feed.ts";
import { getPublicDecision } from "./get-public-decision.ts";
import { listNewestPublished } from "./list-newest-published.ts";
import { listUnpublished } from "./list-unpublished.ts";
import { publishDecision } from "./publish-decision.ts";
import { searchPublicDecisionsCached } from "./search-cache.ts";
import { type PublicDecisionQuery, searchPublicDecisions } from "./search-public-decisions.ts";
import { withdrawDecision, withdrawInput } from "./withdraw-decision.ts";

const publicTags = ["公开：行政执法决定"];
const staffTags = ["行政执法公示"];

/** The only fields of a published decision that leave the server (masked by the server, G6). */
const publicItem = z.strictObject({
  id: z.string(),
  agencyId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  agencyName: z.string(),
  partyDisplay: z.string(),
  creditCode: z.string(),
  field: z.string(),
  violation: z.string(),
  penalty: z.string(),
  decidedOn: z.string(),
  publishedAt: z.date(),
  withdrawnAt: z.date().nullable(),
  withdrawalReason: z.string().nullable(),
});

const publicDetail = publicItem.extend({
  body: z.string(),
  ledger: z
    .strictObject({
      agencyId: z.string(),
      seq: z.number().int(),
      at: z.string(),
      actorId: z.string().nullable(),
      caseId: z.string().nullable(),
      type: z.string(),
      treeSize: z.number().int(),
      proof: z.array(z.string()),
      checkpoint: z.strictObject({
        treeSize: z.number().int(),
        rootHash: z.string(),
        at: z.string(),
        keyId: z.string(),
        body: z.string(),
        signature: z.string(),
        publicKey: z.string(),
      }),
    })
    .nullable(),
});

const searchQuery = z.strictObject({
  ...listQuery,
  order: z.enum(["asc", "desc"]).default("desc"),
  field: z.string().max(50).optional(),
  agencyId: z.uuid().optional(),
  from: lawDate.optional(),
  to: lawDate.optional(),
});

const columns: [keyof z.infer<typeof publicItem>, string][] = [
  ["caseNumber", "决定书文号"],
  ["agencyName", "执法机关"],
  ["partyDisplay", "当事人"],
  ["creditCode", "统一社会信用代码"],
  ["field", "执法领域"],
  ["violation", "违法行为"],
  ["penalty", "处罚内容"],
  ["decidedOn", "决定日期"],
  ["withdrawalReason", "撤回原因"],
];
const cellOf = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? "" : String(v));
const csvCell = (v: unknown) => `"${cellOf(v).replaceAll('"', '""')}"`;
const exportRows = 5000;

export const publicityRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const limits = publicRateLimit();
  const all = (q: PublicDecisionQuery) => searchPublicDecisions(ctx, { ...q, page: 1, pageSize: exportRows });

  app.get(
    "/public/decisions",
    {
      config: { auth: "public", rateLimit: limits.read },
      schema: {
        tags: publicTags,
        summary: "已公示的行政执法决定（个人信息已隐去）：按关键词、领域、机关、日期检索，分页",
        security: [],
        querystring: searchQuery,
        response: { 200: paged(publicItem).extend({ capped: z.boolean() }), 429: errorBody, ...commonErrors },
      },
    },
    async (request) => searchPublicDecisionsCached(ctx, request.query),
  );

  app.get(
    "/public/decisions/export.csv",
    {
      config: { auth: "public", rateLimit: limits.post },
      schema: {
        tags: publicTags,
        summary: "已公示的决定（CSV，最多 5000 条）",
        security: [],
        querystring: searchQuery,
      },
    },
    async (request, reply) => {
      const { items } = await all(request.query);
      const lines = [
        columns.map(([, h]) => csvCell(h)).join(","),
        ...items.map((r) => columns.map(([k]) => csvCell(r[k])).join(",")),
      ];
      return reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", contentDisposition("行政执法决定公示.csv"))
        .send(`\ufeff${lines.join("\r\n")}\r\n`);
    },
  );

  app.get(
    "/public/decisions/export.xlsx",
    {
      config: { auth: "public", rateLimit: limits.post },
      schema: {
        tags: publicTags,
        summary: "已公示的决定（Excel，最多 5000 条）",
        security: [],
        querystring: searchQuery,
      },
    },
    async (request, reply) => {
      const { items } = await all(request.query);
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("行政执法决定公示");
      ws.addRow(columns.map(([, h]) => h));
      for (const r of items) ws.addRow(columns.map(([k]) => cellOf(r[k])));
      return sendExcel(reply, "行政执法决定公示.xlsx", Buffer.from(await wb.xlsx.writeBuffer()));
    },
  );

  app.get(
    "/public/decisions/feed.atom",
    {
      config: { auth: "public", rateLimit: limits.read },
      schema: { tags: publicTags, summary: "新公示决定的 Atom 订阅", security: [] },
    },
    async (request, reply) => {
      const items = await listNewestPublished(ctx, 50);
      const base = `${request.protocol}://${request.host}`;
      return reply.type("application/atom+xml; charset=utf-8").send(atomFeed(base, items, ctx.now()));
    },
  );

  app.get(
    "/public/decisions/:id",
    {
      config: { auth: "public", rateLimit: limits.read },
      schema: {
        tags: publicTags,
        summary: "一份已公示的决定，附全过程记录包含证明与机关签名的检查点（可在浏览器中核验）",
        security: [],
        params: idParam,
        response: { 200: publicDetail, 429: errorBody, ...commonErrors },
      },
    },
    async (request) => getPublicDecision(ctx, request.params.id),
  );

  app.post(
    "/cases/:id/publication",
    {
      config: { auth: "publicity.manage" },
      schema: {
        tags: staffTags,
        summary: "公示本案的行政执法决定（服务器隐去个人信息，G3、G6）",
        params: idParam,
        response: {
          201: z.object({ publicationId: z.string(), caseNumber: z.string(), body: z.string() }),
          422: errorBody,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const r = await publishDecision(ctx, principalOf(request), request.params.id);
      return reply
        .status(201)
        .send({ publicationId: r.publicationId, caseNumber: r.caseNumber, body: r.body });
    },
  );

  app.post(
    "/public-decisions/:id/withdrawal",
    {
      config: { auth: "publicity.manage" },
      schema: {
        tags: staffTags,
        summary: "撤回已公示的决定并公开撤回原因（G4）",
        params: idParam,
        body: withdrawInput,
        response: { 200: z.object({ id: z.string(), withdrawnAt: z.date() }), ...commonErrors },
      },
    },
    async (request) => {
      const w = await withdrawDecision(ctx, principalOf(request), request.params.id, request.body);
      return { id: w.id, withdrawnAt: w.withdrawnAt };
    },
  );

  app.get(
    "/publication-compliance",
    {
      config: { auth: "case.read" },
      schema: {
        tags: staffTags,
        summary: "未公示的决定及剩余期限（G3：处罚 7 个工作日、其他 20 个工作日），超期为红色",
        response: {
          200: z.array(
            z.object({
              caseId: z.string(),
              caseNumber: z.string().nullable(),
              partyName: z.string(),
              summary: z.string(),
              agencyId: z.string(),
              agencyName: z.string(),
              outcome: z.string(),
              decidedOn: z.string(),
              ruleId: z.string(),
              dueOn: z.string().nullable(),
              light: z.enum(["green", "yellow", "red"]).nullable(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listUnpublished(ctx, principalOf(request)),
  );
};
