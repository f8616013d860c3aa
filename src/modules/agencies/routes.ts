import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { requirePermission } from "../identity/principal.ts";
import { agencyView, createAgencyInput, updateAgencyInput } from "./agency.ts";
import { createAgency } from "./create-agency.ts";
import { findAgency } from "./find-agency.ts";
import { type AgencyNode, agencySortColumns, agencyTree, listAgencies } from "./list-agencies.ts";
import { updateAgency } from "./update-agency.ts";

const tags = ["机构"];
const node: z.ZodType<AgencyNode> = z.lazy(() =>
  z.object({ id: z.string(), name: z.string(), kind: z.string(), children: z.array(node) }),
);
// Recursive: the OpenAPI document needs it as a named component (see transformObject in app.ts).
if (!z.globalRegistry.has(node)) z.globalRegistry.add(node, { id: "AgencyNode" });

export const agencyRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/agencies/tree",
    {
      config: { auth: "agency.read" },
      schema: { tags, summary: "可查看的机构树", response: { 200: z.array(node), ...commonErrors } },
    },
    async (request) => agencyTree(ctx, principalOf(request)),
  );

  app.get(
    "/agencies",
    {
      config: { auth: "agency.read" },
      schema: {
        tags,
        summary: "机构列表（本机关及下级机关）",
        querystring: z.strictObject({
          ...listQuery,
          sort: z.enum(Object.keys(agencySortColumns) as [keyof typeof agencySortColumns]).optional(),
          parentId: z.uuid().optional(),
        }),
        response: { 200: paged(agencyView), ...commonErrors },
      },
    },
    async (request) => listAgencies(ctx, principalOf(request), request.query),
  );

  app.get(
    "/agencies/:id",
    {
      config: { auth: "agency.read" },
      schema: { tags, summary: "机构详情", params: idParam, response: { 200: agencyView, ...commonErrors } },
    },
    async (request) => {
      const agency = await findAgency(ctx.db, request.params.id);
      requirePermission(principalOf(request), "agency.read", agency.path);
      return agency;
    },
  );

  app.post(
    "/agencies",
    {
      config: { auth: "agency.manage" },
      schema: {
        tags,
        summary: "新建下级机构",
        body: createAgencyInput,
        response: { 201: agencyView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createAgency(ctx, principalOf(request), request.body)),
  );

  app.patch(
    "/agencies/:id",
    {
      config: { auth: "agency.manage" },
      schema: {
        tags,
        summary: "修改机构信息（需提供当前版本号）",
        params: idParam,
        body: updateAgencyInput,
        response: { 200: agencyView, ...commonErrors },
      },
    },
    async (request) => updateAgency(ctx, principalOf(request), request.params.id, request.body),
  );
};
