import { z } from "zod";

/** What an evidence file is. */
export const evidenceKinds = {
  photo: "照片",
  audio: "录音",
  video: "录像",
  document: "书证/文件",
  other: "其他",
} as const;
export type EvidenceKind = keyof typeof evidenceKinds;
export const evidenceKindCodes = Object.keys(evidenceKinds) as [EvidenceKind, ...EvidenceKind[]];

const optionalUuid = z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional());
const optionalNumber = (min: number, max: number) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().min(min).max(max).optional());

/**
 * The metadata sent with an upload (multipart fields before the file, so all strings). The file
 * name and content type come from the file part.
 */
export const evidenceMetadataInput = z.strictObject({
  agencyId: z.uuid(),
  caseId: optionalUuid,
  action: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(64).optional()),
  kind: z.enum(evidenceKindCodes),
  capturedAt: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.date().optional()),
  deviceId: optionalUuid,
  officerId: optionalUuid,
  location: z.string().trim().max(200).default(""),
  latitude: optionalNumber(-90, 90),
  longitude: optionalNumber(-180, 180),
  description: z.string().trim().max(2000).default(""),
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().trim().max(200).default("application/octet-stream"),
});
export type EvidenceMetadataInput = z.input<typeof evidenceMetadataInput>;
export type EvidenceMetadata = z.output<typeof evidenceMetadataInput>;

/** A content type safe to send back ("type/subtype", optional parameters), else octet-stream. */
export function safeContentType(value: string): string {
  return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+"-]+)*$/.test(value) ? value : "application/octet-stream";
}

/** A file name without path parts or control characters. */
export const cleanFileName = (name: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters on purpose
  (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim() || "file";

export type ByteRange = { start: number; end: number };

/**
 * The byte range asked for by a `Range` header (RFC 9110 14.2) in a file of `size` bytes:
 * undefined = send the whole file (no header, a syntax the server ignores, or several ranges);
 * "unsatisfiable" = answer 416.
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | "unsatisfiable" | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined;
  const [, a, b] = m;
  if (a === "" && b === "") return undefined;
  if (a === "") {
    const n = Number(b);
    if (n === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === "" ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== "" && Number(b) < start) return undefined;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}
