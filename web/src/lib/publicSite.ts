// The public information site (C13): types of the public API and the in-browser verification of a
// published decision. The page rebuilds the ledger entry's payload from the record it shows (the
// server's own publication payload: publicationId, caseNumber, title, agencyName, partyDisplay,
// creditCode, field, violation, penalty, body, decidedOn as canonical JSON), then lets verify.ts
// recompute the leaf, check the checkpoint's Ed25519 signature and fold the inclusion proof.
import { type VerifyResult, verifyEntryAgainst } from "./verify.ts";

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };

export interface PublicAgency {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string;
  kind: string;
  kindName: string;
  depth: number;
  creditCode: string | null;
  address: string;
  phone: string;
  areas: string[];
  fields: string[];
}

export interface PublicOfficer {
  name: string;
  agencyId: string;
  agencyName: string;
  certificateNumber: string;
  fields: string[];
  expiresOn: string;
}

export interface PublicPower {
  id: string;
  agencyName: string;
  code: string;
  name: string;
  kind: string;
  kindName: string;
  field: string;
  basisText: string;
  transferredFrom: string;
  status: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

export interface PublicBenchmark {
  id: string;
  agencyName: string;
  code: string;
  violationName: string;
  powerItemCode: string | null;
  powerItemName: string | null;
  quantityName: string | null;
  quantityUnit: string | null;
  tiers: {
    level: string;
    levelName: string;
    conditions: string;
    harm: string[];
    penalties: string[];
    ranges: {
      partyType: string;
      above: number | null;
      upTo: number | null;
      minFen: number;
      maxFen: number;
    }[];
  }[];
}

export interface PublicProcedure {
  procedure: string;
  name: string;
  nodes: { id: string; name: string }[];
  edges: {
    from: string;
    to: string;
    event: string;
    label: string;
    roles: string[];
    guards: string[];
    opens: string[];
    closes: string[];
    documents: string[];
  }[];
}

export interface InspectionItem {
  itemId: string;
  version: number;
  agencyId: string;
  agencyName: string;
  name: string;
  field: string;
  subject: string;
  method: string;
  frequency: string;
  basis: string;
  recordedAt: string;
}

export interface PublicStatistics {
  year: number;
  filed: number;
  decided: number;
  penalties: number;
  fineFen: number;
  published: number;
  byMonth: { month: number; filed: number; decided: number; penalties: number; fineFen: number }[];
  publishedByField: { field: string; count: number }[];
}

export interface PublicDecisionItem {
  id: string;
  agencyId: string;
  caseNumber: string;
  title: string;
  agencyName: string;
  partyDisplay: string;
  creditCode: string;
  field: string;
  violation: string;
  penalty: string;
  decidedOn: string;
  publishedAt: string;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface PublicDecisionLedger {
  agencyId: string;
  seq: number;
  at: string;
  actorId: string | null;
  caseId: string | null;
  type: string;
  treeSize: number;
  proof: string[];
  checkpoint: {
    treeSize: number;
    rootHash: string;
    at: string;
    keyId: string;
    body: string;
    signature: string;
    publicKey: string;
  };
}

export interface PublicDecision extends PublicDecisionItem {
  body: string;
  ledger: PublicDecisionLedger | null;
}

/** Yuan with two decimals from fen. */
export const yuan = (fen: number) =>
  (fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Canonical JSON of a flat object of strings: keys sorted by UTF-16 code units, no whitespace. */
export const canonicalStrings = (o: Record<string, string>): string =>
  `{${Object.keys(o)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k])}`)
    .join(",")}}`;

/** The ledger payload of a publication, rebuilt from what the page shows (not taken from the server). */
export const publicationPayload = (d: PublicDecision): string =>
  canonicalStrings({
    publicationId: d.id,
    caseNumber: d.caseNumber,
    title: d.title,
    agencyName: d.agencyName,
    partyDisplay: d.partyDisplay,
    creditCode: d.creditCode,
    field: d.field,
    violation: d.violation,
    penalty: d.penalty,
    body: d.body,
    decidedOn: d.decidedOn,
  });

export type DecisionVerification =
  | { state: "pending" }
  | { state: "withdrawn" }
  | { state: "verified" }
  | { state: "failed"; reason: string };

/**
 * C7/C13: verifies a published decision in the browser: the leaf recomputed from the text shown,
 * the checkpoint's signature with the agency's public key, and the inclusion proof to its root.
 * "verified" only when all three hold.
 */
export async function verifyPublicDecision(d: PublicDecision): Promise<DecisionVerification> {
  if (d.withdrawnAt) return { state: "withdrawn" };
  const l = d.ledger;
  if (!l) return { state: "pending" };
  if (l.agencyId !== d.agencyId) return { state: "failed", reason: "记录不属于作出决定的机关" };
  if (l.type !== "publicity.published") return { state: "failed", reason: "记录不是公示记录" };
  if (l.treeSize !== l.checkpoint.treeSize)
    return { state: "failed", reason: "包含证明与检查点的树规模不一致" };
  let r: VerifyResult;
  try {
    r = await verifyEntryAgainst(
      {
        agencyId: l.agencyId,
        seq: l.seq,
        at: l.at,
        actorId: l.actorId,
        caseId: l.caseId,
        eventType: l.type,
        payload: publicationPayload(d),
      },
      l.proof,
      { agencyId: l.agencyId, ...l.checkpoint },
    );
  } catch {
    return { state: "failed", reason: "浏览器不支持所需的密码算法（SHA-256、Ed25519）" };
  }
  if (r.ok) return { state: "verified" };
  const reason =
    r.reason === "包含证明与签名的根哈希不符"
      ? "公示内容与全过程记录不符（内容可能被改动）：由所示内容计算的哈希无法通过包含证明得到签名的根哈希"
      : r.reason;
  return { state: "failed", reason };
}
