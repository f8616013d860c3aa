import fastifyMultipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { publicRateLimit } from "../../http/public-rate-limit.ts";
import { commonErrors, errorBody, idParam, isoDate, listQuery, paged } from "../../http/schemas.ts";
import { acceptComplaint } from "./accept-complaint.ts";
import { answerComplaint } from "./answer-complaint.ts";
import { closeComplaint } from "./close-complaint.ts";
import {
  answerInput,
  closeInput,
  complaintCategoryCodes,
  complaintSourceCodes,
  complaintStateCodes,
  dispatchInput,
  linkInput,
  mergeInput,
  noteInput,
  rateInput,
  reopenInput,
  returnInput,
  transferInput,
  verifyInput,
} from "./complaint.ts";
import { complaintFigures } from "./complaint-figures.ts";
import { complaintOptions } from "./complaint-options.ts";
import { dispatchComplaint } from "./dispatch-complaint.ts";
import { dispatchRuleInput } from "./dispatch-rules.ts";
import { getComplaint } from "./get-complaint.ts";
import { linkComplaint } from "./link-complaint.ts";
import { listComplaints } from "./list-complaints.ts";
import { listDispatchRules } from "./list-dispatch-rules.ts";
import { mergeComplaint } from "./merge-complaint.ts";
import { openPhoto } from "./open-photo.ts";
import { photoLimits } from "./photos.ts";
import { publicStatus } from "./public-status.ts";
import { rateComplaint } from "./rate-complaint.ts";
import { readComplaintForm } from "./read-form.ts";
import { checkRecordedComplaint, recordComplaint } from "./record-complaint.ts";
import { removeDispatchRule } from "./remove-dispatch-rule.ts";
import { requestReopen } from "./request-reopen.ts";
import { returnComplaint } from "./return-complaint.ts";
import { saveDispatchRule } from "./save-dispatch-rule.ts";
import { checkPublicComplaint, submitComplaint } from "./submit-complaint.ts";
import { transferComplaint } from "./transfer-complaint.ts";
import { verifyComplaint } from "./verify-complaint.ts";
import { viewReporter } from "./view-reporter.ts";

const tags = ["投诉举报"];
const publicTags = ["公众服务"];

const codeParam = z.strictObject({ code: z.string().trim().min(1).max(40) });
const limited = { 429: errorBody, ...commonErrors };

/** The public status page: the only fields that leave the server about a complaint without login. */
const publicStatusView = z.strictObject({
  trackingCode: z.string(),
  category: z.string(),
  categoryName: z.string(),
  status: z.string(),
  statusName: z.string(),
  unitName: z.string(),
  receivedOn: z.string(),
  /** Null while the calendar of its year is not imported (rule D4). */
  answerDueOn: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  rating: z.number().int().nullable(),
  canRate: z.boolean(),
  canReopen: z.boolean(),
  timeline: z.array(z.strictObject({ event: z.string(), label: z.string(), on: z.string() })),
});

const stepResult = z.object({ id: z.string(), state: z.string(), version: z.number().int() });
/** "pending": the due date falls in a year whose calendar is not imported yet (rule D4). */
const light = z.enum(["green", "yellow", "red", "pending"]);

const complaintListItem = z.object({
  id: z.string(),
  trackingCode: z.string(),
  source: z.string(),
  sourceName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  state: z.string(),
  stateName: z.string(),
  placeAddress: z.string(),
  area: z.string(),
  named: z.boolean(),
  receivedOn: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  pendingAgencyName: z.string().nullable(),
  caseId: z.string().nullable(),
  version: z.number().int(),
  nextDueOn: z.string().nullable(),
  light: light.nullable(),
});

