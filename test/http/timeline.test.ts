import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { appendEntry } from "../../src/modules/ledger/append-entry.ts";
import { entryLeafHash } from "../../src/modules/ledger/entry.ts";
import { checkpointNow } from "../../src/modules/ledger/integrate.ts";
import { verifyInclusion } from "../../src/modules/ledger/merkle.ts";
import { verifyBody } from "../../src/modules/ledger/signing-keys.ts";
import { assertError, type TestApp, testApp } from "../support/index.ts";

const b64 = (s: string) => Buffer.from(s, "base64");
const caseId = "0193a1b2-0000-7000-8000-0000000ca5e1";
const unknownCase = "0193a1b2-0000-7000-8000-0000000ca5e9";

type TimelineEntry = {
  seq: number | null;
  leafHash: string | null;
  at: string;
  actorId: string | null;
  actorName: string | null;
  caseId: string | null;
  eventType: string;
  eventTypeLabel: string;
  payload: string;
  proof: string[] | null;
  awaitingCheckpoint: boolean;
};

describe("case timeline over HTTP (C7)", () => {
  let t: TestApp;
  const append = (payload: Record<string, unknown>, actor: string | null) =>
    t.ctx.db.transaction((tx) =>
      appendEntry(tx, {
        agencyId: t.agency.donghu,
        actorId: actor,
        caseId,
        type: "settings.changed",
        payload,
        at: t.ctx.now(),
      }),
    );

  before(async () => {
    t = await testApp();
    await append({ step: 1, note: "立案" }, t.user["dh.admin"]!);
    t.ctx.clock.advance(60_000);
    await append({ step: 2, fen: 50000 }, null);
    // Other entries of the agency, without the case, in between.
    await t.ctx.db.transaction((tx) =>
      appendEntry(tx, { agencyId: t.agency.donghu, type: "agency.updated", payload: {}, at: t.ctx.now() }),
    );
    t.ctx.clock.advance(60_000);
    await append({ step: 3 }, t.user["dh.leader"]!);
    await checkpointNow(t.ctx);
  });
  after(async () => t?.close());

  test("the case's entries in order, each proved against the signed checkpoint of its agency", async () => {
    const res = await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: await t.login("dh.admin") });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.caseId, caseId);
    assert.equal(body.agencyId, t.agency.donghu);
    assert.match(body.agencyName, /东湖/);
    const entries: TimelineEntry[] = body.entries;
    assert.deepEqual(
      entries.map((e) => JSON.parse(e.payload).step),
      [1, 2, 3],
    );
    assert.equal(entries[0]!.actorName, "东湖管理员");
    assert.equal(entries[1]!.actorName, null);
    assert.equal(entries[0]!.eventTypeLabel, "参数设置变更");
    assert.ok(entries.every((e) => e.caseId === caseId));

    const cp = body.checkpoint;
    assert.ok(cp, "a checkpoint");
    assert.ok(verifyBody(cp.publicKey, cp.body, b64(cp.signature)), "the checkpoint signature checks");
    assert.ok(cp.body.includes(`\n${cp.treeSize}\n${cp.rootHash}\n`));
    for (const e of entries) {
      assert.equal(e.awaitingCheckpoint, false);
      assert.ok(e.proof && e.seq !== null);
      // Recompute the leaf from the content as sent (the time string is hashed as is).
      const leaf = entryLeafHash({ ...e, agencyId: body.agencyId, seq: e.seq, at: e.at });
      assert.equal(leaf.toString("base64"), e.leafHash);
      assert.ok(
        verifyInclusion(e.seq, cp.treeSize, leaf, e.proof.map(b64), b64(cp.rootHash)),
        `seq ${e.seq}`,
      );
    }
    assert.ok(entries[2]!.seq! > entries[1]!.seq! + 1, "the unrelated entry sits between them in the log");
  });

  test("an entry not yet covered by a checkpoint has no proof and is flagged; the read signs nothing", async () => {
    await append({ step: 4 }, null);
    const admin = await t.login("admin");
    const before = (await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: admin })).json();
    const last: TimelineEntry = before.entries.at(-1);
    assert.equal(JSON.parse(last.payload).step, 4);
    assert.equal(last.seq, null);
    assert.equal(last.proof, null);
    assert.equal(last.awaitingCheckpoint, true);
    const again = (await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: admin })).json();
    assert.equal(again.checkpoint.treeSize, before.checkpoint.treeSize, "reading does not sign");

    await checkpointNow(t.ctx);
    const after = (await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: admin })).json();
    assert.ok(after.entries.every((e: TimelineEntry) => e.proof && !e.awaitingCheckpoint));
  });

  test("the city supervises (subtree); another county or an unknown case gets 404; no ledger.read gets 403", async () => {
    const city = await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: await t.login("city.review") });
    assert.equal(city.statusCode, 200, city.body);

    assertError(
      await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: await t.login("xs.admin") }),
      404,
      "NOT_FOUND",
    );
    assertError(
      await t.call({ url: `/api/v1/cases/${unknownCase}/timeline`, as: await t.login("dh.admin") }),
      404,
      "NOT_FOUND",
    );
    assertError(
      await t.call({ url: `/api/v1/cases/${caseId}/timeline`, as: await t.login("dh.hb.01") }),
      403,
      "FORBIDDEN",
    );
    assertError(await t.call({ url: `/api/v1/cases/${caseId}/timeline` }), 401, "UNAUTHENTICATED");
    assertError(
      await t.call({ url: "/api/v1/cases/not-a-uuid/timeline", as: await t.login("dh.admin") }),
      400,
      "VALIDATION_FAILED",
    );
  });

  test("the event types with their Chinese names", async () => {
    const res = await t.call({ url: "/api/v1/ledger/event-types", as: await t.login("dh.leader") });
    assert.equal(res.statusCode, 200, res.body);
    assert.ok(
      res.json().some((x: { type: string; label: string }) => x.type === "auth.login" && x.label === "登录"),
    );
  });
});
