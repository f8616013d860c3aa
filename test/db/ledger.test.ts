import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, beforeEach, describe, test } from "node:test";
import { count, eq, sql } from "drizzle-orm";
import { appendEntry } from "../../src/modules/ledger/append-entry.ts";
import { checkpointNow, integrateAll } from "../../src/modules/ledger/integrate.ts";
import { leafHash, verifyConsistency, verifyInclusion } from "../../src/modules/ledger/merkle.ts";
import { consistencyProof, inclusionProof, latestCheckpoint } from "../../src/modules/ledger/prove.ts";
import { ledgerLeaves } from "../../src/modules/ledger/schema.ts";
import { keyDir } from "../../src/modules/ledger/signing-keys.ts";
import { verifyLedger } from "../../src/modules/ledger/verify-ledger.ts";
import { type SmallTree, smallTree, type TestContext, testContext, testEngine } from "../support/index.ts";

const b64 = (s: string) => Buffer.from(s, "base64");

describe(`ledger on ${testEngine()} (C7: full-process record cannot be altered)`, () => {
  let ctx: TestContext;
  let tree: SmallTree;

  /** Appends n entries to an agency's log, each in its own transaction. */
  const appendMany = async (agencyId: string, n: number, caseId: string | null = null) => {
    for (let i = 0; i < n; i++) {
      await ctx.db.transaction((tx) =>
        appendEntry(tx, {
          agencyId,
          actorId: tree.admin.userId,
          caseId,
          type: "bench.append",
          payload: { i, note: `第${i}条`, amountFen: i * 100 },
          at: ctx.now(),
        }),
      );
    }
  };
  /** Runs raw SQL with the append-only triggers switched off, as an attacker with database access would. */
  const tamper = async (statement: string) => {
    const tables = ["ledger_entries", "ledger_leaves", "ledger_nodes", "ledger_checkpoints", "ledger_keys"];
    await ctx.database.sqlTransaction(async (s) => {
      for (const t of tables) await s.exec(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
      await s.exec(statement);
      for (const t of tables) await s.exec(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
    });
  };

  /** Entries already in each log (creating agencies and accounts is recorded too). */
  let base: { a: number; all: number };
  const logSize = async (agencyId: string) =>
    (await ctx.db.select({ n: count() }).from(ledgerLeaves).where(eq(ledgerLeaves.agencyId, agencyId)))[0]!.n;

  before(async () => {
    ctx = await testContext();
    tree = await smallTree(ctx);
    await integrateAll(ctx);
    base = {
      a: await logSize(tree.countyA),
      all: (await ctx.db.select({ n: count() }).from(ledgerLeaves))[0]!.n,
    };
    assert.ok(base.a >= 1, "creating squad A under county A is recorded in county A's log");
  });
  after(async () => ctx?.close());

  describe("a log that was not touched", () => {
    test("entries get gapless sequence numbers, a signed checkpoint, and verify", async () => {
      await appendMany(tree.countyA, 37, "00000000-0000-4000-8000-00000000ca5e");
      await appendMany(tree.countyB, 5);
      assert.equal(await integrateAll(ctx), 42);
      await checkpointNow(ctx);
      const leaves = await ctx.db
        .select({ seq: ledgerLeaves.seq })
        .from(ledgerLeaves)
        .where(eq(ledgerLeaves.agencyId, tree.countyA))
        .orderBy(ledgerLeaves.seq);
      assert.deepEqual(
        leaves.map((l) => l.seq),
        Array.from({ length: base.a + 37 }, (_, i) => i),
      );
      const cp = await latestCheckpoint(ctx.db, tree.countyA);
      assert.equal(cp?.treeSize, base.a + 37);
      const report = await verifyLedger(ctx);
      assert.equal(report.ok, true, JSON.stringify(report.firstProblem));
      assert.equal(report.entries, base.all + 42);
    });

    test("inclusion and consistency proofs from the database check against the signed checkpoint", async () => {
      const cp = (await latestCheckpoint(ctx.db, tree.countyA))!;
      for (const seq of [0, 1, 17, cp.treeSize - 1]) {
        const p = await inclusionProof(ctx.db, tree.countyA, seq, cp.treeSize);
        assert.ok(
          verifyInclusion(seq, cp.treeSize, b64(p.leafHash), p.proof.map(b64), b64(cp.rootHash)),
          `seq ${seq}`,
        );
      }
      await appendMany(tree.countyA, 10);
      await checkpointNow(ctx);
      const cp2 = (await latestCheckpoint(ctx.db, tree.countyA))!;
      assert.equal(cp2.treeSize, cp.treeSize + 10);
      const c = await consistencyProof(ctx.db, tree.countyA, cp.treeSize, cp2.treeSize);
      assert.ok(
        verifyConsistency(cp.treeSize, cp2.treeSize, c.proof.map(b64), b64(cp.rootHash), b64(cp2.rootHash)),
      );
      assert.ok(
        !verifyConsistency(
          cp.treeSize,
          cp2.treeSize,
          c.proof.map(b64),
          leafHash(Buffer.from("x")),
          b64(cp2.rootHash),
        ),
      );
    });

    test("the database refuses UPDATE, DELETE and TRUNCATE on the record", async () => {
      for (const stmt of [
        "UPDATE ledger_entries SET payload = '{}'",
        "DELETE FROM ledger_leaves",
        "TRUNCATE ledger_entries CASCADE",
        "UPDATE ledger_checkpoints SET tree_size = 0",
        "DELETE FROM ledger_nodes",
        "DELETE FROM ledger_keys",
      ]) {
        await assert.rejects(ctx.database.query(stmt), /append-only/, stmt);
      }
      const [n] = await ctx.db.select({ n: count() }).from(ledgerLeaves);
      assert.equal(n!.n, base.all + 52);
    });

    test("verification reads the log in batches: the same result whatever the batch size", async () => {
      const whole = await verifyLedger(ctx, { agencyId: tree.countyA, workers: 0 });
      assert.equal(whole.ok, true, JSON.stringify(whole.firstProblem));
      for (const batch of [1, 2, 3, 16, 17, 1000]) {
        for (const [workers, segment] of [[0], [2, 1], [2, 3], [3, 5]]) {
          const r = await verifyLedger(ctx, { agencyId: tree.countyA, batch, workers, segment });
          const how = `batch ${batch}, ${workers} workers, segment ${segment}`;
          assert.equal(r.ok, true, `${how}: ${JSON.stringify(r.firstProblem)}`);
          assert.equal(r.entries, whole.entries, how);
          assert.equal(r.checkpoints, whole.checkpoints, how);
        }
      }
    });

    test("the private key stays outside the database, in the key folder", () => {
      assert.ok(fs.existsSync(path.join(keyDir(ctx.dataDir), `${tree.countyA}.ed25519.pem`)));
    });
  });

  describe("tampering is detected and pinpointed", () => {
    // Each case works on a fresh agency log of 20 entries with a checkpoint.
    let agencyId: string;
    beforeEach(async () => {
      const t = await smallTree(ctx);
      agencyId = t.countyB;
      await appendMany(agencyId, 20, "00000000-0000-4000-8000-0000000000c1");
      await checkpointNow(ctx);
      assert.equal((await verifyLedger(ctx, { agencyId })).ok, true);
    });
    const entryIdAt = async (seq: number) =>
      (
        await ctx.db
          .select({ id: ledgerLeaves.entryId })
          .from(ledgerLeaves)
          .where(sql`${ledgerLeaves.agencyId} = ${agencyId} and ${ledgerLeaves.seq} = ${seq}`)
      )[0]!.id;
    /**
     * The first problem, found the same way on this thread and, on the PostgreSQL server, by leaf
     * workers reading segments of a few rows (the problem may sit at any place in a segment).
     */
    const problem = async () => {
      const r = await verifyLedger(ctx, { agencyId, workers: 0 });
      assert.equal(r.ok, false, "verify must fail");
      for (const segment of [1, 3, 4]) {
        const w = await verifyLedger(ctx, { agencyId, workers: 2, segment });
        assert.deepEqual(w, r, `leaf workers, segment ${segment}`);
      }
      return r.firstProblem!;
    };

    test("a changed entry", async () => {
      const id = await entryIdAt(7);
      await tamper(
        `UPDATE ledger_entries SET payload = '{"amountFen":1,"i":7,"note":"改"}' WHERE id = ${id}`,
      );
      const p = await problem();
      assert.equal(p.seq, 7);
      assert.equal(p.entryId, id);
      assert.equal(p.caseId, "00000000-0000-4000-8000-0000000000c1");
      assert.match(p.what, /内容与其哈希不符/);
    });

    test("a changed entry whose leaf hash was recomputed too fails against the signed checkpoint", async () => {
      const id = await entryIdAt(3);
      await tamper(`UPDATE ledger_entries SET actor_id = NULL WHERE id = ${id}`);
      const [row] = await ctx.database.query<Record<string, unknown>>(
        `SELECT e.*, l.seq FROM ledger_entries e JOIN ledger_leaves l ON l.entry_id = e.id WHERE e.id = ${id}`,
      );
      const { entryLeafHash } = await import("../../src/modules/ledger/entry.ts");
      const forged = entryLeafHash({
        agencyId,
        seq: 3,
        at: new Date(row!.at as string),
        actorId: null,
        caseId: row!.case_id as string,
        eventType: row!.event_type as string,
        payload: row!.payload as string,
      });
      await tamper(
        `UPDATE ledger_leaves SET leaf_hash = '\\x${forged.toString("hex")}' WHERE entry_id = ${id}`,
      );
      const p = await problem();
      assert.match(p.what, /签名检查点/);
    });

    test("a deleted entry", async () => {
      const id = await entryIdAt(11);
      await tamper(
        `DELETE FROM ledger_leaves WHERE entry_id = ${id}; DELETE FROM ledger_entries WHERE id = ${id}`,
      );
      const p = await problem();
      assert.equal(p.seq, 11);
      assert.match(p.what, /序号不连续/);
    });

    test("deleted entries spanning more than one verification batch", async () => {
      await tamper(`DELETE FROM ledger_leaves WHERE agency_id = '${agencyId}' AND seq BETWEEN 5 AND 15`);
      for (const [batch, workers, segment] of [
        [2],
        [4],
        [5],
        [50_000],
        [4, 2, 1],
        [5, 2, 3],
        [50_000, 2, 3],
      ]) {
        const r = await verifyLedger(ctx, { agencyId, batch, workers, segment });
        assert.equal(r.ok, false, `batch ${batch}`);
        assert.equal(r.firstProblem!.seq, 5, `batch ${batch}`);
        assert.match(r.firstProblem!.what, /序号不连续：应为 5，实为 16/, `batch ${batch}`);
      }
    });

    test("an entry moved to another agency's record", async () => {
      const id = await entryIdAt(9);
      await tamper(`UPDATE ledger_entries SET agency_id = '${tree.countyA}' WHERE id = ${id}`);
      const p = await problem();
      assert.equal(p.seq, 9);
      assert.equal(p.entryId, id);
      assert.match(p.what, /第 9 条记录属于其他机关/);
    });

    test("the last entries deleted", async () => {
      await tamper(
        `DELETE FROM ledger_leaves WHERE agency_id = '${agencyId}' AND seq >= 18; UPDATE ledger_heads SET size = 18 WHERE agency_id = '${agencyId}'`,
      );
      const p = await problem();
      assert.match(p.what, /被删除/);
    });

    test("an inserted entry", async () => {
      await tamper(
        `INSERT INTO ledger_entries (agency_id, at, event_type, payload) VALUES ('${agencyId}', now(), 'bench.append', '{"i":99}')`,
      );
      const p = await problem();
      assert.match(p.what, /不在记录树中/);
      assert.ok(p.entryId);
    });

    test("two entries swapped", async () => {
      const a = await entryIdAt(4);
      const b = await entryIdAt(5);
      await tamper(
        `UPDATE ledger_leaves SET entry_id = -1 WHERE entry_id = ${a}; UPDATE ledger_leaves SET entry_id = ${a} WHERE entry_id = ${b}; UPDATE ledger_leaves SET entry_id = ${b} WHERE entry_id = -1`,
      );
      const p = await problem();
      assert.equal(p.seq, 4);
    });

    test("a forged checkpoint signature", async () => {
      await tamper(`UPDATE ledger_checkpoints SET signature = '\\x00' WHERE agency_id = '${agencyId}'`);
      const p = await problem();
      assert.match(p.what, /签名无效/);
    });
  });
});

describe(`parallel appends on ${testEngine()}`, () => {
  test("many concurrent writers leave a gapless log that verifies", async () => {
    const ctx = await testContext({ calendar: false });
    try {
      const tree = await smallTree(ctx);
      const writers = 16;
      const each = 25;
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = 0; i < each; i++) {
            await ctx.db.transaction((tx) =>
              appendEntry(tx, {
                agencyId: w % 2 ? tree.countyA : tree.countyB,
                type: "bench.append",
                payload: { w, i },
                at: ctx.now(),
              }),
            );
            if (i % 10 === 0) await integrateAll(ctx);
          }
        }),
      );
      await checkpointNow(ctx);
      const report = await verifyLedger(ctx);
      assert.equal(report.ok, true, JSON.stringify(report.firstProblem));
      const [n] = await ctx.db.select({ n: count() }).from(ledgerLeaves);
      assert.equal(report.entries, n!.n);
      assert.ok(report.entries >= writers * each);
    } finally {
      await ctx.close();
    }
  });
});
