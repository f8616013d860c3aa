import { createHash } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { assertIssuable, findCaseDocuments } from "./find-case-documents.ts";
import { documentDefinition, renderPdf } from "./pdf.ts";

/**
 * One document of a case as a PDF (C12), rendered on request (never inside a case step). The
 * download is recorded in the full-process record (C7) with the PDF's SHA-256, so what was issued
 * can be proven later; the same case gives the same bytes.
 */
export async function renderCaseDocument(
  ctx: AppContext,
  actor: Principal,
  q: { caseId: string; kind: string; seq: number },
): Promise<{ fileName: string; pdf: Buffer }> {
  const { file, documents, agencyId } = await findCaseDocuments(ctx, actor, q.caseId);
  const d = documents.find((x) => x.kind === q.kind && x.seq === q.seq);
  if (!d) throw new AppError("NOT_FOUND", "本案该环节没有此文书");
  // X1: a penalty decision missing a required item is not issued.
  assertIssuable(d);
  const pdf = await renderPdf(documentDefinition(file, d));
  await ctx.db.transaction((tx) =>
    appendEntry(tx, {
      agencyId,
      actorId: actor.userId,
      caseId: q.caseId,
      type: "document.downloaded",
      payload: {
        kind: d.kind,
        seq: d.seq,
        number: d.number,
        sha256: createHash("sha256").update(pdf).digest("hex"),
        size: pdf.length,
      },
      at: ctx.now(),
    }),
  );
  return { fileName: `${d.title}-${d.number}.pdf`, pdf };
}
