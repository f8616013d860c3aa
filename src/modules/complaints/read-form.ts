import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { discardPhotos, photoLimits, type StoredPhoto, storePhoto } from "./photos.ts";

/** Flat form fields ("reporter.name") to the nested input object; empty fields are left out. */
export function formToInput(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === "") continue;
    const [head, sub] = k.split(".", 2) as [string, string | undefined];
    if (sub) {
      if (typeof out[head] !== "object") out[head] = {};
      (out[head] as Record<string, unknown>)[sub] = v;
    } else out[head] = v;
  }
  return out;
}

/**
 * Reads a complaint form: JSON, or multipart/form-data with the fields first and then up to 5
 * photos ("photos"). `check` validates the fields (and permissions) before any photo byte is
 * stored; photos stored for a request that then fails are removed again by the caller's
 * `discard`.
 */
export async function readComplaintForm<T>(
  ctx: AppContext,
  request: FastifyRequest,
  check: (input: unknown) => Promise<T>,
): Promise<{ input: T; photos: StoredPhoto[]; discard: () => Promise<void> }> {
  if (!request.isMultipart()) {
    if (request.body === undefined || typeof request.body !== "object" || request.body === null)
      throw new AppError("VALIDATION_FAILED", "请求体应为 JSON 对象或 multipart/form-data");
    return { input: await check(request.body), photos: [], discard: async () => {} };
  }
  const fields: Record<string, string> = {};
  const photos: StoredPhoto[] = [];
  let input: T | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === "field") {
        if (input !== undefined)
          throw new AppError("VALIDATION_FAILED", "表单字段须在照片之前提交", [
            { path: part.fieldname, message: "表单字段须在照片之前提交" },
          ]);
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (input === undefined) input = await check(formToInput(fields));
      if (photos.length >= photoLimits.files) {
        part.file.resume();
        throw new AppError("VALIDATION_FAILED", `最多上传 ${photoLimits.files} 张照片`, [
          { path: "photos", message: `最多上传 ${photoLimits.files} 张照片` },
        ]);
      }
      photos.push(await storePhoto(ctx, part.file));
    }
    if (input === undefined) input = await check(formToInput(fields));
  } catch (e) {
    await discardPhotos(ctx, photos);
    throw e;
  }
  return { input, photos, discard: () => discardPhotos(ctx, photos) };
}
