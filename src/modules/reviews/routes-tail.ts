import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { contentDisposition } from "../../http/download.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import { ackFiling } from "./ack-filing.ts";
import { createMeeting } from "./create-meeting.ts";
import { discussCase } from "./discuss-case.ts";
import { listFilings } from "./list-filings.ts";
import { getMeeting, listMeetings } from "./list-meetings.ts";
import { meetingMinutes } from "./meeting-minutes.ts";
import { reviewFigures } from "./review-figures.ts";
import { ackInput, discussInput, filingInput, meetingInput } from "./review-input.ts";
import { submitFiling } from "./submit-filing.ts";

const refused = { 422: errorBody, ...commonErrors };
const attendee = z.object({ userId: z.string(), name: z.string(), role: z.string() });
const meetingView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  heldOn: z.string(),
  place: z.string(),
  chairId: z.string(),
  chairName: z.string(),
  memberCount: z.number().int(),
  attendees: z.array(attendee),
  at: z.date(),
});
const discussionView = z.object({
  id: z.string(),
  meetingId: z.string(),
  caseId: z.string(),
  opinions: z.array(z.object({ userId: z.string(), name: z.string(), opinion: z.string() })),
  conclusion: z.string(),
  approved: z.boolean(),
  at: z.date(),
});
const filingView = z.object({
  eventId: z.string(),
  caseId: z.string(),
  caseNumber: z.string().nullable(),
  partyName: z.string(),
  summary: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  decidedOn: z.string(),
  fineFen: z.number().int(),
  reasons: z.array(z.object({ ruleId: z.string(), text: z.string() })),
  dueOn: z.string(),
  status: z.enum(["pending", "submitted", "acknowledged"]),
  overdue: z.boolean(),
  filingId: z.string().nullable(),
  submittedOn: z.string().nullable(),
  acknowledgedAt: z.date().nullable(),
});

/** Collective discussion (P9), filing (F1) and figures routes (registered by routes.ts). */
export async function reviewRouteTail(root: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["集体讨论"];
  app.get(
    "/meetings",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "集体讨论会议列表（P9）",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("desc"),
          agencyId: z.uuid().optional(),
        }),
        response: { 200: paged(meetingView.extend({ cases: z.number().int() })), ...commonErrors },
      },
    },
    async (request) => listMeetings(ctx, principalOf(request), request.query),
  );
  app.post(
    "/meetings",
    {
      config: { auth: "meeting.manage" },
      schema: {
        tags,
        summary: "记录集体讨论会议（日期、主持人、出席人员及身份，到会比例为设置）",
        body: meetingInput,
        response: { 201: meetingView.omit({ agencyName: true, chairName: true }), ...refused },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMeeting(ctx, principalOf(request), request.body)),
  );
  app.get(
    "/meetings/:id",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "集体讨论会议详情",
        params: idParam,
        response: {
          200: meetingView.extend({
            discussions: z.array(
              discussionView.extend({
                caseNumber: z.string().nullable(),
                partyName: z.string(),
                summary: z.string(),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => getMeeting(ctx, principalOf(request), request.params.id),
  );
  app.post(
    "/meetings/:id/discussions",
    {
      config: { auth: "meeting.manage" },
      schema: {
        tags,
        summary: "记录会议讨论的案件：每名成员的意见与结论",
        params: idParam,
        body: discussInput,
        response: { 201: discussionView, ...refused },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await discussCase(ctx, principalOf(request), request.params.id, request.body)),
  );
  app.get(
    "/meetings/:id/minutes",
    {
      config: { auth: "review.read" },
      schema: {
        tags,
        summary: "集体讨论记录（PDF）",
        params: idParam,
        produces: ["application/pdf"],
        response: { 200: z.any().describe("PDF 文件"), ...commonErrors },
      },
    },
    async (request, reply) => {
      const out = await meetingMinutes(ctx, principalOf(request), request.params.id);
      return reply
        .type("application/pdf")
        .header("content-disposition", contentDisposition(out.fileName, "inline"))
        .send(out.pdf);
    },
  );

  const ftags = ["重大决定备案"];
  app.get(
    "/filings",
    {
      config: { auth: "review.read" },
      schema: {
        tags: ftags,
        summary: "重大执法决定备案（F1：决定后 10 个工作日内；overdue 为逾期告警）",
        querystring: z.strictObject({
          ...listQuery,
          status: z.enum(["pending", "submitted", "acknowledged"]).optional(),
          overdue: z.stringbool().default(false),
          agencyId: z.uuid().optional(),
        }),
        response: { 200: paged(filingView), ...commonErrors },
      },
    },
    async (request) => listFilings(ctx, principalOf(request), request.query),
  );
  app.post(
    "/filings",
    {
      config: { auth: "filing.submit" },
      schema: {
        tags: ftags,
        summary: "报送备案",
        body: filingInput,
        response: {
          201: z.object({
            id: z.string(),
            eventId: z.string(),
            dueOn: z.string(),
            submittedOn: z.string(),
            late: z.boolean(),
          }),
          ...refused,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitFiling(ctx, principalOf(request), request.body)),
  );
  app.post(
    "/filings/:id/ack",
    {
      config: { auth: "filing.ack" },
      schema: {
        tags: ftags,
        summary: "政府法制机构签收备案",
        params: idParam,
        body: ackInput,
        response: { 200: z.object({ id: z.string(), filingId: z.string() }), ...refused },
      },
    },
    async (request) => ackFiling(ctx, principalOf(request), request.params.id, request.body),
  );
  app.get(
    "/review-figures",
    {
      config: { auth: "review.read" },
      schema: {
        tags: ["法制审核"],
        summary: "法制审核、集体讨论与备案统计（按年度）",
        querystring: z.strictObject({ year: z.coerce.number().int().min(2004).max(2100) }),
        response: {
          200: z.object({
            year: z.number().int(),
            reviews: z.object({
              submitted: z.number().int(),
              agreed: z.number().int(),
              problems: z.number().int(),
              pending: z.number().int(),
              averageHours: z.number().nullable(),
            }),
            meetingsHeld: z.number().int(),
            filings: z.object({
              due: z.number().int(),
              onTime: z.number().int(),
              late: z.number().int(),
              overdue: z.number().int(),
              open: z.number().int(),
            }),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => reviewFigures(ctx, principalOf(request), request.query),
  );
}
