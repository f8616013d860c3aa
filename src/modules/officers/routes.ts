import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { sendExcel } from "../../http/download.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { requirePermission } from "../identity/principal.ts";
import { excelImportBody, excelImportResult } from "../powers/routes.ts";
import { applyCertificate } from "./apply-certificate.ts";
import { applicationView, applyCertificateInput, decideApplicationInput } from "./certificate-application.ts";
import { createOfficer } from "./create-officer.ts";
import { decideCertificateApplication } from "./decide-certificate-application.ts";
import { exportOfficers } from "./export-officers.ts";
import { findCertificate } from "./find-officer.ts";
import { getOfficer } from "./get-officer.ts";
import { importOfficers } from "./import-officers.ts";
import { issueCertificate } from "./issue-certificate.ts";
import { agencyKpis, kpiView } from "./kpis.ts";
import { listCertificateApplications } from "./list-certificate-applications.ts";
import { listOfficers, officerStatusFilters } from "./list-officers.ts";
import { checkMayEnforce } from "./may-enforce.ts";
import {
  annualReviewInput,
  certificateEventInput,
  createOfficerInput,
  issueCertificateInput,
  lawDate,
  officerDetailView,
  officerSummaryView,
  renewCertificateInput,
  rotateOfficerInput,
  updateOfficerInput,
} from "./officer.ts";
import { reinstateCertificate } from "./reinstate-certificate.ts";
import { renewCertificate } from "./renew-certificate.ts";
import { reviewCertificate } from "./review-certificate.ts";
import { revokeCertificate } from "./revoke-certificate.ts";
import { rotateOfficer } from "./rotate-officer.ts";
import { suspendCertificate } from "./suspend-certificate.ts";
import { updateOfficer } from "./update-officer.ts";

const tags = ["执法人员"];
const bool = z.enum(["true", "false"]).transform((v) => v === "true");
const officerFilterQuery = {
  agencyId: z.uuid().optional(),
  subtree: bool.optional(),
  enforcementPost: bool.optional(),
  status: z.enum(officerStatusFilters).optional(),
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  legalQualified: bool.optional(),
};
const errors = { ...commonErrors, 422: errorBody };

