// The browser's verifier (web/src/lib/verify.ts, WebCrypto) against the server's own code: the same
// leaf bytes, the RFC 6962 / 9162 inclusion vectors, and a real signed checkpoint; any tampering
// (payload, leaf, proof, root, signature, key) is refused.
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { canonicalJson } from "../../src/modules/ledger/canonical-json.ts";
import { entryLeafHash, type LedgerEntry, leafBytes } from "../../src/modules/ledger/entry.ts";
import { CompactRange, decompose, inclusionRanges, rangeHash } from "../../src/modules/ledger/merkle.ts";
import { checkpointBody, loadOrCreateKey, signBody } from "../../src/modules/ledger/signing-keys.ts";
import {
  leafBytes as browserLeafBytes,
  entryLeafHash as browserLeafHash,
  checkCheckpoint,
  checkEntry,
  keyIdOf,
  type VerifiableCheckpoint,
  type VerifiableEntry,
  verifyEntryAgainst,
  verifyInclusion,
} from "../../web/src/lib/verify.ts";

const vectors = path.resolve(import.meta.dirname, "../../../shared/testdata/rfc6962/inclusion");
const b64 = (s: string) => Buffer.from(s, "base64");
const jsonFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? jsonFiles(path.join(dir, e.name))
        : e.name.endsWith(".json")
          ? [path.join(dir, e.name)]
          : [],
    );

const agencyId = "0193a1b2-0000-7000-8000-00000000a001";
const caseId = "0193a1b2-0000-7000-8000-00000000c001";

/** Ten entries of one agency, with the tree, a signed checkpoint and the proofs. */
function smallLog() {
  const entries: VerifiableEntry[] = Array.from({ length: 10 }, (_, seq) => ({
    agencyId,
    seq,
    at: new Date(Date.UTC(2026, 10, 22, 8, 0, seq, 7)).toISOString(),
    actorId: seq % 3 === 0 ? null : "0193a1b2-0000-7000-8000-0000000000f1",
    caseId: seq % 2 === 0 ? caseId : null,
    eventType: "settings.changed",
    payload: canonicalJson({
      key: "statement.periodWorkdays",
      n: seq,
      note: '陈述申辩 "期限"\n',
      fen: 12345,
    }),
  }));
  const nodes = new Map<string, Buffer>();
  const tree = new CompactRange();
  for (const e of entries) {
    const leaf = entryLeafHash(e as LedgerEntry);
    nodes.set(`0:${tree.size}`, leaf);
    tree.append(leaf, (level, index, h) => nodes.set(`${level}:${index}`, h));
  }
  const mth = (start: number, end: number) =>
    rangeHash(decompose(start, end).map((r) => nodes.get(`${r.level}:${r.index}`)!));
  const proofOf = (seq: number) =>
    inclusionRanges(seq, entries.length).map((r) => mth(r.start, r.end).toString("base64"));
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? "/tmp", "guifan-verify-"));
  const key = loadOrCreateKey(dir, agencyId);
  fs.rmSync(dir, { recursive: true, force: true });
  const root = tree.root();
  const body = checkpointBody(agencyId, entries.length, root, new Date("2026-11-22T08:01:00.000Z"));
  const checkpoint: VerifiableCheckpoint = {
    agencyId,
    treeSize: entries.length,
    rootHash: root.toString("base64"),
    keyId: key.keyId,
    body,
    signature: signBody(key, body).toString("base64"),
    publicKey: key.publicKeyPem,
  };
  return { entries, proofOf, checkpoint, leafOf: (e: VerifiableEntry) => entryLeafHash(e as LedgerEntry) };
}

