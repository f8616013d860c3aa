// The full-process record (全过程记录) in the web app: response shapes, and the 核验 steps that
// fetch what the server publishes and check it in the browser (see verify.ts).
import { ApiError, api } from "./api";
import {
  type CheckedCheckpoint,
  checkCheckpoint,
  checkEntry,
  type VerifiableCheckpoint,
  type VerifyResult,
} from "./verify";

/** A row of GET /ledger/entries (the agency is the one asked for). */
export interface LedgerEntryRow {
  id: number;
  seq: number | null;
  leafHash: string | null;
  at: string;
  actorId: string | null;
  actorName: string | null;
  caseId: string | null;
  eventType: string;
  payload: string;
}

export interface Checkpoint extends VerifiableCheckpoint {
  at: string;
}

export interface TimelineEntry extends LedgerEntryRow {
  eventTypeLabel: string;
  proof: string[] | null;
  awaitingCheckpoint: boolean;
}

export interface CaseTimeline {
  caseId: string;
  agencyId: string;
  agencyName: string;
  checkpoint: Checkpoint | null;
  entries: TimelineEntry[];
}

export interface EventTypeOption {
  type: string;
  label: string;
}

interface InclusionProof {
  agencyId: string;
  seq: number;
  treeSize: number;
  leafHash: string;
  proof: string[];
}

/** What the 核验 column shows for an entry. */
export type VerifyState =
  | { state: "checking" }
  | { state: "ok" }
  | { state: "pending"; reason: string }
  | { state: "failed"; reason: string };

export const pendingReason = "尚未纳入签名检查点（检查点每隔数秒签发），请稍后再核验";

const failed = (reason: string): VerifyState => ({ state: "failed", reason });
const fromResult = (r: VerifyResult): VerifyState => (r.ok ? { state: "ok" } : failed(r.reason));

export const isUuid = (s: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** The agency's latest signed checkpoint, or null when it has none yet. */
export const fetchLatestCheckpoint = async (agencyId: string): Promise<Checkpoint | null> => {
  try {
    return await api.get<Checkpoint>("/ledger/checkpoints/latest", { agencyId });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
};

/** Checks a checkpoint once for a batch of entries. */
export const checkCheckpointState = async (
  cp: Checkpoint | null,
  agencyId: string,
): Promise<{ ok: true; checkpoint: CheckedCheckpoint } | { ok: false; state: VerifyState }> => {
  if (!cp) return { ok: false, state: { state: "pending", reason: "该机关尚无签名检查点，请稍后再核验" } };
  const r = await checkCheckpoint(cp, agencyId);
  return r.ok ? r : { ok: false, state: failed(r.reason) };
};

/**
 * 核验 one listed entry: asks the public proof route for its inclusion proof in the checked
 * checkpoint's tree, then recomputes and folds everything here.
 */
export async function verifyListedEntry(
  row: LedgerEntryRow,
  agencyId: string,
  checked: CheckedCheckpoint,
): Promise<VerifyState> {
  if (row.seq === null || row.seq >= checked.treeSize) return { state: "pending", reason: pendingReason };
  let proof: InclusionProof;
  try {
    proof = await api.get<InclusionProof>("/ledger/proofs/inclusion", {
      agencyId,
      seq: row.seq,
      treeSize: checked.treeSize,
    });
  } catch (err) {
    return failed(`无法取得包含证明：${err instanceof Error ? err.message : "未知错误"}`);
  }
  if (proof.seq !== row.seq || proof.treeSize !== checked.treeSize || proof.agencyId !== agencyId)
    return failed("服务器返回的包含证明与所请求的不符");
  return fromResult(await checkEntry({ ...row, agencyId, seq: row.seq }, proof.proof, checked, row.leafHash));
}

/** 核验 one timeline entry with the proof that came with the timeline. */
export async function verifyTimelineEntry(
  e: TimelineEntry,
  agencyId: string,
  checked: CheckedCheckpoint,
): Promise<VerifyState> {
  if (e.seq === null || e.proof === null || e.seq >= checked.treeSize)
    return { state: "pending", reason: pendingReason };
  return fromResult(await checkEntry({ ...e, agencyId, seq: e.seq }, e.proof, checked, e.leafHash));
}

/** Summary of a batch: 已验证 only when every entry passed. */
export const summarize = (states: VerifyState[]) => ({
  total: states.length,
  ok: states.filter((s) => s.state === "ok").length,
  pending: states.filter((s) => s.state === "pending").length,
  failed: states.filter((s) => s.state === "failed").length,
});
