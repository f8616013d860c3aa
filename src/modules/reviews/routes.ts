import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import { penaltyInput } from "../cases/case.ts";
import { checkNeed } from "./check-need.ts";
import { escalateReview } from "./escalate-review.ts";
import { extendReview } from "./extend-review.ts";
import { flagCase } from "./flag-case.ts";
import { getReview } from "./get-review.ts";
import { listCriteria } from "./list-criteria.ts";
import { listReviewers } from "./list-reviewers.ts";
import { listReviews } from "./list-reviews.ts";
import { saveCriterionInput } from "./major-decisions.ts";
import { recordOpinion } from "./record-opinion.ts";
import { extendReviewInput } from "./review-deadline.ts";
import { escalateInput, flagCaseInput, recordOpinionInput, submitReviewInput } from "./review-input.ts";
import { reviewRouteTail } from "./routes-tail.ts";
import { removeCriterion, saveCriterion } from "./save-criterion.ts";
import { submitReview } from "./submit-review.ts";

const tags = ["法制审核"];
const refused = { 422: errorBody, ...commonErrors };

const reason = z.object({ ruleId: z.string(), text: z.string() });
const criterionView = z.object({
  criterionId: z.string(),
  agencyId: z.string(),
  name: z.string(),
  criteria: z.record(z.string(), z.unknown()),
  needsReview: z.boolean(),
  needsDiscussion: z.boolean(),
  reason: z.string(),
});
const checkItem = z.object({
  item: z.string(),
  label: z.string(),
  ok: z.boolean().nullable(),
  evidence: z.string(),
  ruleId: z.string(),
});
const reviewRow = z.object({
  id: z.string(),
  caseId: z.string(),
  round: z.number().int(),
  dueOn: z.string(),
  reviewerId: z.string(),
  checks: z.array(checkItem),
});
const opinionRow = z.object({
  id: z.string(),
  reviewId: z.string(),
  opinion: z.string(),
  status: z.string(),
  comment: z.string(),
});
const reviewDetail = z.object({
  id: z.string(),
  caseId: z.string(),
  round: z.number().int(),
  status: z.string(),
  proposal: z.record(z.string(), z.unknown()),
  proposalText: z.string(),
  materials: z.array(z.object({ code: z.string(), label: z.string() })),
  note: z.string(),
  checks: z.array(checkItem),
  reviewerId: z.string(),
  reviewerName: z.string(),
  submittedBy: z.string(),
  submitterName: z.string(),
  submittedAt: z.date(),
  dueOn: z.string(),
  overdue: z.boolean(),
  /** L3: the approved extension of the deadline (dueOn is then the extended deadline). */
  extension: z
    .object({
      approvedBy: z.string(),
      reason: z.string(),
      days: z.number().int(),
      at: z.date(),
      previousDeadline: z.string(),
    })
    .nullable(),
  opinion: z
    .object({
      opinion: z.string(),
      items: z.array(
        z.object({
          item: z.string(),
          machineOk: z.boolean().nullable(),
          ok: z.boolean(),
          comment: z.string(),
        }),
      ),
      comment: z.string(),
      at: z.date(),
    })
    .nullable(),
  escalation: z.object({ reason: z.string(), at: z.date() }).nullable(),
  previous: z
    .object({
      id: z.string(),
      round: z.number().int(),
      status: z.string(),
      opinionComment: z.string(),
      problems: z.array(z.object({ item: z.string(), ok: z.boolean(), comment: z.string() })),
      changes: z.array(z.string()),
      newSteps: z.array(z.object({ seq: z.number().int(), label: z.string(), onDate: z.string() })),
    })
    .nullable(),
  case: z.object({
    id: z.string(),
    number: z.string().nullable(),
    state: z.string(),
    field: z.string(),
    summary: z.string(),
    partyName: z.string(),
    agencyName: z.string(),
    actOn: z.string(),
    officers: z.array(z.string()),
    events: z.array(
      z.object({
        seq: z.number().int(),
        event: z.string(),
        label: z.string(),
        onDate: z.string(),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
    evidence: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        fileName: z.string(),
        action: z.string().nullable(),
        description: z.string(),
        uploadedAt: z.date(),
      }),
    ),
  }),
  canDecide: z.boolean(),
  canEscalate: z.boolean(),
  canResubmit: z.boolean(),
  canExtend: z.boolean(),
});
const queueItem = z.object({
  id: z.string(),
  caseId: z.string(),
  round: z.number().int(),
  dueOn: z.string(),
  extended: z.boolean(),
  submittedAt: z.date(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  status: z.string(),
  opinionAt: z.date().nullable(),
  caseNumber: z.string().nullable(),
  partyName: z.string(),
  summary: z.string(),
  agencyName: z.string(),
  outcome: z.string(),
  fineFen: z.number().int(),
  machineProblems: z.number().int(),
  machineManual: z.number().int(),
  warning: z.enum(["red", "yellow", "green"]).nullable(),
});

export const reviewRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/major-decision-criteria",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "重大执法决定目录（L1：本机关及上级机关的条件）",
        querystring: z.strictObject({ agencyId: z.uuid() }),
        response: {
          200: z.object({ items: z.array(criterionView.extend({ inherited: z.boolean() })) }),
          ...commonErrors,
        },
      },
    },
    async (request) => listCriteria(ctx, principalOf(request), request.query.agencyId),
  );
  app.post(
    "/major-decision-criteria",
    {
      config: { auth: "review.manage" },
      schema: {
        tags,
        summary: "新增或修改重大执法决定目录条件（L1，须说明理由）",
        body: saveCriterionInput,
        response: { 200: criterionView, ...refused },
      },
    },
    async (request) => saveCriterion(ctx, principalOf(request), request.body),
  );
  app.post(
    "/major-decision-criteria/:id/remove",
    {
      config: { auth: "review.manage" },
      schema: {
        tags,
        summary: "移出重大执法决定目录条件（L1）",
        params: idParam,
        body: z.strictObject({ agencyId: z.uuid(), reason: z.string().trim().min(1).max(500) }),
        response: { 200: z.object({ removed: z.string() }), ...refused },
      },
    },
    async (request) =>
      removeCriterion(
        ctx,
        principalOf(request),
        request.body.agencyId,
        request.params.id,
        request.body.reason,
      ),
  );
  app.post(
    "/cases/:id/major-need",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "拟作出的决定是否须法制审核、集体讨论、备案（P9、P10、L1、F1），及理由",
        params: idParam,
        body: z.strictObject({
          outcome: z.enum(["penalty", "no_penalty", "transfer"]),
          penalty: penaltyInput.optional(),
        }),
        response: {
          200: z.object({
            review: z.boolean(),
            discussion: z.boolean(),
            filing: z.boolean(),
            reasons: z.object({
              review: z.array(reason),
              discussion: z.array(reason),
              filing: z.array(reason),
            }),
            currentReview: z
              .object({ id: z.string(), round: z.number().int(), status: z.string() })
              .nullable(),
          }),
          ...refused,
        },
      },
    },
    async (request) => checkNeed(ctx, principalOf(request), request.params.id, request.body),
  );
  app.post(
    "/cases/:id/major-flags",
    {
      config: { auth: "review.submit" },
      schema: {
        tags,
        summary: "标记案件为重大执法决定（须说明理由）",
        params: idParam,
        body: flagCaseInput,
        response: { 201: z.object({ id: z.string(), reason: z.string() }), ...refused },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await flagCase(ctx, principalOf(request), request.params.id, request.body)),
  );
  app.get(
    "/cases/:id/reviewers",
    {
      config: { auth: "review.submit" },
      schema: {
        tags,
        summary: "可指定的法制审核人员（P10：非本案办案人员，初次审核须具有法律职业资格）及须提交的材料",
        params: idParam,
        response: {
          200: z.object({
            items: z.array(
              z.object({ userId: z.string(), name: z.string(), refusal: z.string().nullable() }),
            ),
            requiredMaterials: z.array(z.string()),
            state: z.string(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => listReviewers(ctx, principalOf(request), request.params.id),
  );
  app.get(
    "/reviews",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "法制审核队列（L3 期限预警：red 超期，yellow 2 个工作日内到期）",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("desc"),
          status: z.enum(["pending", "passed", "returned", "escalated"]).optional(),
          agencyId: z.uuid().optional(),
          mine: z.stringbool().default(false),
          overdue: z.stringbool().default(false),
          allRounds: z.stringbool().default(false),
        }),
        response: { 200: paged(queueItem), ...commonErrors },
      },
    },
    async (request) => listReviews(ctx, principalOf(request), request.query),
  );
  app.post(
    "/reviews",
    {
      config: { auth: "review.submit" },
      schema: {
        tags,
        summary: "提交法制审核（拟作出的决定、材料、审核人员；系统预审 L2）",
        body: submitReviewInput,
        response: { 201: reviewRow, ...refused },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitReview(ctx, principalOf(request), request.body)),
  );
  app.get(
    "/reviews/:id",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "法制审核详情（审核清单、案件环节与证据、上次审核以来的变化）",
        params: idParam,
        response: { 200: reviewDetail, ...commonErrors },
      },
    },
    async (request) => getReview(ctx, principalOf(request), request.params.id),
  );
  app.post(
    "/reviews/:id/opinion",
    {
      config: { auth: "review.decide" },
      schema: {
        tags,
        summary: "出具法制审核意见（同意 / 存在问题，逐项确认或更正系统核查结论）",
        params: idParam,
        body: recordOpinionInput,
        response: { 200: opinionRow, ...refused },
      },
    },
    async (request) => recordOpinion(ctx, principalOf(request), request.params.id, request.body),
  );
  app.post(
    "/reviews/:id/escalate",
    {
      config: { auth: "review.submit" },
      schema: {
        tags,
        summary: "对审核意见有异议，提请集体讨论（P9）",
        params: idParam,
        body: escalateInput,
        response: { 200: z.object({ id: z.string(), reviewId: z.string(), reason: z.string() }), ...refused },
      },
    },
    async (request) => escalateReview(ctx, principalOf(request), request.params.id, request.body),
  );
  app.post(
    "/reviews/:id/extension",
    {
      // L3: approved by the agency leader (机关负责人) of the case's agency or bureau (extend-review.ts).
      config: { auth: "case.approve" },
      schema: {
        tags,
        summary: "经批准延长法制审核期限（L3：待审核、期限届满前、仅一次，按设置的工作日数）",
        params: idParam,
        body: extendReviewInput,
        response: {
          200: z.object({
            reviewId: z.string(),
            deadline: z.string(),
            previousDeadline: z.string(),
            extendedBy: z.number().int(),
            reason: z.string(),
            at: z.date(),
          }),
          ...refused,
        },
      },
    },
    async (request) => extendReview(ctx, principalOf(request), request.params.id, request.body),
  );
  await reviewRouteTail(app, ctx);
};
