// Verification's second thread (see tree-builder.ts): builds an agency's Merkle tree from the leaf
// hashes the main thread computes, and returns the root at each size it is asked for.
// Plain JavaScript, so the thread starts without a TypeScript loader. The hashing is RFC 9162's
// node hash, as in merkle.ts (CompactRange): SHA-256(0x01 || left || right); tree-builder.test.ts
// checks the two agree.
//
// Messages in (handled in order):
//   { reset: true, size, frontier: ArrayBuffer }  start from a compact range (hashes, largest
//                                                  subtree first, 32 bytes each)
//   { id, leaves: ArrayBuffer, n, marks: number[] } append n leaf hashes (32 bytes each); after
//                                                  the append that makes the tree marks[i] long,
//                                                  write its root as roots[i]
// Messages out: { id, roots: ArrayBuffer, leaves: ArrayBuffer } (the leaves buffer comes back for reuse).
import { hash } from "node:crypto";
import { parentPort } from "node:worker_threads";

/** The compact range: up to 64 subtree roots of 32 bytes, largest first. */
let frontier = Buffer.alloc(64 * 32);
let count = 0;
let size = 0;
const input = Buffer.alloc(65);
input[0] = 1;

/** Root of the current tree (the compact range folded from the right). */
const root = () => {
  if (count === 0) return hash("sha256", Buffer.alloc(0), "buffer");
  let acc = Buffer.from(frontier.subarray((count - 1) * 32, count * 32));
  for (let i = count - 2; i >= 0; i--) {
    frontier.copy(input, 1, i * 32, i * 32 + 32);
    acc.copy(input, 33);
    acc = hash("sha256", input, "buffer");
  }
  return acc;
};

parentPort.on("message", (m) => {
  if (m.reset) {
    frontier = Buffer.alloc(64 * 32);
    const f = Buffer.from(m.frontier);
    f.copy(frontier);
    count = f.length / 32;
    size = m.size;
    return;
  }
  const leaves = Buffer.from(m.leaves, 0, m.n * 32);
  const marks = m.marks;
  const roots = Buffer.from(new ArrayBuffer(marks.length * 32));
  let mark = 0;
  // Marks at the size the chunk starts from (asked for after the previous chunk was sent).
  while (mark < marks.length && marks[mark] === size) root().copy(roots, 32 * mark++);
  for (let i = 0; i < m.n; i++) {
    // Appending leaf `size`: while the index is odd, hash the last subtree root with the
    // running hash (the leaf first), one level up. No Buffer objects but the hashes.
    let index = size;
    if (index % 2 === 1) {
      count--;
      frontier.copy(input, 1, count * 32, count * 32 + 32);
      leaves.copy(input, 33, i * 32, i * 32 + 32);
      let h = hash("sha256", input, "buffer");
      for (index = Math.floor(index / 2); index % 2 === 1; index = Math.floor(index / 2)) {
        count--;
        frontier.copy(input, 1, count * 32, count * 32 + 32);
        h.copy(input, 33);
        h = hash("sha256", input, "buffer");
      }
      h.copy(frontier, count * 32);
    } else {
      leaves.copy(frontier, count * 32, i * 32, i * 32 + 32);
    }
    count++;
    size++;
    while (mark < marks.length && marks[mark] === size) root().copy(roots, 32 * mark++);
  }
  // Marks the chunk did not reach (cannot happen: the main thread marks sizes it has appended);
  // zeros match no checkpoint.
  for (; mark < marks.length; mark++) roots.fill(0, 32 * mark, 32 * mark + 32);
  parentPort.postMessage({ id: m.id, roots: roots.buffer, leaves: m.leaves }, [roots.buffer, m.leaves]);
});
