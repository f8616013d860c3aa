import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { currentSchemaVersion } from "../db/migrate.ts";

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/health",
    {
      config: { auth: "public" },
      schema: {
        tags: ["系统"],
        summary: "健康检查：数据库引擎与结构版本",
        security: [],
        response: {
          200: z.object({
            status: z.literal("ok"),
            engine: z.string(),
            schemaVersion: z.number(),
            time: z.date(),
          }),
        },
      },
    },
    async () => ({
      status: "ok" as const,
      engine: ctx.database.engine,
      schemaVersion: await currentSchemaVersion(ctx.database),
      time: ctx.now(),
    }),
  );
};
