import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { checkpointNow } from "../../src/modules/ledger/integrate.ts";
import { verifyInclusion } from "../../src/modules/ledger/merkle.ts";
import { verifyBody } from "../../src/modules/ledger/signing-keys.ts";
import { assertError, type TestApp, testApp } from "../support/index.ts";

const b64 = (s: string) => Buffer.from(s, "base64");

describe("full-process record over HTTP (C7)", () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(async () => t?.close());

  test("a settings change is recorded in the agency's log, provable against the public signed checkpoint", async () => {
    const admin = await t.login("dh.admin");
    const res = await t.call({
      method: "PUT",
      url: `/api/v1/agencies/${t.agency.donghu}/settings/statement.periodWorkdays`,
      payload: { value: 5, reason: "本地规定陈述申辩期限为 5 个工作日" },
      as: admin,
    });
    assert.equal(res.statusCode, 200, res.body);
    await checkpointNow(t.ctx);

    const entries = await t.call({
      url: `/api/v1/ledger/entries?agencyId=${t.agency.donghu}&eventType=settings.changed`,
      as: admin,
    });
    assert.equal(entries.statusCode, 200, entries.body);
    const entry = entries.json().items[0];
    assert.equal(JSON.parse(entry.payload).key, "statement.periodWorkdays");
    assert.equal(typeof entry.seq, "number");

    // Public: no session needed for checkpoints, keys and proofs.
    const cp = (
      await t.call({ url: `/api/v1/ledger/checkpoints/latest?agencyId=${t.agency.donghu}` })
    ).json();
    const keys = (await t.call({ url: `/api/v1/ledger/keys?agencyId=${t.agency.donghu}` })).json();
    const key = keys.find((k: { keyId: string }) => k.keyId === cp.keyId);
    assert.ok(
      verifyBody(key.publicKey, cp.body, b64(cp.signature)),
      "checkpoint signature checks with the published key",
    );
    const proof = await t.call({
      url: `/api/v1/ledger/proofs/inclusion?agencyId=${t.agency.donghu}&seq=${entry.seq}&treeSize=${cp.treeSize}`,
    });
    assert.equal(proof.statusCode, 200, proof.body);
    const p = proof.json();
    assert.equal(p.leafHash, entry.leafHash);
    assert.ok(verifyInclusion(entry.seq, cp.treeSize, b64(p.leafHash), p.proof.map(b64), b64(cp.rootHash)));

    const consistency = await t.call({
      url: `/api/v1/ledger/proofs/consistency?agencyId=${t.agency.donghu}&first=1&second=${cp.treeSize}`,
    });
    assert.equal(consistency.statusCode, 200, consistency.body);
  });

  test("logins are recorded", async () => {
    const admin = await t.login("admin");
    await checkpointNow(t.ctx);
    const res = await t.call({
      url: `/api/v1/ledger/entries?agencyId=${t.agency.city}&eventType=auth.login`,
      as: admin,
    });
    assert.ok(res.json().total >= 1);
  });

  test("verification: administrators and file reviewers of the agency only", async () => {
    const admin = await t.login("admin");
    const ok = await t.call({ url: "/api/v1/ledger/verify", as: admin });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().ok, true, ok.body);
    assert.ok(ok.json().entries > 0);

    assertError(
      await t.call({ url: "/api/v1/ledger/verify", as: await t.login("dh.hb.01") }),
      403,
      "FORBIDDEN",
    );
    const countyAdmin = await t.login("dh.admin");
    assertError(
      await t.call({ url: `/api/v1/ledger/verify?agencyId=${t.agency.xishan}`, as: countyAdmin }),
      403,
      "FORBIDDEN_AGENCY",
    );
    assertError(
      await t.call({ url: `/api/v1/ledger/entries?agencyId=${t.agency.xishan}`, as: countyAdmin }),
      403,
      "FORBIDDEN_AGENCY",
    );
  });

  test("proofs for sizes beyond the signed checkpoint, or bad parameters, are clear 4xx errors", async () => {
    assertError(
      await t.call({
        url: `/api/v1/ledger/proofs/inclusion?agencyId=${t.agency.donghu}&seq=0&treeSize=999999`,
      }),
      404,
      "NOT_FOUND",
    );
    assertError(
      await t.call({ url: "/api/v1/ledger/proofs/inclusion?agencyId=x&seq=-1&treeSize=a" }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        url: `/api/v1/ledger/checkpoints/latest?agencyId=00000000-0000-4000-8000-000000000000`,
      }),
      404,
      "NOT_FOUND",
    );
  });
});
