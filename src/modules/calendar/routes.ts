import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, isoDate } from "../../http/schemas.ts";
import { calendarCoverage } from "./calendar-coverage.ts";
import { calendarYearFile, importCalendarYear } from "./import-calendar-year.ts";
import { listCalendarDays, listCalendarYears } from "./list-calendar.ts";
import { loadCalendar } from "./load-calendar.ts";
import { dueDate } from "./working-days.ts";

const tags = ["工作日历"];

export const calendarRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/calendar/deadline",
    {
      config: { auth: "calendar.read" },
      schema: {
        tags,
        summary: "期限计算预览（工作日不含起算日；自然日、月届满日遇休息日顺延）",
        querystring: z.strictObject({
          start: isoDate,
          amount: z.coerce.number().int().min(0).max(3660),
          unit: z.enum(["workday", "day", "month"]),
        }),
        response: {
          200: z.object({
            start: z.string(),
            amount: z.number(),
            unit: z.string(),
            due: z.string(),
            end: z.string(),
            rolledOver: z.boolean(),
          }),
          ...commonErrors,
          422: commonErrors[400],
        },
      },
    },
    async (request) => {
      const { start, amount, unit } = request.query;
      return { start, amount, unit, ...dueDate(await loadCalendar(ctx.db), start, amount, unit) };
    },
  );

  app.get(
    "/calendar/coverage",
    {
      config: { auth: "session" },
      schema: {
        tags,
        summary: "工作日历覆盖范围与到期提醒（规则 D4；距覆盖截止日不足 calendar.warnDays 日时 warn=true）",
        response: {
          200: z.object({
            lastYear: z.number().int(),
            coveredUntil: z.string(),
            daysLeft: z.number().int(),
            warnDays: z.number().int(),
            warn: z.boolean(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => calendarCoverage(ctx, principalOf(request)),
  );

  app.get(
    "/calendar/years",
    {
      config: { auth: "calendar.read" },
      schema: {
        tags,
        summary: "已导入的年度",
        response: {
          200: z.array(
            z.object({
              year: z.number(),
              source: z.string(),
              importedAt: z.date(),
              holidays: z.number(),
              workdays: z.number(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async () => listCalendarYears(ctx),
  );

  app.get(
    "/calendar/days",
    {
      config: { auth: "calendar.read" },
      schema: {
        tags,
        summary: "某年的法定节假日与调休工作日",
        querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: {
          200: z.array(z.object({ day: z.string(), kind: z.string(), name: z.string() })),
          ...commonErrors,
        },
      },
    },
    async (request) => listCalendarDays(ctx, request.query.year),
  );

  app.post(
    "/calendar/years",
    {
      config: { auth: "calendar.manage" },
      schema: {
        tags,
        summary: "导入新年度工作日历（依据国务院办公厅节假日安排通知）",
        body: calendarYearFile,
        querystring: z.strictObject({ replace: z.enum(["true", "false"]).default("false") }),
        response: {
          201: z.object({ year: z.number(), holidays: z.number(), workdays: z.number() }),
          ...commonErrors,
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await importCalendarYear(ctx, principalOf(request), request.body, {
          replace: request.query.replace === "true",
        }),
      ),
  );
};
