import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import {
  CompactRange,
  consistencyRanges,
  decompose,
  inclusionRanges,
  leafHash,
  rangeHash,
  verifyConsistency,
  verifyInclusion,
} from "../../src/modules/ledger/merkle.ts";

const root = path.resolve(import.meta.dirname, "../../../shared/testdata/rfc6962");
const b64 = (s: string) => Buffer.from(s, "base64");
const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? files(path.join(dir, e.name))
        : e.name.endsWith(".json")
          ? [path.join(dir, e.name)]
          : [],
    );

describe("RFC 6962 / 9162 test vectors (ledger, C7)", () => {
  const inclusion = files(path.join(root, "inclusion"));
  const consistency = files(path.join(root, "consistency"));
  test("the vectors are present", () => {
    assert.ok(inclusion.length > 20, `found ${inclusion.length} inclusion vectors`);
    assert.ok(consistency.length > 20, `found ${consistency.length} consistency vectors`);
  });
  for (const file of inclusion) {
    test(`inclusion ${path.relative(root, file)}`, () => {
      const v = JSON.parse(fs.readFileSync(file, "utf8"));
      const ok = verifyInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
      assert.equal(ok, !v.wantErr, v.desc);
    });
  }
  for (const file of consistency) {
    test(`consistency ${path.relative(root, file)}`, () => {
      const v = JSON.parse(fs.readFileSync(file, "utf8"));
      const ok = verifyConsistency(v.size1, v.size2, (v.proof ?? []).map(b64), b64(v.root1), b64(v.root2));
      assert.equal(ok, !v.wantErr, v.desc);
    });
  }
});

describe("proof generation agrees with verification", () => {
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const nodes = new Map<string, Buffer>();
  const tree = new CompactRange();
  const roots: Buffer[] = [];
  for (const l of leaves) {
    nodes.set(`0:${tree.size}`, l);
    tree.append(l, (level, index, h) => nodes.set(`${level}:${index}`, h));
    roots.push(tree.root());
  }
  const mth = (start: number, end: number) =>
    rangeHash(decompose(start, end).map((r) => nodes.get(`${r.level}:${r.index}`)!));

  test("every inclusion proof in every tree size up to 70 verifies, and a wrong leaf does not", () => {
    for (let n = 1; n <= leaves.length; n++) {
      assert.deepEqual(mth(0, n), roots[n - 1]);
      for (let m = 0; m < n; m++) {
        const proof = inclusionRanges(m, n).map((r) => mth(r.start, r.end));
        assert.ok(verifyInclusion(m, n, leaves[m]!, proof, roots[n - 1]!), `m=${m} n=${n}`);
        assert.ok(!verifyInclusion(m, n, leaves[(m + 1) % leaves.length]!, proof, roots[n - 1]!));
      }
    }
  });

  test("every consistency proof between sizes up to 70 verifies, and a wrong old root does not", () => {
    for (let n = 1; n <= leaves.length; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = consistencyRanges(m, n).map((r) => mth(r.start, r.end));
        assert.ok(verifyConsistency(m, n, proof, roots[m - 1]!, roots[n - 1]!), `m=${m} n=${n}`);
        if (m < n) assert.ok(!verifyConsistency(m, n, proof, roots[n - 1]!, roots[n - 1]!));
      }
    }
  });
});
