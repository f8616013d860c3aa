// Verification of the full-process record in the browser (C7), with WebCrypto only: the page does
// not take the server's word for anything it can recompute. For an entry it
//   1. recomputes the leaf hash from the entry's content (the same bytes as leafBytes in
//      src/modules/ledger/entry.ts: canonical JSON with sorted keys, the stored payload spliced in),
//   2. checks the checkpoint's Ed25519 signature over its exact text with the agency's public key,
//      and that the key id is the key's fingerprint,
//   3. reads tree size and root from the signed text (not from the server's other fields), and
//   4. folds the inclusion proof (RFC 9162 §2.1.3.2) and compares with the signed root.
// Pure TypeScript on globalThis.crypto.subtle, so the node tests can import it too.

/** An entry as listed by the server: the fields that make up its leaf. */
export interface VerifiableEntry {
  agencyId: string;
  seq: number;
  /** ISO 8601 with milliseconds, as the server sends it ("2026-11-22T08:00:00.000Z"). */
  at: string;
  actorId: string | null;
  caseId: string | null;
  eventType: string;
  /** The stored canonical JSON text, byte for byte. */
  payload: string;
}

/** A signed checkpoint with the agency's public key (GET /ledger/checkpoints/latest). */
export interface VerifiableCheckpoint {
  agencyId: string;
  treeSize: number;
  rootHash: string;
  keyId: string;
  body: string;
  signature: string;
  publicKey: string;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();

export const fromBase64 = (s: string): Bytes => {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

export const toBase64 = (b: Uint8Array): string => {
  let bin = "";
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin);
};

const toHex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const equal = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

export const sha256 = async (data: Uint8Array): Promise<Bytes> =>
  new Uint8Array(await crypto.subtle.digest("SHA-256", concat(data)));

/** RFC 9162: leaf hash = SHA-256(0x00 || data); node hash = SHA-256(0x01 || left || right). */
export const leafHash = (data: Uint8Array): Promise<Bytes> => sha256(concat(Uint8Array.of(0), data));
export const nodeHash = (left: Uint8Array, right: Uint8Array): Promise<Bytes> =>
  sha256(concat(Uint8Array.of(1), left, right));

/** A JSON string or null, as canonicalJson writes it (strings via JSON.stringify). */
const q = (v: string | null): string => (v === null ? "null" : JSON.stringify(v));

/** The exact bytes of an entry's leaf (keys sorted: actor, agency, at, case, payload, seq, type, v). */
export const leafBytes = (e: VerifiableEntry): Bytes =>
  encoder.encode(
    `{"actor":${q(e.actorId)},"agency":${q(e.agencyId)},"at":${q(e.at)},"case":${q(e.caseId)},"payload":${e.payload},"seq":${e.seq},"type":${q(e.eventType)},"v":1}`,
  );

export const entryLeafHash = (e: VerifiableEntry): Promise<Bytes> => leafHash(leafBytes(e));

/** RFC 9162 §2.1.3.2: does `proof` prove leaf `index` in the tree of `size` with `root`? */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size)) return false;
  if (index < 0 || index >= size) return false;
  if (![leaf, root, ...proof].every((x) => x.length === 32)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, root);
}

export interface CheckpointBody {
  origin: string;
  treeSize: number;
  rootHash: string;
  at: string;
}

/** Reads the signed text `guifan.ledger/<agency>\n<size>\n<root base64>\n<ISO time>\n`. */
export function parseCheckpointBody(body: string): CheckpointBody | null {
  const lines = body.split("\n");
  if (lines.length !== 5 || lines[4] !== "") return null;
  const [origin, size, root, at] = lines as [string, string, string, string];
  if (!/^guifan\.ledger\/\S+$/.test(origin) || !/^(0|[1-9]\d*)$/.test(size)) return null;
  if (!/^[A-Za-z0-9+/]{43}=$/.test(root)) return null;
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) return null;
  return { origin, treeSize, rootHash: root, at };
}

/** The DER bytes of a PEM block ("-----BEGIN PUBLIC KEY-----"). */
const pemBytes = (pem: string): Bytes =>
  fromBase64(pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, "").replace(/\s+/g, ""));

