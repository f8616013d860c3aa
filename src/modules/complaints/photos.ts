import type { Readable } from "node:stream";
import { Transform } from "node:stream";
import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { blobStore } from "../evidence/blob-store.ts";
import { evidenceItems } from "../evidence/schema.ts";
import { complaintPhotos } from "./schema.ts";

/** Photos of a complaint: at most 5, each at most 10 MiB, JPEG, PNG or WebP (checked by content). */
export const photoLimits = { files: 5, bytes: 10 * 1024 * 1024 } as const;

export type StoredPhoto = { sha256: string; size: number; contentType: string; created: boolean };

const signatures: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: "image/jpeg", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: "image/png",
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: "image/webp",
    test: (b) =>
      b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
];

/** The image type of the first bytes of a file, or undefined when it is not an accepted photo. */
export function sniffImage(head: Buffer): string | undefined {
  return signatures.find((s) => s.test(head))?.type;
}

const badPhoto = (message: string) =>
  new AppError("VALIDATION_FAILED", message, [{ path: "photos", message }]);

/**
 * Streams one photo into the evidence blob store (SHA-256 while streaming), refusing anything
 * that is not an image by its first bytes or exceeds the size limit.
 */
export async function storePhoto(ctx: AppContext, source: Readable): Promise<StoredPhoto> {
  let head = Buffer.alloc(0);
  let size = 0;
  let type: string | undefined;
  const check = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > photoLimits.bytes) return done(badPhoto("照片不能超过 10 MB"));
      if (!type) {
        head = Buffer.concat([head, chunk]);
        if (head.length >= 12) {
          type = sniffImage(head);
          if (!type) return done(badPhoto("照片只能是 JPEG、PNG 或 WebP 格式"));
        }
      }
      done(null, chunk);
    },
    flush(done) {
      if (!type) {
        type = head.length >= 3 ? sniffImage(head) : undefined;
        if (!type) return done(badPhoto("照片只能是 JPEG、PNG 或 WebP 格式"));
      }
      done();
    },
  });
  source.once("limit", () => check.destroy(badPhoto("照片不能超过 10 MB")));
  // Bytes may flow (and be refused) before the store attaches its pipeline: the refusal is
  // reported through put() or, at the latest, through check.errored below.
  check.on("error", () => {});
  let stored: Awaited<ReturnType<ReturnType<typeof blobStore>["put"]>>;
  try {
    stored = await blobStore(ctx).put(source.pipe(check));
  } catch (e) {
    throw check.errored ?? e;
  }
  if (check.errored) {
    if (stored.created)
      await blobStore(ctx)
        .remove(stored.sha256)
        .catch(() => {});
    throw check.errored;
  }
  return { ...stored, contentType: type! };
}

/** Removes photos stored for a submission that did not commit, unless something else refers to them. */
export async function discardPhotos(ctx: AppContext, photos: StoredPhoto[]): Promise<void> {
  const store = blobStore(ctx);
  for (const p of photos.filter((x) => x.created)) {
    const [a] = await ctx.db
      .select({ id: complaintPhotos.id })
      .from(complaintPhotos)
      .where(eq(complaintPhotos.sha256, p.sha256))
      .limit(1);
    const [b] = await ctx.db
      .select({ id: evidenceItems.id })
      .from(evidenceItems)
      .where(eq(evidenceItems.sha256, p.sha256))
      .limit(1);
    if (!a && !b) await store.remove(p.sha256).catch(() => {});
  }
}
