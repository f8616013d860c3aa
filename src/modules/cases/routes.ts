import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import { applyTransition, stepBody, tableOf } from "./apply-transition.ts";
import { createCaseInput, procedureCodes } from "./case.ts";
import { changeProcedureList } from "./change-procedure-list.ts";
import { createCase } from "./create-case.ts";
import { getCase } from "./get-case.ts";
import { getProcedureList } from "./get-procedure-list.ts";
import { listCases } from "./list-cases.ts";
import { listDeadlines } from "./list-deadlines.ts";
import { procedureListCodes } from "./procedure-lists.ts";
import { caseStateCodes, type DeadlineKind, deadlineKinds, describeTable } from "./transition.ts";

const tags = ["案件办理"];

const caseView = z.object({
  id: z.string(),
  agencyId: z.string(),
  number: z.string().nullable(),
  procedure: z.string(),
  state: z.string(),
  stateName: z.string(),
  field: z.string(),
  summary: z.string(),
  placeAddress: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  partyType: z.string(),
  partyName: z.string(),
  partyIdNumber: z.string(),
  partyPhone: z.string(),
  partyAddress: z.string(),
  partyLegalRepresentative: z.string(),
  powerItemIds: z.array(z.string()),
  benchmarkId: z.string().nullable(),
  actOn: z.string(),
  continuingUntil: z.string().nullable(),
  discoveredOn: z.string(),
  serious: z.boolean(),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const caseListItem = caseView.extend({
  agencyName: z.string(),
  nextDueOn: z.string().nullable(),
  light: z.enum(["green", "yellow", "red"]).nullable(),
});

const money = z.object({
  fineFen: z.number().int(),
  paidFen: z.number().int(),
  fineOutstandingFen: z.number().int(),
  lateFeeFen: z.number().int(),
  totalFen: z.number().int(),
  nextDueOn: z.string().nullable(),
  schedule: z.array(z.object({ dueOn: z.string(), amountFen: z.number().int() })),
});

const inventoryItem = z.object({
  no: z.number().int(),
  name: z.string(),
  quantity: z.number(),
  unit: z.string(),
  note: z.string(),
  status: z.string(),
  statusName: z.string(),
  takenOn: z.string(),
  takenBy: z.string(),
  changedOn: z.string(),
});

const caseDetail = caseView.extend({
  agencyName: z.string(),
  items: z.array(inventoryItem),
  money: money.nullable(),
  officers: z.array(z.object({ userId: z.string(), displayName: z.string() })),
  // C2: the changes of officers, oldest first (the registered officers are the create step's).
  officerChanges: z.array(
    z.object({
      seq: z.number().int(),
      on: z.string(),
      officerIds: z.array(z.string()),
      officers: z.array(z.object({ userId: z.string(), displayName: z.string() })),
      added: z.array(z.object({ userId: z.string(), displayName: z.string() })),
      removed: z.array(z.object({ userId: z.string(), displayName: z.string() })),
      reason: z.string(),
      actorId: z.string(),
      actorName: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      seq: z.number().int(),
      event: z.string(),
      fromState: z.string().nullable(),
      toState: z.string(),
      onDate: z.string(),
      data: z.record(z.string(), z.unknown()),
      actorId: z.string(),
      actorName: z.string(),
      at: z.date(),
    }),
  ),
  deadlines: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      ruleId: z.string(),
      status: z.string(),
      dueOn: z.string(),
      light: z.enum(["green", "yellow", "red"]).nullable(),
    }),
  ),
  roles: z.array(z.string()),
  actions: z.array(
    z.object({
      event: z.string(),
      label: z.string(),
      to: z.string(),
      guards: z.array(z.string()),
      documents: z.array(z.string()),
    }),
  ),
});

const stepResult = z.object({
  id: z.string(),
  state: z.string(),
  version: z.number().int(),
  number: z.string().nullable(),
});
const refused = { 422: errorBody, ...commonErrors };

