import type { AppContext } from "../../context.ts";
import type { Principal } from "../identity/principal.ts";
import { findCaseDocuments } from "./find-case-documents.ts";

/** The documents a case's steps have produced (C12), with whether each may be issued and why not. */
export async function listCaseDocuments(ctx: AppContext, actor: Principal, caseId: string) {
  const { documents } = await findCaseDocuments(ctx, actor, caseId);
  return documents.map((d) => ({
    kind: d.kind,
    title: d.title,
    number: d.number,
    seq: d.seq,
    onDate: d.onDate,
    toParty: d.toParty,
    downloadable: d.refusal === null,
    reason: d.refusal?.message ?? null,
    missing: d.refusal?.missing ?? [],
  }));
}
