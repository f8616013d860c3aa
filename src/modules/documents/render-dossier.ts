import { createHash } from "node:crypto";
import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { appendEntry } from "../ledger/append-entry.ts";
import { dossierOrder } from "./case-documents.ts";
import { documentKinds, dossierGroups } from "./document-kinds.ts";
import { assertIssuable, findCaseDocuments } from "./find-case-documents.ts";
import { dossierDefinition, renderPdf } from "./pdf.ts";

/**
 * The electronic dossier (卷宗, C12): every document of the case in the standard order
 * (legal-rules.md), the evidence list after the evidence records, a cover and an index with page
 * numbers, as one PDF. An incomplete penalty decision (X1) is not put in a dossier: refused.
 * Recorded in the full-process record (C7) with the PDF's SHA-256.
 */
export async function renderDossier(
  ctx: AppContext,
  actor: Principal,
  caseId: string,
): Promise<{ fileName: string; pdf: Buffer; titles: string[] }> {
  const { file, documents, agencyId } = await findCaseDocuments(ctx, actor, caseId);
  for (const d of documents) assertIssuable(d);
  const ordered = dossierOrder(
    documents,
    documentKinds.map((k) => k.code),
  );
  // The evidence list closes the evidence group (after its records, before the later groups).
  const evidenceGroup = dossierGroups.indexOf("证据材料");
  const after = ordered.findIndex((d) => dossierGroups.indexOf(d.def.dossier) > evidenceGroup);
  const evidenceAt = after === -1 ? ordered.length : after;
  const pdf = await renderPdf(dossierDefinition(file, ordered, evidenceAt));
  await ctx.db.transaction((tx) =>
    appendEntry(tx, {
      agencyId,
      actorId: actor.userId,
      caseId,
      type: "dossier.downloaded",
      payload: {
        documents: ordered.map((d) => ({ kind: d.kind, seq: d.seq, number: d.number })),
        evidence: file.evidence.length,
        sha256: createHash("sha256").update(pdf).digest("hex"),
        size: pdf.length,
      },
      at: ctx.now(),
    }),
  );
  const titles = ordered.map((d) => d.title);
  titles.splice(evidenceAt, 0, "证据清单");
  return { fileName: `卷宗-${file.case.number ?? caseId}.pdf`, pdf, titles };
}