export const caseRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    "/cases",
    {
      config: { auth: "case.handle" },
      schema: {
        tags,
        summary: "登记案件线索（一般程序）",
        body: createCaseInput,
        response: { 201: caseView.omit({ stateName: true }), ...refused },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createCase(ctx, principalOf(request), request.body)),
  );

  app.get(
    "/cases",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "案件列表（本机关及所监督机关；新的在前；deadline=red 为有超期期限的案件）",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("desc"),
          agencyId: z.uuid().optional(),
          state: z.enum(caseStateCodes).optional(),
          procedure: z.enum(procedureCodes).optional(),
          field: z.string().max(50).optional(),
          officerId: z.uuid().optional(),
          deadline: z.enum(["green", "yellow", "red"]).optional(),
        }),
        response: { 200: paged(caseListItem), ...commonErrors },
      },
    },
    async (request) => listCases(ctx, principalOf(request), request.query),
  );

  app.get(
    "/case-deadlines",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "办案期限一览（我的工作：mine=true；超期：light=red），按到期日排序",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("asc"),
          mine: z.stringbool().default(false),
          light: z.enum(["green", "yellow", "red"]).optional(),
          agencyId: z.uuid().optional(),
          kind: z.enum(Object.keys(deadlineKinds) as [DeadlineKind, ...DeadlineKind[]]).optional(),
        }),
        response: {
          200: paged(
            z.object({
              caseId: z.string(),
              number: z.string().nullable(),
              procedure: z.string(),
              state: z.string(),
              stateName: z.string(),
              partyName: z.string(),
              summary: z.string(),
              agencyId: z.string(),
              agencyName: z.string(),
              kind: z.string(),
              label: z.string(),
              ruleId: z.string(),
              dueOn: z.string(),
              light: z.enum(["green", "yellow", "red"]).nullable(),
              officers: z.array(z.string()),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listDeadlines(ctx, principalOf(request), request.query),
  );

  const listParams = z.strictObject({ id: z.uuid(), list: z.enum(procedureListCodes) });
  const listView = z.object({
    list: z.string(),
    name: z.string(),
    ruleId: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        field: z.string(),
        listedBy: z.string(),
        reason: z.string(),
        listedAt: z.date(),
      }),
    ),
  });

  app.get(
    "/agencies/:id/procedure-lists/:list",
    {
      config: { auth: "power.read" },
      schema: {
        tags,
        summary:
          "三步式执法清单（three_step，C08）或首违不罚清单（first_violation，P11）：本机关及上级机关列入的事项",
        params: listParams,
        response: { 200: listView, ...commonErrors },
      },
    },
    async (request) => getProcedureList(ctx, principalOf(request), request.params.id, request.params.list),
  );

  app.post(
    "/agencies/:id/procedure-lists/:list",
    {
      config: { auth: "power.manage" },
      schema: {
        tags,
        summary: "列入或移出三步式执法清单、首违不罚清单（须说明理由；记录不可更改）",
        params: listParams,
        body: z.strictObject({
          powerItemId: z.uuid(),
          action: z.enum(["add", "remove"]),
          reason: z.string().trim().min(1).max(1000),
        }),
        response: { 200: listView, ...refused },
      },
    },
    async (request) => {
      const actor = principalOf(request);
      const { id, list } = request.params;
      await changeProcedureList(ctx, actor, id, { ...request.body, list });
      return getProcedureList(ctx, actor, id, list);
    },
  );

  app.get(
    "/case-procedures/:procedure",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "办案程序流转表：各环节的前后状态、办理角色、校验的法律规则编号、期限、文书和音像记录要求",
        params: z.strictObject({ procedure: z.enum(procedureCodes) }),
        response: {
          200: z.array(
            z.object({
              from: z.string(),
              fromName: z.string(),
              event: z.string(),
              label: z.string(),
              to: z.string(),
              toName: z.string(),
              roles: z.array(z.string()),
              guards: z.array(z.string()),
              opens: z.array(z.string()),
              closes: z.array(z.string()),
              documents: z.array(z.string()),
              recording: z.string().nullable(),
              switchesTo: z.string().nullable(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => describeTable(tableOf(request.params.procedure)),
  );

  app.get(
    "/cases/:id",
    {
      config: { auth: "case.read" },
      schema: {
        tags,
        summary: "案件详情：办案环节、期限（红黄绿）以及当前用户可进行的操作",
        params: idParam,
        response: { 200: caseDetail, ...commonErrors },
      },
    },
    async (request) => getCase(ctx, principalOf(request), request.params.id),
  );

  app.post(
    "/cases/:id/events/:event",
    {
      config: { auth: "case.handle" },
      schema: {
        tags,
        summary: "办理案件环节（按程序流转表校验角色与法定条件；version 不一致返回 409）",
        params: z.strictObject({ id: z.uuid(), event: z.string().regex(/^[a-z_]{1,40}$/) }),
        body: stepBody,
        response: { 200: stepResult, ...refused },
      },
    },
    async (request) => {
      const c = await applyTransition(
        ctx,
        principalOf(request),
        request.params.id,
        request.params.event,
        request.body,
      );
      return { id: c.id, state: c.state, version: c.version, number: c.number };
    },
  );
};
