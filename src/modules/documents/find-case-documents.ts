import type { AppContext } from "../../context.ts";
import { AppError } from "../../core/errors.ts";
import { findCase } from "../cases/find-case.ts";
import type { Principal } from "../identity/principal.ts";
import { type CaseDocument, caseDocuments } from "./case-documents.ts";
import type { CaseFile } from "./case-file.ts";
import { loadCaseFile } from "./load-case-file.ts";

/**
 * A case the actor may read (case.read on its agency or one above it: findCase) with its case
 * file and documents. Another county's officer gets FORBIDDEN_AGENCY, an unknown case NOT_FOUND.
 */
export async function findCaseDocuments(
  ctx: AppContext,
  actor: Principal,
  caseId: string,
): Promise<{ file: CaseFile; documents: CaseDocument[]; agencyId: string }> {
  const loaded = await findCase(ctx.db, actor, caseId);
  const file = await loadCaseFile(ctx.db, loaded);
  return { file, documents: caseDocuments(file), agencyId: loaded.case.agencyId };
}

/** Refuses a document that may not be issued (X1: an incomplete penalty decision). */
export function assertIssuable(d: CaseDocument): void {
  if (d.refusal)
    throw new AppError(
      "DOCUMENT_INCOMPLETE",
      d.refusal.message,
      d.refusal.missing.map((m) => ({ path: d.kind, message: m })),
    );
}