export const officerRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/officers",
    {
      config: { auth: "officer.read" },
      schema: {
        tags,
        summary: "执法人员列表（本机关及下级机关；可按机构、证件状态、到期筛选）",
        querystring: z.strictObject({ ...listQuery, ...officerFilterQuery }),
        response: { 200: paged(officerSummaryView), ...errors },
      },
    },
    async (request) => listOfficers(ctx, principalOf(request), request.query),
  );

  app.get(
    "/officers/export",
    {
      config: { auth: "officer.read" },
      schema: {
        tags,
        summary: "导出执法人员名单（Excel）",
        querystring: z.strictObject({ q: listQuery.q, ...officerFilterQuery }),
        response: { 200: z.any().describe("Excel 文件"), ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportOfficers(ctx, principalOf(request), request.query);
      return sendExcel(reply, "执法人员名单.xlsx", file);
    },
  );

  app.post(
    "/officers/import",
    {
      config: { auth: "officer.manage" },
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags,
        summary: "导入执法人员档案（Excel，按账号新增或更新；任一行有错则全部不导入）",
        body: excelImportBody,
        response: { 200: excelImportResult, ...errors },
      },
    },
    async (request) => importOfficers(ctx, principalOf(request), request.body),
  );

  app.get(
    "/officers/may-enforce",
    {
      config: { auth: "officer.read" },
      schema: {
        tags,
        summary: "核验某人在某日能否从事某领域的执法活动（O1）",
        querystring: z.strictObject({
          userId: z.uuid(),
          agencyId: z.uuid(),
          field: z.string().trim().min(1).max(50),
          date: lawDate,
        }),
        response: { 200: z.object({ ok: z.boolean(), reason: z.string().nullable() }), ...errors },
      },
    },
    async (request) => {
      const agency = await findAgency(ctx.db, request.query.agencyId);
      requirePermission(principalOf(request), "officer.read", agency.path);
      const answer = await checkMayEnforce(ctx.db, request.query);
      return { ok: answer.ok, reason: answer.ok ? null : answer.reason };
    },
  );

  app.get(
    "/officers/:id",
    {
      config: { auth: "officer.read" },
      schema: {
        tags,
        summary: "执法人员详情（证件、年审、轮岗、学时）",
        params: idParam,
        response: { 200: officerDetailView, ...errors },
      },
    },
    async (request) => getOfficer(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/officers",
    {
      config: { auth: "officer.manage" },
      schema: {
        tags,
        summary: "建立执法人员档案",
        body: createOfficerInput,
        response: { 201: officerDetailView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      const row = await createOfficer(ctx, actor, request.body);
      return reply.status(201).send(await getOfficer(ctx, actor, row.id));
    },
  );

  app.patch(
    "/officers/:id",
    {
      config: { auth: "officer.manage" },
      schema: {
        tags,
        summary: "修改执法人员档案（含法律职业资格；需提供当前版本号）",
        params: idParam,
        body: updateOfficerInput,
        response: { 200: officerDetailView, ...errors },
      },
    },
    async (request) => {
      const actor = principalOf(request);
      await updateOfficer(ctx, actor, request.params.id, request.body);
      return getOfficer(ctx, actor, request.params.id);
    },
  );

  app.post(
    "/officers/:id/rotations",
    {
      config: { auth: "officer.manage" },
      schema: {
        tags,
        summary: "轮岗 / 调整岗位（离开执法岗位即收回执法证）",
        params: idParam,
        body: rotateOfficerInput,
        response: { 201: officerDetailView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      await rotateOfficer(ctx, actor, request.params.id, request.body);
      return reply.status(201).send(await getOfficer(ctx, actor, request.params.id));
    },
  );

  app.post(
    "/officers/:id/certificates",
    {
      config: { auth: "officer.manage" },
      schema: {
        tags,
        summary: "核发执法证（有效期默认按设置 certificate.validityYears）",
        params: idParam,
        body: issueCertificateInput,
        response: { 201: officerDetailView, ...errors },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      await issueCertificate(ctx, actor, request.params.id, request.body);
      return reply.status(201).send(await getOfficer(ctx, actor, request.params.id));
    },
  );

  app.get(
    "/officers/:id/certificate-applications",
    {
      config: { auth: "officer.read" },
      schema: {
        tags,
        summary: "执法证申领记录（含审批结果）",
        params: idParam,
        response: { 200: z.array(applicationView), ...errors },
      },
    },
    async (request) => listCertificateApplications(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/officers/:id/certificate-applications",
    {
      // The officer applies for themselves; otherwise officer.manage (checked in the use case).
      config: { auth: "session" },
      schema: {
        tags,
        summary: "申领执法证（须在执法岗位、本年度培训学时达标并通过考试，O2）",
        params: idParam,
        body: applyCertificateInput,
        response: { 201: applicationView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await applyCertificate(ctx, principalOf(request), request.params.id, request.body)),
  );

  app.post(
    "/certificate-applications/:id/decision",
    {
      config: { auth: "officer.manage" },
      schema: {
        tags,
        summary: "审批执法证申领（批准即核发执法证；不予批准须说明理由）",
        params: idParam,
        body: decideApplicationInput,
        response: { 201: applicationView, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await decideCertificateApplication(ctx, principalOf(request), request.params.id, request.body)),
  );

  const certificateAction = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (actor: ReturnType<typeof principalOf>, id: string, input: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/certificates/:id/${path}`,
      {
        config: { auth: "officer.manage" },
        schema: { tags, summary, params: idParam, body, response: { 201: officerDetailView, ...errors } },
      },
      async (request, reply) => {
        const actor = principalOf(request);
        const cert = await findCertificate(ctx.db, request.params.id);
        await run(actor, request.params.id, request.body as z.infer<B>);
        return reply.status(201).send(await getOfficer(ctx, actor, cert.officerId));
      },
    );

  certificateAction(
    "renewal",
    "换发执法证（新证，旧证保留并标记已换发）",
    renewCertificateInput,
    (a, id, b) => renewCertificate(ctx, a, id, b),
  );
  certificateAction("suspension", "暂扣执法证", certificateEventInput, (a, id, b) =>
    suspendCertificate(ctx, a, id, b),
  );
  certificateAction("reinstatement", "恢复被暂扣的执法证", certificateEventInput, (a, id, b) =>
    reinstateCertificate(ctx, a, id, b),
  );
  certificateAction("revocation", "收回（注销）执法证", certificateEventInput, (a, id, b) =>
    revokeCertificate(ctx, a, id, b),
  );
  certificateAction("reviews", "登记年审结果（不合格即暂扣）", annualReviewInput, (a, id, b) =>
    reviewCertificate(ctx, a, id, b),
  );

  app.get(
    "/agencies/:id/kpis",
    {
      config: { auth: "officer.read" },
      schema: {
        tags,
        summary: "执法人员与培训指标（持证率、考试、学时、法制审核人员比例、证件到期）",
        params: idParam,
        querystring: z.strictObject({
          year: z.coerce.number().int().min(2000).max(2100).optional(),
          subtree: bool.optional(),
        }),
        response: { 200: kpiView, ...errors },
      },
    },
    async (request) => agencyKpis(ctx, principalOf(request), request.params.id, request.query),
  );
};
