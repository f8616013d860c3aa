import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { principalOf } from "../../http/auth.ts";
import { commonErrors, idParam, listQuery, paged } from "../../http/schemas.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { requirePermission, scopePrefixes } from "../identity/principal.ts";
import { ledgerEventTypes } from "./entry.ts";
import { listLedgerEntries } from "./list-entries.ts";
import { consistencyProof, inclusionProof, latestCheckpoint } from "./prove.ts";
import { publishedKeys } from "./published-keys.ts";
import { caseTimeline } from "./timeline.ts";
import { verifyLedger } from "./verify-ledger.ts";

const tags = ["全过程记录"];
const agencyQuery = { agencyId: z.uuid() };
const checkpointView = z.object({
  agencyId: z.string(),
  treeSize: z.number(),
  rootHash: z.string(),
  at: z.date(),
  keyId: z.string(),
  body: z.string(),
  signature: z.string(),
  publicKey: z.string(),
});
const timelineEntryView = z.object({
  id: z.number(),
  seq: z.number().nullable(),
  leafHash: z.string().nullable(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  caseId: z.string().nullable(),
  eventType: z.string(),
  eventTypeLabel: z.string(),
  payload: z.string(),
  /** Inclusion proof (base64 hashes) against `checkpoint`; null while awaiting a checkpoint. */
  proof: z.array(z.string()).nullable(),
  awaitingCheckpoint: z.boolean(),
});
const problemView = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  seq: z.number().nullable(),
  entryId: z.number().nullable(),
  caseId: z.string().nullable(),
  what: z.string(),
});

export const ledgerRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.get(
    "/ledger/checkpoints/latest",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "机关记录树最新的签名检查点（公开，供任何人核验）",
        security: [],
        querystring: z.strictObject(agencyQuery),
        response: { 200: checkpointView, ...commonErrors },
      },
    },
    async (request) => {
      const cp = await latestCheckpoint(ctx.db, request.query.agencyId);
      if (!cp) throw new AppError("NOT_FOUND", "该机关尚无签名检查点");
      return cp;
    },
  );

  app.get(
    "/ledger/keys",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "各机关的检查点签名公钥（Ed25519，公开）",
        security: [],
        querystring: z.strictObject({ agencyId: z.uuid().optional() }),
        response: {
          200: z.array(
            z.object({ keyId: z.string(), agencyId: z.string(), publicKey: z.string(), createdAt: z.date() }),
          ),
        },
      },
    },
    async (request) => publishedKeys(ctx, request.query.agencyId),
  );

  app.get(
    "/ledger/proofs/inclusion",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "包含证明：第 seq 条记录在规模为 treeSize 的记录树中（RFC 9162）",
        security: [],
        querystring: z.strictObject({
          ...agencyQuery,
          seq: z.coerce.number().int().min(0),
          treeSize: z.coerce.number().int().min(1),
        }),
        response: {
          200: z.object({
            agencyId: z.string(),
            seq: z.number(),
            treeSize: z.number(),
            leafHash: z.string(),
            proof: z.array(z.string()),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { agencyId, seq, treeSize } = request.query;
      const cp = await latestCheckpoint(ctx.db, agencyId);
      if (!cp || treeSize > cp.treeSize) throw new AppError("NOT_FOUND", "所请求的树规模尚无签名检查点");
      return inclusionProof(ctx.db, agencyId, seq, treeSize);
    },
  );

  app.get(
    "/ledger/proofs/consistency",
    {
      config: { auth: "public" },
      schema: {
        tags,
        summary: "一致性证明：记录树从 first 条增长到 second 条时只追加、未改动（RFC 9162）",
        security: [],
        querystring: z.strictObject({
          ...agencyQuery,
          first: z.coerce.number().int().min(1),
          second: z.coerce.number().int().min(1),
        }),
        response: {
          200: z.object({
            agencyId: z.string(),
            first: z.number(),
            second: z.number(),
            proof: z.array(z.string()),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { agencyId, first, second } = request.query;
      const cp = await latestCheckpoint(ctx.db, agencyId);
      if (!cp || second > cp.treeSize) throw new AppError("NOT_FOUND", "所请求的树规模尚无签名检查点");
      return consistencyProof(ctx.db, agencyId, first, second);
    },
  );

  app.get(
    "/ledger/entries",
    {
      config: { auth: "ledger.read" },
      schema: {
        tags,
        summary: "机关的全过程记录条目（新的在前）",
        querystring: z.strictObject({
          ...listQuery,
          ...agencyQuery,
          eventType: z.enum(Object.keys(ledgerEventTypes) as [string, ...string[]]).optional(),
          caseId: z.uuid().optional(),
        }),
        response: {
          200: paged(
            z.object({
              id: z.number(),
              seq: z.number().nullable(),
              leafHash: z.string().nullable(),
              at: z.date(),
              actorId: z.string().nullable(),
              actorName: z.string().nullable(),
              caseId: z.string().nullable(),
              eventType: z.string(),
              payload: z.string(),
            }),
          ),
          ...commonErrors,
        },
      },
    },
    async (request) => listLedgerEntries(ctx, principalOf(request), request.query.agencyId, request.query),
  );

  app.get(
    "/ledger/event-types",
    {
      config: { auth: "ledger.read" },
      schema: {
        tags,
        summary: "全过程记录的事件类型及其中文名称",
        response: { 200: z.array(z.object({ type: z.string(), label: z.string() })), ...commonErrors },
      },
    },
    async () => Object.entries(ledgerEventTypes).map(([type, label]) => ({ type, label })),
  );

  app.get(
    "/cases/:id/timeline",
    {
      config: { auth: "ledger.read" },
      schema: {
        tags,
        summary: "案件的全过程记录时间线：按发生顺序的全部记录，每条附对最新签名检查点的包含证明",
        params: idParam,
        response: {
          200: z.object({
            caseId: z.string(),
            agencyId: z.string(),
            agencyName: z.string(),
            checkpoint: checkpointView.nullable(),
            entries: z.array(timelineEntryView),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => caseTimeline(ctx, principalOf(request), request.params.id),
  );

  app.get(
    "/ledger/verify",
    {
      config: { auth: "ledger.verify" },
      schema: {
        tags,
        summary: "核验全过程记录：重算每条记录的哈希与每棵树，逐一对照签名检查点",
        querystring: z.strictObject({ agencyId: z.uuid().optional() }),
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            checkpoints: z.number(),
            agencies: z.array(
              z.object({
                agencyId: z.string(),
                agencyName: z.string(),
                entries: z.number(),
                checkpoints: z.number(),
                problem: problemView.optional(),
              }),
            ),
            firstProblem: problemView.optional(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const actor = principalOf(request);
      if (request.query.agencyId) {
        requirePermission(actor, "ledger.verify", (await findAgency(ctx.db, request.query.agencyId)).path);
        return verifyLedger(ctx, { agencyId: request.query.agencyId });
      }
      return verifyLedger(ctx, { underPaths: scopePrefixes(actor, "ledger.verify") });
    },
  );
};
