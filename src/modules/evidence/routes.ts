import { Readable } from "node:stream";
import fastifyMultipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { principalOf } from "../../http/auth.ts";
import { contentDisposition } from "../../http/download.ts";
import { commonErrors, errorBody, idParam, listQuery, paged } from "../../http/schemas.ts";
import { addEvidence } from "./add-evidence.ts";
import { assignDevice } from "./assign-device.ts";
import { evidenceMaxBytes } from "./blob-store.ts";
import { changeDeviceStatus } from "./change-device-status.ts";
import { changeRecordingList } from "./change-recording-list.ts";
import { deviceHistory } from "./device-history.ts";
import { deviceStatusCodes } from "./devices.ts";
import { type EvidenceMetadataInput, evidenceKindCodes } from "./evidence.ts";
import { exportCaseRecord } from "./export-case-record.ts";
import { findEvidence } from "./find-evidence.ts";
import { getRecordingList } from "./get-recording-list.ts";
import { listDevices } from "./list-devices.ts";
import { listEvidence } from "./list-evidence.ts";
import { openEvidenceContent } from "./open-evidence-content.ts";
import { registerDevice } from "./register-device.ts";
import { returnDevice } from "./return-device.ts";

const tags = ["证据与记录仪"];

const evidenceView = z.object({
  id: z.string(),
  agencyId: z.string(),
  caseId: z.string().nullable(),
  action: z.string().nullable(),
  kind: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  capturedAt: z.date().nullable(),
  deviceId: z.string().nullable(),
  officerId: z.string().nullable(),
  location: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  description: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.date(),
});

const deviceView = z.object({
  id: z.string(),
  agencyId: z.string(),
  serialNumber: z.string(),
  model: z.string(),
  status: z.string(),
  registeredAt: z.date(),
});

const recordingListView = z.object({
  agencyId: z.string(),
  definedBy: z.string().nullable(),
  items: z.array(z.object({ action: z.string(), label: z.string(), level: z.enum(["full", "as_needed"]) })),
  version: z.object({ id: z.string(), changedAt: z.date(), reason: z.string() }).nullable(),
});

const binary = z.any().describe("文件内容（二进制流）");

