import { eq } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { blobStore } from "../evidence/blob-store.ts";
import type { Principal } from "../identity/principal.ts";
import { findComplaint } from "./find-complaint.ts";
import { complaintPhotos } from "./schema.ts";

/** A photo of a complaint the actor may read, as a stream. */
export async function openPhoto(ctx: AppContext, actor: Principal, photoId: string) {
  const [p] = await ctx.db.select().from(complaintPhotos).where(eq(complaintPhotos.id, photoId));
  if (!p) throw new AppError("NOT_FOUND", "照片不存在");
  await findComplaint(ctx.db, actor, p.complaintId);
  const store = blobStore(ctx);
  if (!(await store.exists(p.sha256))) throw new AppError("NOT_FOUND", "照片文件缺失");
  return { stream: store.get(p.sha256), contentType: p.contentType, size: p.size };
}