describe("browser verifier (web/src/lib/verify.ts, C7)", () => {
  test("RFC 6962 / 9162 inclusion vectors give the same answers as the server's verifier", async () => {
    const files = jsonFiles(vectors);
    assert.ok(files.length > 20, `found ${files.length} inclusion vectors`);
    for (const file of files) {
      const v = JSON.parse(fs.readFileSync(file, "utf8"));
      const ok = await verifyInclusion(
        v.leafIdx,
        v.treeSize,
        b64(v.leafHash),
        (v.proof ?? []).map(b64),
        b64(v.root),
      );
      assert.equal(ok, !v.wantErr, `${path.relative(vectors, file)}: ${v.desc}`);
    }
  });

  test("leaf bytes and hashes are the server's, byte for byte", async () => {
    const { entries } = smallLog();
    for (const e of entries) {
      assert.equal(
        Buffer.from(browserLeafBytes(e)).toString("utf8"),
        leafBytes(e as LedgerEntry).toString("utf8"),
      );
      assert.deepEqual(Buffer.from(await browserLeafHash(e)), entryLeafHash(e as LedgerEntry));
    }
  });

  test("a good entry, proof and signed checkpoint verify; the key id is the key's fingerprint", async () => {
    const { entries, proofOf, checkpoint } = smallLog();
    assert.equal(await keyIdOf(checkpoint.publicKey), checkpoint.keyId);
    for (const e of entries) {
      assert.deepEqual(await verifyEntryAgainst(e, proofOf(e.seq), checkpoint), { ok: true }, `seq ${e.seq}`);
    }
  });

  test("a tampered payload, time, actor or sequence number is refused", async () => {
    const { entries, proofOf, checkpoint, leafOf } = smallLog();
    const e = entries[4]!;
    const stored = leafOf(e).toString("base64");
    for (const bad of [
      { ...e, payload: e.payload.replace('"n":4', '"n":5') },
      { ...e, payload: e.payload.replace("12345", "1234") },
      { ...e, at: "2026-11-22T08:00:04.008Z" },
      { ...e, actorId: null },
      { ...e, caseId: null },
      { ...e, eventType: "user.updated" },
    ]) {
      const r = await verifyEntryAgainst(bad, proofOf(4), checkpoint, stored);
      assert.equal(r.ok, false, JSON.stringify(bad));
      assert.match(!r.ok ? r.reason : "", /内容/);
    }
    const moved = await verifyEntryAgainst({ ...e, seq: 5 }, proofOf(5), checkpoint);
    assert.equal(moved.ok, false, "an entry shown at another position");
  });

  test("a tampered leaf, proof, root, signature, body or key is refused", async () => {
    const { entries, proofOf, checkpoint } = smallLog();
    const e = entries[7]!;
    const proof = proofOf(7);
    const flip = (s: string) => {
      const b = b64(s);
      b[0]! ^= 1;
      return b.toString("base64");
    };
    const checked = await checkCheckpoint(checkpoint, agencyId);
    assert.ok(checked.ok);
    // A proof hash changed, missing or extra.
    assert.equal((await checkEntry(e, [flip(proof[0]!), ...proof.slice(1)], checked.checkpoint)).ok, false);
    assert.equal((await checkEntry(e, proof.slice(1), checked.checkpoint)).ok, false);
    assert.equal((await checkEntry(e, [...proof, proof[0]!], checked.checkpoint)).ok, false);
    // A root that the signature does not cover (the server's field) is not believed.
    const otherRoot = { ...checkpoint, rootHash: flip(checkpoint.rootHash) };
    assert.deepEqual(await verifyEntryAgainst(e, proof, otherRoot), {
      ok: false,
      reason: "检查点的树规模或根哈希与签名内容不符",
    });
    // The signed text changed (root or size), so the signature no longer checks.
    const lines = checkpoint.body.split("\n");
    const newBody = [lines[0], lines[1], flip(lines[2]!), lines[3], ""].join("\n");
    const forged = { ...checkpoint, body: newBody, rootHash: flip(checkpoint.rootHash) };
    assert.equal((await verifyEntryAgainst(e, proof, forged)).ok, false);
    assert.equal(
      (
        await verifyEntryAgainst(e, proof, {
          ...checkpoint,
          body: checkpoint.body.replace("\n10\n", "\n11\n"),
        })
      ).ok,
      false,
    );
    // A changed signature.
    assert.deepEqual(
      await verifyEntryAgainst(e, proof, { ...checkpoint, signature: flip(checkpoint.signature) }),
      {
        ok: false,
        reason: "检查点签名无效（与机关公钥不符）",
      },
    );
    // Another key: the signature fails; a checkpoint re-signed with another key fails the key id.
    const other = generateKeyPairSync("ed25519");
    const otherPem = other.publicKey.export({ format: "pem", type: "spki" }).toString();
    assert.equal((await verifyEntryAgainst(e, proof, { ...checkpoint, publicKey: otherPem })).ok, false);
    const resigned = {
      ...checkpoint,
      publicKey: otherPem,
      signature: sign(null, Buffer.from(checkpoint.body), other.privateKey).toString("base64"),
    };
    assert.deepEqual(await verifyEntryAgainst(e, proof, resigned), {
      ok: false,
      reason: "密钥标识与公钥不符",
    });
    // Another agency's checkpoint.
    assert.equal((await verifyEntryAgainst({ ...e, agencyId: caseId }, proof, checkpoint)).ok, false);
  });

  test("an entry beyond the checkpoint is reported as not yet covered", async () => {
    const { entries, proofOf, checkpoint } = smallLog();
    const r = await verifyEntryAgainst({ ...entries[9]!, seq: 10 }, proofOf(9), checkpoint);
    assert.deepEqual(r, { ok: false, reason: "该记录尚未纳入签名检查点" });
  });
});
