import type { CaseFile, CaseFileEvent } from "./case-file.ts";
import {
  checkDecisionStep,
  type DocumentBody,
  type DocumentKind,
  dossierGroups,
  kindsFor,
} from "./document-kinds.ts";

/** One document of a case: a kind produced by one step. */
export type CaseDocument = {
  kind: string;
  title: string;
  /** The step (case version) that produced it. */
  seq: number;
  number: string;
  onDate: string;
  at: Date;
  toParty: boolean;
  /** Why it cannot be issued (X1 for a penalty decision); null when it can. */
  refusal: { code: "DOCUMENT_INCOMPLETE"; message: string; missing: string[] } | null;
  def: DocumentKind;
  event: CaseFileEvent;
};

/**
 * The document number: the case number for decision documents; otherwise the case number, the
 * kind's abbreviation and the document's order among the case's documents of that kind
 * (deterministic, no counter table): 东湖综执罚〔2026〕3号-询-1.
 */
export function documentNumber(caseNumber: string | null, k: DocumentKind, ordinal: number): string {
  const base = caseNumber ?? "未立案";
  return k.decision ? base : `${base}-${k.abbr}-${ordinal}`;
}

/** Every document the case's steps have produced so far, in step order. */
export function caseDocuments(f: CaseFile): CaseDocument[] {
  const ordinals = new Map<string, number>();
  const out: CaseDocument[] = [];
  for (const e of f.events) {
    for (const k of kindsFor(f, e)) {
      const n = (ordinals.get(k.code) ?? 0) + 1;
      ordinals.set(k.code, n);
      const check = checkDecisionStep(f, e);
      out.push({
        kind: k.code,
        title: k.title,
        seq: e.seq,
        number: documentNumber(f.case.number, k, n),
        onDate: e.onDate,
        at: e.at,
        toParty: k.toParty,
        refusal:
          k.decision && !check.ok
            ? { code: check.code, message: check.message, missing: check.missing }
            : null,
        def: k,
        event: e,
      });
    }
  }
  return out;
}

/** The body of one document (throws nothing; callers refuse on `refusal` first). */
export const documentBody = (f: CaseFile, d: CaseDocument): DocumentBody => d.def.build(f, d.event);

/**
 * The standard dossier order (legal-rules.md, 卷宗): by group (decision; investigation-closing
 * report; filing approval; evidence; review opinions; hearing record; hearing report; property
 * documents; others), then by step, then by the kind's place in the table.
 */
export function dossierOrder(docs: CaseDocument[], kindOrder: string[]): CaseDocument[] {
  const g = (d: CaseDocument) => dossierGroups.indexOf(d.def.dossier);
  return [...docs].sort(
    (a, b) => g(a) - g(b) || a.seq - b.seq || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind),
  );
}
