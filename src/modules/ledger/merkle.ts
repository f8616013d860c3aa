import { createHash, hash } from "node:crypto";

/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree, pure functions.
 * Leaf hash = SHA-256(0x00 || data); node hash = SHA-256(0x01 || left || right).
 * One-shot hashes (crypto.hash) over a prefixed copy: no Hash object per call.
 */
export const leafHash = (data: Uint8Array): Buffer => {
  const b = Buffer.allocUnsafe(data.length + 1);
  b[0] = 0;
  b.set(data, 1);
  return hash("sha256", b, "buffer");
};

/** Scratch space for node hashes (hashing is synchronous, so one buffer serves every call). */
const nodeInput = Buffer.alloc(65);

export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => {
  if (left.length !== 32 || right.length !== 32)
    return createHash("sha256").update(Buffer.of(1)).update(left).update(right).digest();
  nodeInput[0] = 1;
  nodeInput.set(left, 1);
  nodeInput.set(right, 33);
  return hash("sha256", nodeInput, "buffer");
};

export const emptyRoot = (): Buffer => createHash("sha256").digest();

/** Largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The right edge of a tree: roots of the perfect subtrees that make up the first `size` leaves,
 * largest first. Appending a leaf is O(log n); memory is O(log n).
 */
export class CompactRange {
  size: number;
  readonly hashes: Buffer[];

  constructor(size = 0, hashes: Buffer[] = []) {
    this.size = size;
    this.hashes = hashes;
  }

  /** Appends a leaf hash; calls `onNode(level, index, hash)` for every perfect subtree it completes. */
  append(leaf: Buffer, onNode?: (level: number, index: number, hash: Buffer) => void): void {
    let hash = leaf;
    let level = 0;
    let index = this.size;
    while (index % 2 === 1) {
      const left = this.hashes.pop()!;
      hash = nodeHash(left, hash);
      level++;
      index = Math.floor(index / 2);
      onNode?.(level, index, hash);
    }
    this.hashes.push(hash);
    this.size++;
  }

  root(): Buffer {
    if (this.size === 0) return emptyRoot();
    let acc = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) acc = nodeHash(this.hashes[i]!, acc);
    return acc;
  }
}

/** A perfect subtree: leaves [index·2^level, (index+1)·2^level). */
export type NodeRef = { level: number; index: number };

/** The perfect subtrees whose hashes make up MTH(D[a:b]), in left-to-right order. */
export function decompose(a: number, b: number): NodeRef[] {
  const out: NodeRef[] = [];
  let start = a;
  while (start < b) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= b) level++;
    out.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return out;
}

/** A proof is a list of subtree ranges; each range's hash is MTH over it. */
export type Range = { start: number; end: number };

/** RFC 9162 2.1.3.1 PATH(m, D[n]) as ranges, from the leaf upwards. */
export function inclusionRanges(m: number, n: number): Range[] {
  const walk = (m: number, start: number, n: number): Range[] => {
    if (n <= 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...walk(m, start, k), { start: start + k, end: start + n }]
      : [...walk(m - k, start + k, n - k), { start, end: start + k }];
  };
  if (m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of size ${n}`);
  return walk(m, 0, n);
}

/** RFC 9162 2.1.4.1 PROOF(m, D[n]) as ranges. */
export function consistencyRanges(m: number, n: number): Range[] {
  const sub = (m: number, start: number, n: number, complete: boolean): Range[] => {
    if (m === n) return complete ? [] : [{ start, end: start + n }];
    const k = splitPoint(n);
    return m <= k
      ? [...sub(m, start, k, complete), { start: start + k, end: start + n }]
      : [...sub(m - k, start + k, n - k, false), { start, end: start + k }];
  };
  if (m < 1 || m > n) throw new RangeError(`cannot prove consistency from ${m} to ${n}`);
  return m === n ? [] : sub(m, 0, n, true);
}

/** Hash of a range from the hashes of its perfect subtrees (as returned by decompose). */
export function rangeHash(parts: Buffer[]): Buffer {
  let acc = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i >= 0; i--) acc = nodeHash(parts[i]!, acc);
  return acc;
}

const allHashes = (xs: Uint8Array[]): boolean => xs.every((x) => x.length === 32);

const eq = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

/** RFC 9162 2.1.3.2: verify an inclusion proof of leaf `index` in a tree of `size` with `root`. */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (index < 0 || index >= size || !allHashes([leaf, root, ...proof])) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && eq(r, root);
}

/** RFC 9162 2.1.4.2: verify that the tree (size2, root2) extends (size1, root1). */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  // An empty tree proves nothing; transparency-dev's verifier refuses it too.
  if (size1 < 1 || size2 < size1) return false;
  if (size1 === size2) return proof.length === 0 && eq(root1, root2);
  if (proof.length === 0 || !allHashes([root1, root2, ...proof])) return false;
  let path: Buffer[] = proof.map((p) => Buffer.from(p));
  const isPow2 = (x: number) => x > 0 && (x & (x - 1)) === 0;
  if (isPow2(size1)) path = [Buffer.from(root1), ...path];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = path[0]!;
  let sr: Buffer = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && eq(fr, root1) && eq(sr, root2);
}