/** Staff detail: facts and steps, never the reporter (that is GET …/reporter). */
const complaintDetail = z.object({
  id: z.string(),
  trackingCode: z.string(),
  bureauId: z.string(),
  bureauName: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  pendingAgencyId: z.string().nullable(),
  pendingAgencyName: z.string().nullable(),
  source: z.string(),
  sourceName: z.string(),
  category: z.string(),
  categoryName: z.string(),
  field: z.string(),
  area: z.string(),
  placeAddress: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  description: z.string(),
  named: z.boolean(),
  state: z.string(),
  stateName: z.string(),
  receivedOn: z.string(),
  acceptDueOn: z.string().nullable(),
  answerDueOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  caseId: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  mergedFromIds: z.array(z.string()),
  closeReason: z.string().nullable(),
  closeReasonName: z.string().nullable(),
  transferDepartment: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  rating: z.number().int().nullable(),
  reopenCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.date(),
  events: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      event: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      data: z.record(z.string(), z.unknown()),
      actorName: z.string(),
      at: z.date(),
    }),
  ),
  photos: z.array(z.object({ id: z.string(), size: z.number().int(), contentType: z.string() })),
  deadlines: z.array(z.object({ kind: z.string(), label: z.string(), dueOn: z.string().nullable(), light })),
  duplicates: z.array(
    z.object({
      id: z.string(),
      trackingCode: z.string(),
      receivedOn: z.string(),
      state: z.string(),
      stateName: z.string(),
      placeAddress: z.string(),
    }),
  ),
  dispatchTargets: z.array(z.object({ id: z.string(), name: z.string() })),
  proposedAgencyId: z.string().nullable(),
  proposedBy: z.string().nullable(),
  actions: z.array(z.object({ step: z.string(), label: z.string() })),
  mayViewReporter: z.boolean(),
});

const tally = z.array(z.object({ key: z.string(), name: z.string(), count: z.number().int() }));
const onTime = z.object({
  onTime: z.number().int(),
  due: z.number().int(),
  onTimeRate: z.number().nullable(),
  /** Deadlines in a year whose calendar is not imported yet (D4): neither on time nor late. */
  pending: z.number().int(),
});

