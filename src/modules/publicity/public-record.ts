import type { DocumentBody } from "../documents/document-kinds.ts";

/** The public record of a decision: exactly the fields the ledger entry's payload carries. */
export type PublicRecord = {
  publicationId: string;
  caseNumber: string;
  title: string;
  agencyName: string;
  partyDisplay: string;
  creditCode: string;
  field: string;
  violation: string;
  penalty: string;
  body: string;
  decidedOn: string;
};

/** A document body as plain text (rows, sections, reasons), the way it is printed. */
export function bodyText(b: DocumentBody): string {
  return [
    ...b.rows.map(([k, v]) => `${k}：${v}`),
    ...b.sections.map((s) => (s.heading ? `${s.heading}\n${s.text}` : s.text)),
    ...(b.reasons ? [`说理\n${b.reasons}`] : []),
  ].join("\n");
}

/**
 * What the search looks at: the headline fields (number, agency, party, credit code, field,
 * violation, penalty). The full text is read on the decision's page.
 */
export const searchableText = (r: PublicRecord) =>
  [r.caseNumber, r.title, r.agencyName, r.partyDisplay, r.creditCode, r.field, r.violation, r.penalty].join(
    "\n",
  );
