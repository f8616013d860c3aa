import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import type { AppContext } from "../context.ts";
import { AppError, type ErrorCode, type ErrorDetail, errorMessages } from "../core/errors.ts";
import { recordSecurityEvent } from "../modules/identity/record-security-event.ts";
import { errorStatus } from "./error-status.ts";

/** Fastify's own error codes that are the caller's fault, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_BODY_TOO_LARGE: "BODY_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "VALIDATION_FAILED",
  FST_ERR_CTP_INVALID_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_VALIDATION: "VALIDATION_FAILED",
  FST_ERR_BAD_URL: "VALIDATION_FAILED",
  FST_ERR_ASYNC_CONSTRAINT: "VALIDATION_FAILED",
};

/** PostgreSQL SQLSTATEs caused by the input rather than a bug. */
const pgCodes: Record<string, ErrorCode> = {
  "23505": "DUPLICATE",
  "23503": "VALIDATION_FAILED",
  "22P02": "VALIDATION_FAILED",
  "22001": "VALIDATION_FAILED",
  "22003": "VALIDATION_FAILED",
  "22007": "VALIDATION_FAILED",
  "22008": "VALIDATION_FAILED",
  "40001": "CONFLICT",
  "40P01": "CONFLICT",
};

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details: ErrorDetail[] = error.validation.map((v) => {
      const issue = (v.params as { issue?: { path?: PropertyKey[] } }).issue;
      const path =
        v.instancePath.replace(/^\//, "").replaceAll("/", ".") || issue?.path?.join(".") || undefined;
      return {
        path: path ? `${error.validationContext}.${path}` : error.validationContext,
        message: v.message ?? "不合法",
      };
    });
    return new AppError("VALIDATION_FAILED", undefined, details);
  }
  const e = error as FastifyError & { cause?: { code?: string } };
  const pg = (e.code && pgCodes[e.code]) || (e.cause?.code && pgCodes[e.cause.code]);
  if (pg) return new AppError(pg);
  const mapped = e.code ? fastifyCodes[e.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (typeof e.statusCode === "number" && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError(
      e.statusCode === 413
        ? "BODY_TOO_LARGE"
        : e.statusCode === 415
          ? "UNSUPPORTED_MEDIA_TYPE"
          : "VALIDATION_FAILED",
    );
  }
  return new AppError("INTERNAL");
}

export function sendError(reply: FastifyReply, request: FastifyRequest, err: AppError) {
  return reply.status(errorStatus[err.code]).send({
    error: {
      code: err.code,
      message: err.message || errorMessages[err.code],
      ...(err.details?.length ? { details: err.details } : {}),
      requestId: request.id,
    },
  });
}

export function installErrorHandler(app: FastifyInstance, ctx: AppContext) {
  app.setErrorHandler(async (error, request, reply) => {
    const err = toAppError(error);
    if (err.code === "INTERNAL") request.log.error({ err: error }, "unhandled error");
    else request.log.info({ code: err.code }, "request refused");
    if (err.code === "FORBIDDEN" || err.code === "FORBIDDEN_AGENCY") {
      await recordSecurityEvent(ctx.db, {
        kind: "permission_denied",
        userId: request.principal?.userId,
        username: request.principal?.username,
        ip: request.ip,
        requestId: request.id,
        detail: `${request.method} ${request.routeOptions.url ?? request.url}`,
      }).catch((e) => request.log.error({ err: e }, "could not record permission denial"));
    }
    return sendError(reply, request, err);
  });
}
