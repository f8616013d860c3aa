import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { correctAttendance } from "./correct-attendance.ts";
import { correctExamResult } from "./correct-exam-result.ts";
import { createExam } from "./create-exam.ts";
import { createPlan } from "./create-plan.ts";
import { createSession } from "./create-session.ts";
import { createTrainer } from "./create-trainer.ts";
import { getPlan } from "./get-plan.ts";
import { listPlans } from "./list-plans.ts";
import { listTrainers } from "./list-trainers.ts";
import { recordAttendance } from "./record-attendance.ts";
import { recordExamResults } from "./record-exam-results.ts";
import {
  attendanceInput,
  correctAttendanceInput,
  correctResultInput,
  createExamInput,
  createPlanInput,
  createSessionInput,
  createTrainerInput,
  examResultsInput,
  planDetailView,
  planView,
  trainerView,
  trainingTargetKinds,
  updateExamInput,
  updatePlanInput,
  updateSessionInput,
  withdrawInput,
} from "./training.ts";
import { updateExam } from "./update-exam.ts";
import { updatePlan } from "./update-plan.ts";
import { updateSession } from "./update-session.ts";
import { withdrawTraining } from "./withdraw-training.ts";

const tags = ["教育培训"];
const recorded = z.object({ recorded: z.number(), planId: z.string() });

export const trainingRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/training/plans",
    {
      config: { auth: "training.read" },
      schema: {
        tags,
        summary: "培训计划列表",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("desc"),
          agencyId: z.uuid().optional(),
          year: z.coerce.number().int().min(2000).max(2100).optional(),
        }),
        response: { 200: paged(planView), ...commonErrors },
      },
    },
    async (request) => listPlans(ctx, principalOf(request), request.query),
  );

  app.get(
    "/training/plans/:id",
    {
      config: { auth: "training.read" },
      schema: {
        tags,
        summary: "培训计划详情（课程、出勤、考试）",
        params: idParam,
        response: { 200: planDetailView, ...commonErrors },
      },
    },
    async (request) => getPlan(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/training/plans",
    {
      config: { auth: "training.manage" },
      schema: {
        tags,
        summary: "新建年度培训计划",
        body: createPlanInput,
        response: { 201: planDetailView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      const plan = await createPlan(ctx, actor, request.body);
      return reply.status(201).send(await getPlan(ctx, actor, plan.id));
    },
  );

  app.post(
    "/training/plans/:id/sessions",
    {
      config: { auth: "training.manage" },
      schema: {
        tags,
        summary: "新增培训课程（初任、在岗、专项、轮岗；线上或线下；学时）",
        params: idParam,
        body: createSessionInput,
        response: { 201: planDetailView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      await createSession(ctx, actor, request.params.id, request.body);
      return reply.status(201).send(await getPlan(ctx, actor, request.params.id));
    },
  );

  app.post(
    "/training/plans/:id/exams",
    {
      config: { auth: "training.manage" },
      schema: {
        tags,
        summary: "新增考试（合格分默认按设置 training.examPassMark）",
        params: idParam,
        body: createExamInput,
        response: { 201: planDetailView, ...commonErrors },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      await createExam(ctx, actor, request.params.id, request.body);
      return reply.status(201).send(await getPlan(ctx, actor, request.params.id));
    },
  );

  app.post(
    "/training/sessions/:id/attendance",
    {
      config: { auth: "training.manage" },
      schema: {
        tags,
        summary: "登记培训出勤",
        params: idParam,
        body: attendanceInput,
        response: { 201: recorded, ...commonErrors },
      },
    },
    async (request, reply) => {
      const r = await recordAttendance(ctx, principalOf(request), request.params.id, request.body);
      return reply.status(201).send(r);
    },
  );

  app.post(
    "/training/exams/:id/results",
    {
      config: { auth: "training.manage" },
      schema: {
        tags,
        summary: "登记考试成绩（score 为 null 表示缺考）",
        params: idParam,
        body: examResultsInput,
        response: { 201: recorded, ...commonErrors },
      },
    },
    async (request, reply) => {
      const r = await recordExamResults(ctx, principalOf(request), request.params.id, request.body);
      return reply.status(201).send(r);
    },
  );

  const planAfter = (
    path: string,
    summary: string,
    body: z.ZodType,
    method: "PATCH" | "POST",
    run: (
      actor: ReturnType<typeof principalOf>,
      id: string,
      input: never,
    ) => Promise<{ planId?: string; id?: string }>,
  ) =>
    app.route({
      method,
      url: path,
      config: { auth: "training.manage" },
      schema: { tags, summary, params: idParam, body, response: { 200: planDetailView, ...commonErrors } },
      handler: async (request) => {
        const actor = principalOf(request);
        const r = await run(actor, (request.params as { id: string }).id, request.body as never);
        return getPlan(ctx, actor, r.planId ?? r.id!);
      },
    });

  planAfter(
    "/training/plans/:id",
    "修改培训计划（生成新版本，保留修改记录）",
    updatePlanInput,
    "PATCH",
    (a, id, b) => updatePlan(ctx, a, id, b),
  );
  planAfter(
    "/training/sessions/:id",
    "修改培训课程（生成新版本，保留修改记录）",
    updateSessionInput,
    "PATCH",
    (a, id, b) => updateSession(ctx, a, id, b),
  );
  planAfter(
    "/training/exams/:id",
    "修改考试（生成新版本，保留修改记录）",
    updateExamInput,
    "PATCH",
    (a, id, b) => updateExam(ctx, a, id, b),
  );
  for (const kind of ["plan", "session", "exam"] as const) {
    planAfter(
      `/training/${kind}s/:id/withdrawal`,
      `撤销${trainingTargetKinds[kind]}（保留记录，不再计入学时和成绩）`,
      withdrawInput,
      "POST",
      (a, id, b) => withdrawTraining(ctx, a, kind, id, b),
    );
  }
  planAfter(
    "/training/sessions/:id/attendance-corrections",
    "更正出勤（新增一条更正记录，原记录保留；学时为 0 表示未出勤）",
    correctAttendanceInput,
    "POST",
    (a, id, b) => correctAttendance(ctx, a, id, b),
  );
  planAfter(
    "/training/exams/:id/result-corrections",
    "更正考试成绩（新增一条更正记录，原记录保留）",
    correctResultInput,
    "POST",
    (a, id, b) => correctExamResult(ctx, a, id, b),
  );

  app.get(
    "/training/trainers",
    {
      config: { auth: "training.read" },
      schema: {
        tags,
        summary: "师资库（评分高者在前）",
        querystring: z.strictObject({
          ...listQuery,
          kind: z.enum(["internal", "external"]).optional(),
          field: z.string().trim().max(50).optional(),
        }),
        response: { 200: paged(trainerView), ...commonErrors },
      },
    },
    async (request) => listTrainers(ctx, principalOf(request), request.query),
  );

  app.post(
    "/training/trainers",
    {
      config: { auth: "training.manage" },
      schema: {
        tags,
        summary: "新增师资",
        body: createTrainerInput,
        response: { 201: trainerView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createTrainer(ctx, principalOf(request), request.body)),
  );
};