export const evidenceRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  // Uploads are streamed: only this plugin accepts multipart, with its own (large) per-file limit;
  // the JSON body limit of the rest of the API is unchanged.
  await app.register(fastifyMultipart, {
    limits: { fileSize: evidenceMaxBytes(), files: 1, fields: 30, fieldSize: 64 * 1024 },
  });

  app.post(
    "/evidence",
    {
      config: { auth: "evidence.write" },
      schema: {
        tags,
        summary: "上传证据文件（multipart/form-data：先元数据字段，后 file；文件流式保存并计算 SHA-256）",
        consumes: ["multipart/form-data"],
        response: { 201: evidenceView, 413: errorBody, 415: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError("UNSUPPORTED_MEDIA_TYPE", "请以 multipart/form-data 上传");
      const fields: Record<string, string> = {};
      let created: Awaited<ReturnType<typeof addEvidence>> | undefined;
      for await (const part of request.parts()) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        if (created) {
          part.file.resume();
          continue;
        }
        const file = part.file;
        file.once("limit", () => file.destroy(new AppError("BODY_TOO_LARGE", "证据文件超过允许的大小")));
        created = await addEvidence(
          ctx,
          principalOf(request),
          { ...fields, fileName: part.filename, contentType: part.mimetype } as EvidenceMetadataInput,
          file,
        );
      }
      if (!created)
        throw new AppError("VALIDATION_FAILED", "缺少证据文件", [{ path: "file", message: "缺少证据文件" }]);
      return reply.status(201).send(created);
    },
  );

  app.get(
    "/evidence",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "证据列表（本机关及所监督机关；新的在前）",
        querystring: z.strictObject({
          ...listQuery,
          order: z.enum(["asc", "desc"]).default("desc"),
          agencyId: z.uuid().optional(),
          caseId: z.uuid().optional(),
          kind: z.enum(evidenceKindCodes).optional(),
          officerId: z.uuid().optional(),
          deviceId: z.uuid().optional(),
          action: z.string().max(64).optional(),
        }),
        response: { 200: paged(evidenceView), ...commonErrors },
      },
    },
    async (request) => listEvidence(ctx, principalOf(request), request.query),
  );

  app.get(
    "/evidence/export",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "导出案件全过程记录（ZIP：记录条目、包含证明、签名检查点、公钥、证据文件、核验说明）",
        querystring: z.strictObject({ agencyId: z.uuid(), caseId: z.uuid() }),
        produces: ["application/zip"],
        response: { 200: binary, ...commonErrors },
      },
    },
    async (request, reply) => {
      const out = await exportCaseRecord(ctx, principalOf(request), request.query);
      return reply
        .type("application/zip")
        .header("content-disposition", contentDisposition(out.fileName))
        .send(out.stream);
    },
  );

  app.get(
    "/evidence/:id",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "证据元数据",
        params: idParam,
        response: { 200: evidenceView, ...commonErrors },
      },
    },
    async (request) => findEvidence(ctx, principalOf(request), request.params.id),
  );

  app.get(
    "/evidence/:id/content",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "下载证据文件（支持 Range 断点与视频拖动；每次下载均记入全过程记录）",
        params: idParam,
        querystring: z.strictObject({
          /** inline: shown by the browser (photo, audio and video players) instead of saved. */
          disposition: z.enum(["attachment", "inline"]).default("attachment"),
        }),
        response: { 200: binary, 206: binary, 416: errorBody, ...commonErrors },
      },
    },
    async (request, reply) => {
      let content: Awaited<ReturnType<typeof openEvidenceContent>>;
      try {
        content = await openEvidenceContent(
          ctx,
          principalOf(request),
          request.params.id,
          request.headers.range,
          { headersOnly: request.method === "HEAD" },
        );
      } catch (e) {
        if (e instanceof AppError && e.code === "RANGE_NOT_SATISFIABLE" && e.details?.[0])
          reply.header("content-range", e.details[0].message);
        throw e;
      }
      const { item, range, stream } = content;
      reply
        .type(item.contentType)
        .header("accept-ranges", "bytes")
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", contentDisposition(item.fileName, request.query.disposition))
        .header("etag", `"${item.sha256}"`);
      if (range) {
        reply
          .status(206)
          .header("content-range", `bytes ${range.start}-${range.end}/${item.size}`)
          .header("content-length", range.end - range.start + 1);
      } else {
        reply.header("content-length", item.size);
      }
      return reply.send(stream ?? Readable.from([])); // HEAD: the headers only
    },
  );

  app.get(
    "/devices",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "执法记录仪列表（含当前领用人）",
        querystring: z.strictObject({
          ...listQuery,
          agencyId: z.uuid().optional(),
          status: z.enum(deviceStatusCodes).optional(),
        }),
        response: {
          200: paged(
            deviceView.extend({
              agencyName: z.string(),
              holderId: z.string().nullable(),
              holderName: z.string().nullable(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listDevices(ctx, principalOf(request), request.query),
  );

  app.post(
    "/devices",
    {
      config: { auth: "device.manage" },
      schema: {
        tags,
        summary: "登记执法记录仪",
        body: z.strictObject({
          agencyId: z.uuid(),
          serialNumber: z.string().max(64),
          model: z.string().max(100).optional(),
          status: z.enum(deviceStatusCodes).optional(),
        }),
        response: { 201: deviceView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerDevice(ctx, principalOf(request), request.body)),
  );

  const assignmentView = z.object({
    id: z.string(),
    deviceId: z.string(),
    officerId: z.string().nullable(),
    note: z.string(),
    by: z.string(),
    at: z.date(),
  });

  app.post(
    "/devices/:id/assign",
    {
      config: { auth: "device.manage" },
      schema: {
        tags,
        summary: "领用：把记录仪交给本机关的执法人员",
        params: idParam,
        body: z.strictObject({ officerId: z.uuid(), note: z.string().max(500).optional() }),
        response: { 201: assignmentView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await assignDevice(ctx, principalOf(request), request.params.id, request.body)),
  );

  app.post(
    "/devices/:id/return",
    {
      config: { auth: "device.manage" },
      schema: {
        tags,
        summary: "归还记录仪",
        params: idParam,
        body: z.strictObject({ note: z.string().max(500).optional() }).default({}),
        response: { 201: assignmentView, ...commonErrors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await returnDevice(ctx, principalOf(request), request.params.id, request.body ?? {})),
  );

  app.post(
    "/devices/:id/status",
    {
      config: { auth: "device.manage" },
      schema: {
        tags,
        summary: "变更记录仪状态（在用、维修、报废）",
        params: idParam,
        body: z.strictObject({ status: z.enum(deviceStatusCodes), note: z.string().max(500).optional() }),
        response: { 200: deviceView, ...commonErrors },
      },
    },
    async (request) => changeDeviceStatus(ctx, principalOf(request), request.params.id, request.body),
  );

  app.get(
    "/devices/:id/assignments",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "记录仪领用与归还记录（新的在前）",
        params: idParam,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              officerId: z.string().nullable(),
              officerName: z.string().nullable(),
              note: z.string(),
              by: z.string(),
              at: z.date(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => deviceHistory(ctx, principalOf(request), request.params.id),
  );

  app.get(
    "/recording-list",
    {
      config: { auth: "evidence.read" },
      schema: {
        tags,
        summary: "音像记录事项清单（L5；未自定义时沿用上级机关或默认清单）",
        querystring: z.strictObject({ agencyId: z.uuid() }),
        response: { 200: recordingListView, ...commonErrors },
      },
    },
    async (request) => getRecordingList(ctx, principalOf(request), request.query.agencyId),
  );

  app.put(
    "/recording-list",
    {
      config: { auth: "device.manage" },
      schema: {
        tags,
        summary: "修改本机关的音像记录事项清单（每次修改留存为新版本；inherit=true 恢复沿用上级）",
        querystring: z.strictObject({ agencyId: z.uuid() }),
        body: z.strictObject({
          inherit: z.boolean().optional(),
          items: z
            .array(
              z.strictObject({
                action: z.string().max(64),
                label: z.string().max(100),
                level: z.enum(["full", "as_needed"]),
              }),
            )
            .max(200)
            .optional(),
          reason: z.string().max(500),
        }),
        response: { 200: recordingListView, ...commonErrors },
      },
    },
    async (request) => changeRecordingList(ctx, principalOf(request), request.query.agencyId, request.body),
  );
};
