import assert from "node:assert/strict";
import fs from "node:fs";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import { addEvidence } from "../../src/modules/evidence/add-evidence.ts";
import { assertRecordingPresent } from "../../src/modules/evidence/assert-recording-present.ts";
import { assignDevice } from "../../src/modules/evidence/assign-device.ts";
import { LocalBlobStore } from "../../src/modules/evidence/blob-store.ts";
import { changeRecordingList } from "../../src/modules/evidence/change-recording-list.ts";
import { effectiveRecordingList } from "../../src/modules/evidence/effective-recording-list.ts";
import { registerDevice } from "../../src/modules/evidence/register-device.ts";
import { returnDevice } from "../../src/modules/evidence/return-device.ts";
import { createUser } from "../../src/modules/identity/create-user.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import type { Principal } from "../../src/modules/identity/principal.ts";
import { checkpointNow } from "../../src/modules/ledger/integrate.ts";
import { verifyLedger } from "../../src/modules/ledger/verify-ledger.ts";
import { type SmallTree, smallTree, type TestContext, testContext, testEngine } from "../support/index.ts";

const isCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;
const bytes = (text: string) => Readable.from([Buffer.from(text)]);

describe(`evidence on ${testEngine()} (C7 files under verification, L5 recording list)`, () => {
  let ctx: TestContext;
  let tree: SmallTree;
  let officer: Principal;
  let store: LocalBlobStore;
  const caseId = "0b6e7f5a-1c2d-4e3f-9a8b-7c6d5e4f3a2b";

  before(async () => {
    ctx = await testContext();
    tree = await smallTree(ctx);
    const u = await createUser(ctx, null, {
      username: `ev.officer.${process.pid}`,
      displayName: "取证队员",
      phone: "",
      password: "Evidence2025x",
      memberships: [{ agencyId: tree.countyA, role: "officer" }],
    });
    officer = (await principalForUser(ctx.db, u.id))!;
    store = new LocalBlobStore(`${ctx.dataDir}/blobs`);
  });
  after(async () => ctx?.close());

  test("metadata rows are append-only (C7)", async () => {
    const e = await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, kind: "document", fileName: "笔录.pdf" },
      bytes("笔录"),
    );
    await assert.rejects(
      ctx.database.query("UPDATE evidence_items SET file_name = 'x' WHERE id = $1", [e.id]),
    );
    await assert.rejects(ctx.database.query("DELETE FROM evidence_items WHERE id = $1", [e.id]));
  });

  test("verification covers the files: a changed byte and a deleted blob are named with entry and case", async () => {
    const a = await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, caseId, kind: "photo", fileName: "现场照片1.jpg", contentType: "image/jpeg" },
      bytes("photo one — original bytes"),
    );
    const b = await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, caseId, kind: "photo", fileName: "现场照片2.jpg", contentType: "image/jpeg" },
      bytes("photo two — original bytes"),
    );
    await checkpointNow(ctx);
    const ok = await verifyLedger(ctx, { agencyId: tree.countyA });
    assert.equal(ok.ok, true, JSON.stringify(ok.firstProblem));

    // One byte changed on disk.
    const pa = store.pathOf(a.sha256);
    const original = fs.readFileSync(pa);
    assert.equal(fs.statSync(pa).mode & 0o222, 0, "stored blobs are read-only");
    fs.chmodSync(pa, 0o644);
    const changed = Buffer.from(original);
    changed[0] = changed[0]! ^ 1;
    fs.writeFileSync(pa, changed);
    const r1 = await verifyLedger(ctx, { agencyId: tree.countyA });
    // Leaf workers (on the PostgreSQL server) hand the evidence entries back for the same check.
    assert.deepEqual(await verifyLedger(ctx, { agencyId: tree.countyA, workers: 2, segment: 2 }), r1);
    assert.equal(r1.ok, false);
    assert.equal(r1.firstProblem?.caseId, caseId);
    assert.equal(typeof r1.firstProblem?.entryId, "number");
    assert.match(r1.firstProblem!.what, /现场照片1\.jpg/);
    assert.match(r1.firstProblem!.what, /改动/);
    assert.match(r1.firstProblem!.what, new RegExp(a.sha256));
    fs.writeFileSync(pa, original);
    assert.equal((await verifyLedger(ctx, { agencyId: tree.countyA })).ok, true);

    // A blob deleted.
    const pb = store.pathOf(b.sha256);
    const kept = fs.readFileSync(pb);
    fs.rmSync(pb);
    const r2 = await verifyLedger(ctx, { agencyId: tree.countyA });
    assert.deepEqual(await verifyLedger(ctx, { agencyId: tree.countyA, workers: 2, segment: 3 }), r2);
    assert.equal(r2.ok, false);
    assert.equal(r2.firstProblem?.caseId, caseId);
    assert.match(r2.firstProblem!.what, /现场照片2\.jpg/);
    assert.match(r2.firstProblem!.what, /缺失/);
    assert.ok(r2.firstProblem!.seq !== null);
    fs.writeFileSync(pb, kept);
    assert.equal((await verifyLedger(ctx, { agencyId: tree.countyA })).ok, true);
    // Other agencies are unaffected.
    assert.equal((await verifyLedger(ctx, { agencyId: tree.countyB })).ok, true);
  });

  test("devices: registered once, assigned to an officer of the agency, returned; upload must name a device of the agency", async () => {
    const d = await registerDevice(ctx, tree.admin, {
      agencyId: tree.city,
      serialNumber: `CITY-${process.pid}`,
    });
    await assert.rejects(
      registerDevice(ctx, officer, { agencyId: tree.countyA, serialNumber: `A-${process.pid}` }),
      isCode("FORBIDDEN_AGENCY"),
    );
    // An officer of county A cannot hold a device of the city.
    await assert.rejects(
      assignDevice(ctx, tree.admin, d.id, { officerId: officer.userId }),
      isCode("VALIDATION_FAILED"),
    );
    await assert.rejects(returnDevice(ctx, tree.admin, d.id, {}), isCode("DEVICE_UNAVAILABLE"));
    await assert.rejects(
      addEvidence(
        ctx,
        officer,
        { agencyId: tree.countyA, kind: "video", fileName: "v.mp4", deviceId: d.id },
        bytes("v"),
      ),
      isCode("VALIDATION_FAILED"),
    );
    await assert.rejects(
      registerDevice(ctx, tree.admin, { agencyId: tree.city, serialNumber: `CITY-${process.pid}` }),
      isCode("DUPLICATE"),
    );
  });

  test("L5: the defaults apply, a county's own list is inherited below it, and changes are new rows", async () => {
    const dflt = await effectiveRecordingList(ctx.db, tree.squadA);
    assert.equal(dflt.definedBy, null);
    const level = (items: { action: string; level: string }[], a: string) =>
      items.find((i) => i.action === a)?.level;
    assert.equal(level(dflt.items, "seal_seize"), "full");
    assert.equal(level(dflt.items, "forced_demolition"), "full");
    assert.equal(level(dflt.items, "onsite_major_rights"), "full");
    for (const a of [
      "onsite_inspection",
      "random_inspection",
      "evidence_collection",
      "evidence_preservation",
      "hearing",
      "compulsory_measure",
      "service_leaving",
      "service_public_notice",
    ])
      assert.equal(level(dflt.items, a), "as_needed", a);

    await changeRecordingList(ctx, tree.admin, tree.city, {
      items: [
        ...dflt.items.filter((i) => i.action !== "hearing"),
        { action: "hearing", label: "听证", level: "full" },
      ],
      reason: "市局规定听证全程录像",
    });
    const squad = await effectiveRecordingList(ctx.db, tree.squadA);
    assert.equal(squad.definedBy, tree.city);
    assert.equal(level(squad.items, "hearing"), "full");

    const aAdmin = await createUser(ctx, null, {
      username: `ev.aadmin.${process.pid}`,
      displayName: "甲县管理员",
      phone: "",
      password: "Evidence2025x",
      memberships: [{ agencyId: tree.countyA, role: "sysadmin" }],
    });
    const countyAdmin = (await principalForUser(ctx.db, aAdmin.id))!;
    await changeRecordingList(ctx, countyAdmin, tree.countyA, {
      items: [{ action: "seal_seize", label: "查封扣押", level: "full" }],
      reason: "甲县清单",
    });
    assert.equal((await effectiveRecordingList(ctx.db, tree.squadA)).definedBy, tree.countyA);
    assert.equal((await effectiveRecordingList(ctx.db, tree.countyB)).definedBy, tree.city);
    await changeRecordingList(ctx, countyAdmin, tree.countyA, { inherit: true, reason: "恢复沿用市局清单" });
    assert.equal((await effectiveRecordingList(ctx.db, tree.squadA)).definedBy, tree.city);
    const rows = await ctx.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM recording_lists WHERE agency_id = $1",
      [tree.countyA],
    );
    assert.equal(rows[0]!.n, 2, "each change is a new row");
    await assert.rejects(
      changeRecordingList(ctx, officer, tree.countyA, { items: [], reason: "x" }),
      isCode("FORBIDDEN_AGENCY"),
    );
    await assert.rejects(
      changeRecordingList(ctx, countyAdmin, tree.countyA, {
        items: [
          { action: "hearing", label: "听证", level: "full" },
          { action: "hearing", label: "听证2", level: "as_needed" },
        ],
        reason: "重复",
      }),
      isCode("VALIDATION_FAILED"),
    );
  });

  test("L5: assertRecordingPresent refuses a full-recording step without audio/video, accepts it once recorded", async () => {
    const c = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    const step = { agencyId: tree.countyA, caseId: c, action: "seal_seize" };
    await assert.rejects(
      ctx.db.transaction((tx) => assertRecordingPresent(tx, step)),
      (e: unknown) =>
        e instanceof AppError && e.code === "RECORDING_REQUIRED" && /查封、扣押财物/.test(e.message),
    );
    // "As needed" and unlisted actions pass.
    await ctx.db.transaction((tx) => assertRecordingPresent(tx, { ...step, action: "onsite_inspection" }));
    await ctx.db.transaction((tx) => assertRecordingPresent(tx, { ...step, action: "not_listed" }));
    // A photo of the step does not count, nor a video of another step or case.
    await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, caseId: c, action: "seal_seize", kind: "photo", fileName: "p.jpg" },
      bytes("p"),
    );
    await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, caseId: c, action: "hearing", kind: "video", fileName: "h.mp4" },
      bytes("h"),
    );
    await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, caseId, action: "seal_seize", kind: "video", fileName: "o.mp4" },
      bytes("o"),
    );
    await assert.rejects(
      ctx.db.transaction((tx) => assertRecordingPresent(tx, step)),
      isCode("RECORDING_REQUIRED"),
    );
    await addEvidence(
      ctx,
      officer,
      { agencyId: tree.countyA, caseId: c, action: "seal_seize", kind: "video", fileName: "s.mp4" },
      bytes("seal video"),
    );
    await ctx.db.transaction((tx) => assertRecordingPresent(tx, step));
  });
});
