import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { AppContext } from "../context.ts";
import { AppError } from "../core/errors.ts";
import { newId } from "../core/ids.ts";
import { agencyRoutes } from "../modules/agencies/routes.ts";
import { benchmarkRoutes } from "../modules/benchmarks/routes.ts";
import { calendarRoutes } from "../modules/calendar/routes.ts";
import { caseRoutes } from "../modules/cases/routes.ts";
import { complaintRoutes } from "../modules/complaints/routes.ts";
import { documentRoutes } from "../modules/documents/routes.ts";
import { evidenceRoutes } from "../modules/evidence/routes.ts";
import { identityRoutes } from "../modules/identity/routes.ts";
import { lawRoutes } from "../modules/laws/routes.ts";
import type { Integrator } from "../modules/ledger/integrator.ts";
import { ledgerRoutes } from "../modules/ledger/routes.ts";
import { officerRoutes } from "../modules/officers/routes.ts";
import { powerRoutes } from "../modules/powers/routes.ts";
import { guideRoutes } from "../modules/publicity/guide-routes.ts";
import { publicInfoRoutes } from "../modules/publicity/info-routes.ts";
import { publicityRoutes } from "../modules/publicity/routes.ts";
import { reviewRoutes } from "../modules/reviews/routes.ts";
import { settingsRoutes } from "../modules/settings/routes.ts";
import { trainingRoutes } from "../modules/training/routes.ts";
import { violationRoutes } from "../modules/violations/routes.ts";
import { authPlugin } from "./auth.ts";
import { installErrorHandler, sendError } from "./error-handler.ts";
import { healthRoutes } from "./health-routes.ts";

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../web/dist");

export type AppOptions = { logLevel?: string; serveWeb?: boolean; integrator?: Integrator };

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: opts.logLevel ?? "info" },
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : newId();
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app, ctx);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  const integrator = opts.integrator;
  if (integrator) {
    // A write may have appended to the record: give it its sequence number soon.
    app.addHook("onResponse", async (request) => {
      if (request.method !== "GET" && request.method !== "HEAD") integrator.kick();
    });
  }

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: "Guifan 规范 · 综合行政执法平台 API",
        description:
          "Every route declares the permission it needs. Errors: `{ error: { code, message, details?, requestId } }`.",
        version: "1",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "guifan_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    // Emits components.schemas, which the transformed routes reference (e.g. the recursive agency tree).
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs" });
  await app.register(fastifyCookie);
  // Per-route limits only (the public complaint routes set theirs); over the limit: 429 RATE_LIMITED.
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError("RATE_LIMITED"),
  });
  await app.register(authPlugin, { ctx });

  app.get("/openapi.json", { config: { auth: "public" }, schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { ctx });
      await api.register(identityRoutes, { ctx });
      await api.register(agencyRoutes, { ctx });
      await api.register(settingsRoutes, { ctx });
      await api.register(calendarRoutes, { ctx });
      await api.register(ledgerRoutes, { ctx });
      await api.register(lawRoutes, { ctx });
      await api.register(powerRoutes, { ctx });
      await api.register(benchmarkRoutes, { ctx });
      await api.register(evidenceRoutes, { ctx });
      await api.register(officerRoutes, { ctx });
      await api.register(trainingRoutes, { ctx });
      await api.register(violationRoutes, { ctx });
      await api.register(caseRoutes, { ctx });
      await api.register(reviewRoutes, { ctx });
      await api.register(complaintRoutes, { ctx });
      await api.register(documentRoutes, { ctx });
      await api.register(publicityRoutes, { ctx });
      await api.register(publicInfoRoutes, { ctx });
      await api.register(guideRoutes, { ctx });
    },
    { prefix: "/api/v1" },
  );

  const serveWeb = (opts.serveWeb ?? true) && fs.existsSync(path.join(webDist, "index.html"));
  if (serveWeb) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
  }
  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith("/api/") || !serveWeb || request.method !== "GET") {
      return sendError(reply, request, new AppError("ROUTE_NOT_FOUND"));
    }
    return reply.type("text/html").sendFile("index.html");
  });
  return app;
}