/** Ed25519 signature over the exact text, with an SPKI PEM public key. False on any error. */
export async function verifySignature(
  publicKeyPem: string,
  text: string,
  signature: Uint8Array,
): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey("spki", pemBytes(publicKeyPem), { name: "Ed25519" }, false, [
      "verify",
    ]);
    return await crypto.subtle.verify({ name: "Ed25519" }, key, concat(signature), encoder.encode(text));
  } catch {
    return false;
  }
}

/** The key id the server publishes: the first 16 hex digits of SHA-256 over the SPKI DER. */
export const keyIdOf = async (publicKeyPem: string): Promise<string> =>
  toHex(await sha256(pemBytes(publicKeyPem))).slice(0, 16);

/** A checkpoint whose signature and text have been checked. */
export interface CheckedCheckpoint {
  agencyId: string;
  treeSize: number;
  root: Bytes;
}

/**
 * Checks a checkpoint on its own: the signature over `body`, the key id, and that the signed text
 * names the agency and says what the server's fields say. The size and root to trust are those of
 * the signed text.
 */
export async function checkCheckpoint(
  cp: VerifiableCheckpoint,
  agencyId: string,
): Promise<{ ok: true; checkpoint: CheckedCheckpoint } | { ok: false; reason: string }> {
  let signature: Bytes;
  try {
    signature = fromBase64(cp.signature);
  } catch {
    return { ok: false, reason: "检查点签名格式不正确" };
  }
  if (!(await verifySignature(cp.publicKey, cp.body, signature)))
    return { ok: false, reason: "检查点签名无效（与机关公钥不符）" };
  if ((await keyIdOf(cp.publicKey).catch(() => "")) !== cp.keyId)
    return { ok: false, reason: "密钥标识与公钥不符" };
  const body = parseCheckpointBody(cp.body);
  if (!body) return { ok: false, reason: "检查点签名内容格式不正确" };
  if (body.origin !== `guifan.ledger/${agencyId}` || cp.agencyId !== agencyId)
    return { ok: false, reason: "检查点不属于本机关" };
  if (body.treeSize !== cp.treeSize || body.rootHash !== cp.rootHash)
    return { ok: false, reason: "检查点的树规模或根哈希与签名内容不符" };
  return { ok: true, checkpoint: { agencyId, treeSize: body.treeSize, root: fromBase64(body.rootHash) } };
}

/**
 * Checks one entry against a checked checkpoint: recomputes its leaf from its content and folds
 * the inclusion proof up to the signed root. `serverLeafHash` (optional) only sharpens the reason.
 */
export async function checkEntry(
  entry: VerifiableEntry,
  proof: string[],
  checkpoint: CheckedCheckpoint,
  serverLeafHash?: string | null,
): Promise<VerifyResult> {
  if (entry.agencyId !== checkpoint.agencyId) return { ok: false, reason: "记录与检查点不属于同一机关" };
  if (entry.seq >= checkpoint.treeSize) return { ok: false, reason: "该记录尚未纳入签名检查点" };
  let leaf: Bytes;
  let path: Bytes[];
  try {
    leaf = await entryLeafHash(entry);
    path = proof.map(fromBase64);
  } catch {
    return { ok: false, reason: "记录或证明的格式不正确" };
  }
  if (await verifyInclusion(entry.seq, checkpoint.treeSize, leaf, path, checkpoint.root)) return { ok: true };
  if (serverLeafHash && serverLeafHash !== toBase64(leaf))
    return { ok: false, reason: "记录内容与记录树中的哈希不符（内容可能被改动）" };
  return { ok: false, reason: "包含证明与签名的根哈希不符" };
}

/** Checkpoint and entry together: what the 核验 button runs. */
export async function verifyEntryAgainst(
  entry: VerifiableEntry,
  proof: string[],
  cp: VerifiableCheckpoint,
  serverLeafHash?: string | null,
): Promise<VerifyResult> {
  const checked = await checkCheckpoint(cp, entry.agencyId);
  if (!checked.ok) return checked;
  return checkEntry(entry, proof, checked.checkpoint, serverLeafHash);
}
