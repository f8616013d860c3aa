import type { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { newId } from "../../core/ids.ts";
import type { Executor } from "../../db/client.ts";
import { findAgency } from "../agencies/find-agency.ts";
import { type Principal, requirePermission } from "../identity/principal.ts";
import { memberships } from "../identity/schema.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { blobStore } from "./blob-store.ts";
import {
  cleanFileName,
  type EvidenceMetadata,
  type EvidenceMetadataInput,
  evidenceMetadataInput,
  safeContentType,
} from "./evidence.ts";
import { parseInput } from "./parse-input.ts";
import { evidenceItems, recordingDevices } from "./schema.ts";

const micro = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1e6));

/** The checks of an upload that need the database (before any byte is stored, and again in the transaction). */
async function checkReferences(
  ex: Executor,
  actor: Principal,
  m: { agencyId: string; deviceId?: string; officerId?: string },
) {
  const agency = await findAgency(ex, m.agencyId);
  requirePermission(actor, "evidence.write", agency.path);
  if (m.deviceId) {
    const [d] = await ex
      .select({ id: recordingDevices.id })
      .from(recordingDevices)
      .where(and(eq(recordingDevices.id, m.deviceId), eq(recordingDevices.agencyId, m.agencyId)));
    if (!d)
      throw new AppError("VALIDATION_FAILED", "记录仪不是本机关登记的设备", [
        { path: "deviceId", message: "记录仪不是本机关登记的设备" },
      ]);
  }
  if (m.officerId) {
    const [o] = await ex
      .select({ id: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.userId, m.officerId), eq(memberships.agencyId, m.agencyId)))
      .limit(1);
    if (!o)
      throw new AppError("VALIDATION_FAILED", "执法人员不属于本机关", [
        { path: "officerId", message: "执法人员不属于本机关" },
      ]);
  }
}

/**
 * Stores an evidence file streamed from the client (C7): metadata and permissions are checked
 * first, the bytes go to the blob store while their SHA-256 is computed, then the metadata row and
 * its `evidence.added` entry commit together.
 */
export async function addEvidence(
  ctx: AppContext,
  actor: Principal,
  input: EvidenceMetadataInput,
  content: Readable,
) {
  const m = parseInput(evidenceMetadataInput, input);
  await checkReferences(ctx.db, actor, m);
  const store = blobStore(ctx);
  const { sha256, size, created } = await store.put(content);
  try {
    return await record(ctx, actor, m, sha256, size);
  } catch (e) {
    // Leave nothing behind: a file stored only for this upload goes again unless another
    // record refers to the same content by now.
    if (created) {
      const [other] = await ctx.db
        .select({ id: evidenceItems.id })
        .from(evidenceItems)
        .where(eq(evidenceItems.sha256, sha256))
        .limit(1);
      if (!other) await store.remove(sha256).catch(() => {});
    }
    throw e;
  }
}

/** The metadata row and its ledger entry, in one transaction. */
async function record(ctx: AppContext, actor: Principal, m: EvidenceMetadata, sha256: string, size: number) {
  return ctx.db.transaction(async (tx) => {
    await checkReferences(tx, actor, m);
    const now = ctx.now();
    const [row] = await tx
      .insert(evidenceItems)
      .values({
        id: newId(),
        agencyId: m.agencyId,
        caseId: m.caseId ?? null,
        action: m.action ?? null,
        kind: m.kind,
        fileName: cleanFileName(m.fileName),
        contentType: safeContentType(m.contentType),
        size,
        sha256,
        capturedAt: m.capturedAt ?? null,
        deviceId: m.deviceId ?? null,
        officerId: m.officerId ?? null,
        location: m.location,
        latitude: m.latitude ?? null,
        longitude: m.longitude ?? null,
        description: m.description,
        uploadedBy: actor.userId,
        uploadedAt: now,
      })
      .returning();
    const e = row!;
    await appendEntry(tx, {
      agencyId: e.agencyId,
      actorId: actor.userId,
      caseId: e.caseId,
      type: "evidence.added",
      payload: {
        evidenceId: e.id,
        sha256: e.sha256,
        size: e.size,
        kind: e.kind,
        action: e.action,
        fileName: e.fileName,
        contentType: e.contentType,
        capturedAt: e.capturedAt,
        deviceId: e.deviceId,
        officerId: e.officerId,
        location: e.location,
        latE6: micro(m.latitude),
        lngE6: micro(m.longitude),
        description: e.description,
      },
      at: now,
    });
    return e;
  });
}
