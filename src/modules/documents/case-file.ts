import type { Penalty } from "../cases/rules/penalty.ts";

/**
 * Everything the document templates read about one case, loaded once (load-case-file.ts) and then
 * used by pure code: the case, its steps in order, the issuing agency (the bureau, or the township
 * government for a township office), officer names, evidence files and the X2 remedy bodies.
 */
export type CaseFileEvent = {
  seq: number;
  event: string;
  onDate: string;
  at: Date;
  data: Record<string, unknown>;
  actorName: string;
};

export type CaseFile = {
  case: {
    id: string;
    number: string | null;
    procedure: string;
    field: string;
    summary: string;
    placeAddress: string;
    partyType: string;
    partyName: string;
    partyIdNumber: string;
    partyPhone: string;
    partyAddress: string;
    partyLegalRepresentative: string;
    actOn: string;
    discoveredOn: string;
  };
  /** The name the documents are issued in and the seal they carry. */
  issuer: { name: string; sealName: string; address: string; phone: string };
  /** The officers handling the case now (display names, in the order they were added). */
  officers: string[];
  /**
   * C2: the officers (display names) in force at a step, for the documents of that step (a change
   * of officers does not rewrite what earlier documents name). Absent: `officers` throughout.
   */
  officersAt?: (seq: number) => string[];
  /** Every officer the case has had, in the order they joined (the dossier cover). Absent: `officers`. */
  everOfficers?: string[];
  /** Display names of every user the steps mention (actors, presiding officers). */
  userNames: Record<string, string>;
  events: CaseFileEvent[];
  evidence: { fileName: string; kind: string; capturedAt: Date | null; uploadedAt: Date; sha256: string }[];
  /** X2: where the party seeks reconsideration and sues. */
  remedies: { reconsiderationBody: string; court: string };
  /** P5: the statement period the notice gives (working days). */
  statementWorkdays: number;
  /** P6: whether a proposed penalty carries the hearing right (settings applied by the loader). */
  hearingRight: (p: Penalty) => boolean;
};

/** "2026-06-01" → "2026年6月1日" */
export function chineseDate(d: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m) return d;
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export const str = (v: unknown): string => (typeof v === "string" ? v : v == null ? "" : String(v));

export const lastBefore = (f: CaseFile, seq: number, event: string): CaseFileEvent | undefined =>
  [...f.events].reverse().find((e) => e.seq < seq && e.event === event);

/** The officers a document of step `seq` names (C2: those in force at that step). */
export const officersOf = (f: CaseFile, seq: number): string[] => f.officersAt?.(seq) ?? f.officers;
