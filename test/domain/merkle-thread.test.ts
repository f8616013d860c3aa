import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { CompactRange } from "../../src/modules/ledger/merkle.ts";
import { inlineTree, MerkleThread } from "../../src/modules/ledger/tree-builder.ts";

const leaf = (i: number) => createHash("sha256").update(`leaf ${i}`).digest();

test("RFC 9162: the second thread's tree gives the same roots as CompactRange, at every size asked", async () => {
  const thread = new MerkleThread();
  thread.inUse(true);
  try {
    // Sizes across chunk boundaries (1,024 leaf hashes a message) and powers of two.
    const n = 9000;
    const marks = new Set([1, 2, 3, 4, 5, 7, 8, 9, 1023, 1024, 1025, 4095, 4096, 4097, 8192, 8999, 9000]);
    for (let i = 1; i <= n; i += 97) marks.add(i);
    for (const batch of [n, 1000, 4096]) {
      const expected: Buffer[] = [];
      const reference = new CompactRange();
      const trees = [inlineTree(), thread.tree()];
      const got: Buffer[][] = [[], []];
      for (let i = 0; i < n; i++) {
        reference.append(leaf(i));
        for (const t of trees) t.append(leaf(i));
        if (marks.has(i + 1)) {
          expected.push(reference.root());
          for (const t of trees) t.mark();
        }
        if ((i + 1) % batch === 0 || i === n - 1)
          for (const [k, t] of trees.entries()) got[k]!.push(...(await t.flush()));
      }
      for (const g of got)
        assert.deepEqual(
          g.map((b) => b.toString("hex")),
          expected.map((b) => b.toString("hex")),
        );
    }
    // A tree restarted on the same thread starts empty.
    const t = thread.tree();
    t.append(leaf(0));
    t.mark();
    assert.deepEqual(await t.flush(), [leaf(0)]);
  } finally {
    await thread.close();
  }
});