export const complaintRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: photoLimits.bytes, files: photoLimits.files + 1, fields: 20, fieldSize: 8 * 1024 },
  });
  const limits = publicRateLimit();

  // ---- Public (no login) ------------------------------------------------------------------

  app.get(
    "/public/complaint-options",
    {
      config: { auth: "public", rateLimit: limits.read },
      schema: {
        tags: publicTags,
        security: [],
        summary: "投诉举报表单选项：受理单位与问题类别（无需登录）",
        response: {
          200: z.object({
            units: z.array(
              z.object({ id: z.string(), name: z.string(), phone: z.string(), areas: z.array(z.string()) }),
            ),
            categories: z.array(z.object({ code: z.string(), name: z.string() })),
          }),
          429: errorBody,
        },
      },
    },
    async () => complaintOptions(ctx),
  );

  app.post(
    "/public/complaints",
    {
      config: { auth: "public", rateLimit: limits.post },
      schema: {
        tags: publicTags,
        security: [],
        summary:
          "提交投诉举报（无需登录；JSON，或 multipart/form-data：先字段后照片 photos，最多 5 张，每张 ≤ 10 MB）。返回查询码",
        consumes: ["application/json", "multipart/form-data"],
        response: {
          201: z.strictObject({
            trackingCode: z.string(),
            receivedOn: z.string(),
            answerDueOn: z.string().nullable(),
          }),
          413: errorBody,
          415: errorBody,
          ...limited,
        },
      },
    },
    async (request, reply) => {
      const form = await readComplaintForm(ctx, request, (input) => checkPublicComplaint(ctx, input));
      try {
        return reply.status(201).send(await submitComplaint(ctx, form.input, form.photos));
      } catch (e) {
        await form.discard();
        throw e;
      }
    },
  );

  app.get(
    "/public/complaints/:code",
    {
      config: { auth: "public", rateLimit: limits.read },
      schema: {
        tags: publicTags,
        security: [],
        summary: "凭查询码查看办理状态和答复（无需登录；不含举报人信息）",
        params: codeParam,
        response: { 200: publicStatusView, 404: errorBody, 429: errorBody, 400: errorBody },
      },
    },
    async (request) => publicStatus(ctx, request.params.code),
  );

  app.post(
    "/public/complaints/:code/rating",
    {
      config: { auth: "public", rateLimit: limits.post },
      schema: {
        tags: publicTags,
        security: [],
        summary: "对答复进行满意度评价（1–5 星）",
        params: codeParam,
        body: rateInput,
        response: { 200: z.object({ rating: z.number().int() }), 422: errorBody, ...limited },
      },
    },
    async (request) => rateComplaint(ctx, request.params.code, request.body),
  );

  app.post(
    "/public/complaints/:code/reopen",
    {
      config: { auth: "public", rateLimit: limits.post },
      schema: {
        tags: publicTags,
        security: [],
        summary: "对答复不满意，申请重新办理",
        params: codeParam,
        body: reopenInput,
        response: { 200: z.object({ status: z.string() }), 422: errorBody, ...limited },
      },
    },
    async (request) => requestReopen(ctx, request.params.code, request.body),
  );

  // ---- Staff ------------------------------------------------------------------------------

  app.get(
    "/complaints",
    {
      config: { auth: "complaint.read" },
      schema: {
        tags,
        summary:
          "投诉举报与案源列表（本单位及所监督单位；queue=true 为本人所在单位的待办；light=red 为超期）",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("desc"),
          state: z.enum(complaintStateCodes).optional(),
          source: z.enum(complaintSourceCodes).optional(),
          category: z.enum(complaintCategoryCodes).optional(),
          agencyId: z.uuid().optional(),
          queue: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          light: light.optional(),
        }),
        response: { 200: paged(complaintListItem), ...commonErrors },
      },
    },
    async (request) => listComplaints(ctx, principalOf(request), request.query),
  );

  app.post(
    "/complaints",
    {
      config: { auth: "complaint.read" },
      schema: {
        tags,
        summary:
          "登记案源：来电、来信、来访、其他部门移送（complaint.intake）；巡查发现（complaint.handle，可附照片）；上级交办（complaint.assign）。JSON 或 multipart/form-data",
        consumes: ["application/json", "multipart/form-data"],
        response: {
          201: stepResult.extend({ trackingCode: z.string() }),
          413: errorBody,
          415: errorBody,
          ...commonErrors,
        },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      const form = await readComplaintForm(ctx, request, (input) =>
        checkRecordedComplaint(ctx, actor, input),
      );
      try {
        return reply.status(201).send(await recordComplaint(ctx, actor, form.input, form.photos));
      } catch (e) {
        await form.discard();
        throw e;
      }
    },
  );

  app.get(
    "/complaints/figures",
    {
      config: { auth: "complaint.read" },
      schema: {
        tags,
        summary: "投诉举报统计：按来源、类别、区域；受理和答复按期率；满意度",
        querystring: z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }),
        response: {
          200: z.object({
            from: z.string().nullable(),
            to: z.string().nullable(),
            total: z.number().int(),
            bySource: tally,
            byCategory: tally,
            byArea: tally,
            acceptance: onTime,
            answer: onTime,
            satisfaction: z.object({
              rated: z.number().int(),
              average: z.number().nullable(),
              satisfiedRate: z.number().nullable(),
              distribution: z.array(z.object({ stars: z.number().int(), count: z.number().int() })),
            }),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => complaintFigures(ctx, principalOf(request), request.query),
  );

  app.get(
    "/complaints/:id",
    {
      config: { auth: "complaint.read" },
      schema: {
        tags,
        summary: "投诉举报详情（不含举报人信息）",
        params: idParam,
        response: { 200: complaintDetail, ...commonErrors },
      },
    },
    async (request) => getComplaint(ctx, principalOf(request), request.params.id),
  );

  app.get(
    "/complaints/:id/reporter",
    {
      config: { auth: "complaint.identity" },
      schema: {
        tags,
        summary: "查看举报人信息（仅受理单位的案件管理中心人员和负责人；每次查看记入全过程记录）",
        params: idParam,
        response: {
          200: z.object({ complaintId: z.string(), name: z.string(), phone: z.string(), email: z.string() }),
          ...commonErrors,
        },
      },
    },
    async (request) => viewReporter(ctx, principalOf(request), request.params.id),
  );

  app.get(
    "/complaint-photos/:id",
    {
      config: { auth: "complaint.read" },
      schema: { tags, summary: "投诉举报照片", params: idParam, response: { 200: z.any(), ...commonErrors } },
    },
    async (request, reply) => {
      const p = await openPhoto(ctx, principalOf(request), request.params.id);
      return reply
        .type(p.contentType)
        .header("content-length", p.size)
        .header("x-content-type-options", "nosniff")
        .send(p.stream);
    },
  );

  const step = <S extends z.ZodTypeAny>(
    path: string,
    summary: string,
    body: S,
    run: (actor: ReturnType<typeof principalOf>, id: string, input: z.output<S>) => Promise<unknown>,
  ) =>
    app.post(
      `/complaints/:id/${path}`,
      {
        config: { auth: "complaint.read" },
        schema: {
          tags,
          summary,
          params: idParam,
          body,
          response: { 200: stepResult.passthrough(), 422: errorBody, ...commonErrors },
        },
      },
      async (request) =>
        (await run(principalOf(request), request.params.id, request.body as z.output<S>)) as z.infer<
          typeof stepResult
        >,
    );

  step(
    "dispatch",
    "分派到中队或执法队（首问负责：接收单位受理前仍由本单位负责）",
    dispatchInput,
    (a, id, b) => dispatchComplaint(ctx, a, id, b),
  );
  step("accept", "受理（承办单位受理后由其负责）", noteInput, (a, id, b) => acceptComplaint(ctx, a, id, b));
  step("return", "退回受理单位", returnInput, (a, id, b) => returnComplaint(ctx, a, id, b));
  step("transfer", "书面移送其他部门并告知实名举报人", transferInput, (a, id, b) =>
    transferComplaint(ctx, a, id, b),
  );
  step("verify", "核实", verifyInput, (a, id, b) => verifyComplaint(ctx, a, id, b));
  step("link", "转为案件线索或关联已有案件", linkInput, (a, id, b) => linkComplaint(ctx, a, id, b));
  step("close", "办结（不属于职权、无违法行为、重复、已依法处理）", closeInput, (a, id, b) =>
    closeComplaint(ctx, a, id, b),
  );
  step("answer", "答复（显示在查询页；实名举报人另发短信、邮件）", answerInput, (a, id, b) =>
    answerComplaint(ctx, a, id, b),
  );
  step("merge", "合并到同一问题的投诉举报", mergeInput, (a, id, b) => mergeComplaint(ctx, a, id, b));

  app.get(
    "/complaint-dispatch-rules",
    {
      config: { auth: "complaint.read" },
      schema: {
        tags,
        summary: "分派规则（地址关键词、类别 → 承办单位）",
        querystring: z.strictObject({ bureauId: z.uuid() }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              bureauId: z.string(),
              keyword: z.string(),
              category: z.string(),
              agencyId: z.string(),
              agencyName: z.string(),
              createdAt: z.date(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listDispatchRules(ctx, principalOf(request), request.query.bureauId),
  );

  app.post(
    "/complaint-dispatch-rules",
    {
      config: { auth: "complaint.dispatch" },
      schema: {
        tags,
        summary: "新增分派规则",
        body: dispatchRuleInput,
        response: {
          201: z.object({
            id: z.string(),
            keyword: z.string(),
            category: z.string(),
            agencyId: z.string(),
            agencyName: z.string(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await saveDispatchRule(ctx, principalOf(request), request.body)),
  );

  app.delete(
    "/complaint-dispatch-rules/:id",
    {
      config: { auth: "complaint.dispatch" },
      schema: {
        tags,
        summary: "删除分派规则",
        params: idParam,
        response: { 204: z.null(), ...commonErrors },
      },
    },
    async (request, reply) => {
      await removeDispatchRule(ctx, principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
};
