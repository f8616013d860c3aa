import { api, buildUrl } from "./api";

/** One document of a case (GET /cases/{id}/documents). */
export interface CaseDocumentItem {
  kind: string;
  title: string;
  number: string;
  seq: number;
  onDate: string;
  toParty: boolean;
  downloadable: boolean;
  /** Why it cannot be issued (X1: a penalty decision missing a required item). */
  reason: string | null;
  missing: string[];
}

export const listCaseDocuments = (caseId: string) =>
  api.get<CaseDocumentItem[]>(`/cases/${caseId}/documents`);

export const documentUrl = (caseId: string, d: Pick<CaseDocumentItem, "kind" | "seq">) =>
  buildUrl(`/cases/${caseId}/documents/${d.kind}/${d.seq}`);

export const dossierUrl = (caseId: string) => buildUrl(`/cases/${caseId}/dossier`);

export const documentFileName = (d: Pick<CaseDocumentItem, "title" | "number">) =>
  `${d.title}-${d.number}.pdf`;
