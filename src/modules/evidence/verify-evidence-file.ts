import type { AppContext } from "../../context.ts";
import { blobStore, hashBlob } from "./blob-store.ts";

/**
 * The file check of verification (C7) for one `evidence.added` entry: the blob exists and its
 * SHA-256 and size are the recorded ones (streamed, constant memory). Returns the problem, if any.
 */
export async function checkEvidenceFile(ctx: AppContext, payload: string): Promise<string | undefined> {
  let p: { sha256?: unknown; size?: unknown; fileName?: unknown; evidenceId?: unknown };
  try {
    p = JSON.parse(payload);
  } catch {
    return "证据记录的内容不是有效的 JSON";
  }
  const sha256 = typeof p.sha256 === "string" ? p.sha256 : "";
  if (!/^[0-9a-f]{64}$/.test(sha256)) return "证据记录缺少文件的 SHA-256";
  const name = `证据文件“${String(p.fileName ?? "")}”（${String(p.evidenceId ?? "")}，SHA-256 ${sha256}）`;
  const actual = await hashBlob(blobStore(ctx), sha256);
  if (!actual) return `${name}缺失（文件被删除）`;
  if (actual.sha256 !== sha256 || actual.size !== p.size)
    return `${name}的内容与记录的哈希不符（文件被改动，现为 ${actual.sha256}，${actual.size} 字节）`;
  return undefined;
}
