import type { FastifyReply } from "fastify";

export const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, type: "attachment" | "inline" = "attachment"): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends an Excel workbook as a download named `fileName`. */
export const sendExcel = (reply: FastifyReply, fileName: string, file: Buffer | Uint8Array) =>
  reply.type(xlsxType).header("content-disposition", contentDisposition(fileName)).send(file);
