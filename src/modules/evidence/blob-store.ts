import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { AppContext } from "../../context.ts";
import type { ByteRange } from "./evidence.ts";

/**
 * Where evidence bytes live, addressed by their SHA-256 (same content = same blob). The local
 * disk is the default; an S3-compatible store can implement the same interface.
 */
export interface BlobStore {
  /**
   * Streams the source into the store (never holding it in memory) and names it by its hash;
   * `created` = the content was not stored before.
   */
  put(source: Readable): Promise<{ sha256: string; size: number; created: boolean }>;
  /** The bytes, or the inclusive byte range of them. */
  get(sha256: string, range?: ByteRange): Readable;
  stat(sha256: string): Promise<{ size: number } | undefined>;
  exists(sha256: string): Promise<boolean>;
  /** Only to undo a `put` whose metadata did not commit. */
  remove(sha256: string): Promise<void>;
}

const isHash = (s: string) => /^[0-9a-f]{64}$/.test(s);

/** Blobs as files `root/ab/cd/<sha256>`; uploads go to `root/tmp` (same filesystem) and are renamed. */
export class LocalBlobStore implements BlobStore {
  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!isHash(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable): Promise<{ sha256: string; size: number; created: boolean }> {
    const tmpDir = path.join(this.root, "tmp");
    await fs.promises.mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, `${randomUUID()}.part`);
    const hash = createHash("sha256");
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, fs.createWriteStream(tmp, { flags: "wx" }));
      const sha256 = hash.digest("hex");
      const target = this.pathOf(sha256);
      const created = !fs.existsSync(target);
      if (!created) {
        await fs.promises.rm(tmp, { force: true });
      } else {
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.rename(tmp, target);
        await fs.promises.chmod(target, 0o444); // evidence is never rewritten in place
      }
      return { sha256, size, created };
    } catch (e) {
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
  }

  get(sha256: string, range?: ByteRange): Readable {
    return fs.createReadStream(this.pathOf(sha256), range ? { start: range.start, end: range.end } : {});
  }

  async stat(sha256: string): Promise<{ size: number } | undefined> {
    try {
      const s = await fs.promises.stat(this.pathOf(sha256));
      return s.isFile() ? { size: s.size } : undefined;
    } catch {
      return undefined;
    }
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== undefined;
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(this.pathOf(sha256), { force: true });
  }
}

/** The evidence store of this server: `DATA_DIR/blobs` (or GUIFAN_BLOB_DIR). */
export const blobStore = (ctx: AppContext): BlobStore =>
  new LocalBlobStore(process.env.GUIFAN_BLOB_DIR || path.join(ctx.dataDir, "blobs"));

/** Largest accepted evidence file in bytes (GUIFAN_EVIDENCE_MAX_BYTES, default 4 GiB). */
export function evidenceMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GUIFAN_EVIDENCE_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : 4 * 1024 ** 3;
}

/** SHA-256 and size of a stored blob, streamed (constant memory); undefined if it is missing. */
export async function hashBlob(
  store: BlobStore,
  sha256: string,
): Promise<{ sha256: string; size: number } | undefined> {
  if (!(await store.exists(sha256))) return undefined;
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of store.get(sha256)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}
