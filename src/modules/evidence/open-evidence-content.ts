import type { Readable } from "node:stream";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { blobStore } from "./blob-store.ts";
import { type ByteRange, parseRange } from "./evidence.ts";
import { type EvidenceRow, findEvidence } from "./find-evidence.ts";

export type EvidenceContent = { item: EvidenceRow; range?: ByteRange; stream?: Readable };

/**
 * Opens an evidence file for download (whole, or the byte range of a `Range` header) and records
 * the download in the full-process record (C7). A range past the end is RANGE_NOT_SATISFIABLE,
 * its detail carrying the Content-Range value for the 416 answer. `headersOnly` (HEAD) opens nothing
 * and records nothing.
 */
export async function openEvidenceContent(
  ctx: AppContext,
  actor: Principal,
  id: string,
  rangeHeader?: string,
  opts: { headersOnly?: boolean } = {},
): Promise<EvidenceContent> {
  const item = await findEvidence(ctx, actor, id);
  const range = parseRange(rangeHeader, item.size);
  if (range === "unsatisfiable")
    throw new AppError("RANGE_NOT_SATISFIABLE", undefined, [
      { path: "range", message: `bytes */${item.size}` },
    ]);
  const store = blobStore(ctx);
  if (!(await store.exists(item.sha256))) throw new AppError("NOT_FOUND", "证据文件缺失，请运行核验");
  // A HEAD request reads nothing: nothing to record.
  if (opts.headersOnly) return { item, range };
  await ctx.db.transaction((tx) =>
    appendEntry(tx, {
      agencyId: item.agencyId,
      actorId: actor.userId,
      caseId: item.caseId,
      type: "evidence.downloaded",
      payload: {
        evidenceId: item.id,
        sha256: item.sha256,
        start: range?.start ?? 0,
        end: range?.end ?? item.size - 1,
      },
      at: ctx.now(),
    }),
  );
  return { item, range, stream: store.get(item.sha256, range) };
}
