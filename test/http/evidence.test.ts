import assert from "node:assert/strict";
import { createHash, createPublicKey, verify } from "node:crypto";
import fs from "node:fs";
import { after, before, describe, test } from "node:test";
import { inflateRawSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { buildApp } from "../../src/http/app.ts";
import { LocalBlobStore } from "../../src/modules/evidence/blob-store.ts";
import { evidenceItems } from "../../src/modules/evidence/schema.ts";
import { integrateAll } from "../../src/modules/ledger/integrate.ts";
import { leafHash, verifyInclusion } from "../../src/modules/ledger/merkle.ts";
import { ledgerEntries } from "../../src/modules/ledger/schema.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";
import { multipart } from "../support/multipart.ts";

/** Deterministic pseudo-random bytes in 64 KiB chunks, with their SHA-256. */
function generated(size: number, seed: number) {
  const chunks = function* () {
    let x = seed;
    for (let left = size; left > 0; ) {
      const n = Math.min(65536, left);
      const b = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i++) {
        x = (x * 1103515245 + 12345) >>> 0;
        b[i] = x >>> 24;
      }
      left -= n;
      yield b;
    }
  };
  const h = createHash("sha256");
  const head: Buffer[] = [];
  for (const c of chunks()) h.update(c);
  for (const c of chunks()) {
    head.push(c);
    break;
  }
  return { chunks, sha256: h.digest("hex"), size, first: head[0]! };
}

/** The bytes of the generated file between start and end (inclusive), regenerated. */
function slice(g: ReturnType<typeof generated>, start: number, end: number): Buffer {
  const out: Buffer[] = [];
  let pos = 0;
  for (const c of g.chunks()) {
    const s = Math.max(start - pos, 0);
    const e = Math.min(end + 1 - pos, c.length);
    if (s < e) out.push(c.subarray(s, e));
    pos += c.length;
    if (pos > end) break;
  }
  return Buffer.concat(out);
}

/** A small ZIP reader (central directory + deflate) for checking the export. */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, "end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const compSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataAt, dataAt + compSize);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

describe(`evidence and recording devices over HTTP on ${testEngine()} (C7, L5)`, () => {
  let t: TestApp;
  let officer: Session;
  let lead: Session;
  let cityLeader: Session;
  let xsOfficer: Session;
  const caseId = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";
  const big = generated(5 * 1024 * 1024 + 123, 42);
  let bigId: string;

  const upload = (
    as: Session,
    fields: Record<string, string>,
    file = { name: "现场.mp4", type: "video/mp4", g: big },
  ) =>
    t.call({
      method: "POST",
      url: "/api/v1/evidence",
      as,
      ...multipart(fields, { name: file.name, type: file.type, chunks: file.g.chunks }),
    });

  before(async () => {
    t = await testApp();
    officer = await t.login("dh.hb.01");
    lead = await t.login("dh.hb.lead");
    cityLeader = await t.login("city.leader");
    xsOfficer = await t.login("xs.cg.01");
  });
  after(async () => t?.close());

  test("an officer uploads a multi-MB video, streamed: hashed, stored content-addressed, recorded (C7)", async () => {
    const res = await upload(officer, {
      agencyId: t.agency["donghu-1"],
      caseId,
      kind: "video",
      action: "seal_seize",
      location: "东湖路 1 号",
      latitude: "30.5",
      longitude: "114.3",
      description: "查封现场全程录像",
      capturedAt: "2026-11-20T08:00:00Z",
    });
    assert.equal(res.statusCode, 201, res.body);
    const item = res.json();
    bigId = item.id;
    assert.equal(item.sha256, big.sha256);
    assert.equal(item.size, big.size);
    assert.equal(item.fileName, "现场.mp4");
    assert.equal(item.contentType, "video/mp4");
    const store = new LocalBlobStore(`${t.ctx.dataDir}/blobs`);
    assert.equal(fs.statSync(store.pathOf(big.sha256)).size, big.size);
    assert.match(
      store.pathOf(big.sha256),
      new RegExp(`blobs/${big.sha256.slice(0, 2)}/${big.sha256.slice(2, 4)}/${big.sha256}$`),
    );
    assert.deepEqual(fs.readdirSync(`${t.ctx.dataDir}/blobs/tmp`), [], "no temporary file left");

    const [entry] = await t.ctx.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.eventType, "evidence.added"));
    const payload = JSON.parse(entry!.payload);
    assert.equal(payload.sha256, big.sha256);
    assert.equal(payload.size, big.size);
    assert.equal(payload.latE6, 30_500_000);
    assert.equal(entry!.caseId, caseId);
    assert.equal(entry!.agencyId, t.agency["donghu-1"]);
  });

  test("the same content uploaded again is one blob (dedupe), two evidence records", async () => {
    const res = await upload(
      officer,
      { agencyId: t.agency["donghu-1"], kind: "video" },
      { name: "copy.mp4", type: "video/mp4", g: big },
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().sha256, big.sha256);
    assert.notEqual(res.json().id, bigId);
    const dir = `${t.ctx.dataDir}/blobs/${big.sha256.slice(0, 2)}/${big.sha256.slice(2, 4)}`;
    assert.deepEqual(fs.readdirSync(dir), [big.sha256]);
    const rows = await t.ctx.db.select().from(evidenceItems).where(eq(evidenceItems.sha256, big.sha256));
    assert.equal(rows.length, 2);
  });

  test("range downloads: whole, first bytes, middle, suffix, open-ended; bad ranges → 416", async () => {
    const url = `/api/v1/evidence/${bigId}/content`;
    const whole = await t.call({ url, as: officer });
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers["accept-ranges"], "bytes");
    assert.equal(whole.headers["content-type"], "video/mp4");
    assert.equal(Number(whole.headers["content-length"]), big.size);
    assert.equal(createHash("sha256").update(whole.rawPayload).digest("hex"), big.sha256);
    assert.match(String(whole.headers["content-disposition"]), /filename\*=UTF-8''%E7%8E%B0%E5%9C%BA\.mp4/);

    const first = await t.call({ url, as: officer, headers: { range: "bytes=0-99" } });
    assert.equal(first.statusCode, 206);
    assert.equal(first.headers["content-range"], `bytes 0-99/${big.size}`);
    assert.deepEqual(first.rawPayload, big.first.subarray(0, 100));

    const mid = await t.call({ url, as: officer, headers: { range: "bytes=1000000-1000999" } });
    assert.equal(mid.statusCode, 206);
    assert.equal(mid.headers["content-range"], `bytes 1000000-1000999/${big.size}`);
    assert.deepEqual(mid.rawPayload, slice(big, 1000000, 1000999));

    const suffix = await t.call({ url, as: officer, headers: { range: "bytes=-500" } });
    assert.equal(suffix.statusCode, 206);
    assert.equal(suffix.headers["content-range"], `bytes ${big.size - 500}-${big.size - 1}/${big.size}`);
    assert.deepEqual(suffix.rawPayload, slice(big, big.size - 500, big.size - 1));

    const open = await t.call({ url, as: officer, headers: { range: `bytes=${big.size - 10}-` } });
    assert.equal(open.statusCode, 206);
    assert.equal(open.rawPayload.length, 10);

    for (const range of [`bytes=${big.size}-`, `bytes=${big.size + 5}-${big.size + 10}`, "bytes=-0"]) {
      const bad = await t.call({ url, as: officer, headers: { range } });
      assertError(bad, 416, "RANGE_NOT_SATISFIABLE");
      assert.equal(bad.headers["content-range"], `bytes */${big.size}`);
    }
    const head = await t.call({ method: "HEAD", url, as: officer });
    assert.equal(head.statusCode, 200);
    assert.equal(Number(head.headers["content-length"]), big.size);
    assert.equal(head.rawPayload.length, 0);
    const inline = await t.call({
      url: `${url}?disposition=inline`,
      as: officer,
      headers: { range: "bytes=0-0" },
    });
    assert.match(String(inline.headers["content-disposition"]), /^inline;/);
    assertError(await t.call({ url: `${url}?disposition=evil`, as: officer }), 400, "VALIDATION_FAILED");
    const downloads = await t.ctx.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.eventType, "evidence.downloaded"));
    assert.equal(downloads.length, 6, "each (partial) download is recorded; refused and HEAD ones are not");
    assert.equal(JSON.parse(downloads[1]!.payload).end, 99);
  });

  test("permissions: other county 403; supervising city reads and downloads; an assistant cannot upload", async () => {
    assertError(await t.call({ url: `/api/v1/evidence/${bigId}`, as: xsOfficer }), 403, "FORBIDDEN_AGENCY");
    assertError(
      await t.call({ url: `/api/v1/evidence/${bigId}/content`, as: xsOfficer }),
      403,
      "FORBIDDEN_AGENCY",
    );
    const xsList = await t.call({ url: "/api/v1/evidence", as: xsOfficer });
    assert.equal(xsList.json().total, 0);
    const small = generated(1000, 7);
    const refused = await upload(
      xsOfficer,
      { agencyId: t.agency["donghu-1"], kind: "photo" },
      { name: "a.jpg", type: "image/jpeg", g: small },
    );
    assertError(refused, 403, "FORBIDDEN_AGENCY");
    const store = new LocalBlobStore(`${t.ctx.dataDir}/blobs`);
    assert.equal(await store.exists(small.sha256), false, "a refused upload stores nothing");
    const cityUpload = await upload(
      cityLeader,
      { agencyId: t.agency["donghu-1"], kind: "photo" },
      { name: "a.jpg", type: "image/jpeg", g: small },
    );
    assertError(cityUpload, 403, "FORBIDDEN_AGENCY");
    const assistant = await t.login("dh.hb.xg");
    assertError(
      await upload(
        assistant,
        { agencyId: t.agency["donghu-1"], kind: "photo" },
        { name: "a.jpg", type: "image/jpeg", g: small },
      ),
      403,
      "FORBIDDEN",
    );

    const list = await t.call({ url: `/api/v1/evidence?caseId=${caseId}&kind=video`, as: cityLeader });
    assert.equal(list.statusCode, 200, list.body);
    assert.equal(list.json().total, 1);
    assert.equal(list.json().items[0].id, bigId);
    const search = await t.call({ url: `/api/v1/evidence?q=${encodeURIComponent("查封")}`, as: cityLeader });
    assert.equal(search.json().total, 1);
    const dl = await t.call({
      url: `/api/v1/evidence/${bigId}/content`,
      as: cityLeader,
      headers: { range: "bytes=0-9" },
    });
    assert.equal(dl.statusCode, 206);
  });

  test("bad uploads are 4xx and leave nothing: missing file, bad kind, device of another agency, JSON body", async () => {
    const before = await t.ctx.db.select().from(evidenceItems);
    const noFile = await t.call({
      method: "POST",
      url: "/api/v1/evidence",
      as: officer,
      ...multipart({ agencyId: t.agency["donghu-1"], kind: "photo" }, undefined),
    });
    assertError(noFile, 400, "VALIDATION_FAILED");
    const small = generated(2000, 9);
    assertError(
      await upload(
        officer,
        { agencyId: t.agency["donghu-1"], kind: "hologram" },
        { name: "x", type: "image/png", g: small },
      ),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await upload(
        officer,
        { agencyId: t.agency["donghu-1"], kind: "photo", deviceId: "00000000-0000-4000-8000-000000000000" },
        { name: "x.png", type: "image/png", g: small },
      ),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/evidence",
        as: officer,
        payload: { agencyId: t.agency["donghu-1"] },
      }),
      415,
      "UNSUPPORTED_MEDIA_TYPE",
    );
    assert.equal((await t.ctx.db.select().from(evidenceItems)).length, before.length);
    assert.equal(await new LocalBlobStore(`${t.ctx.dataDir}/blobs`).exists(small.sha256), false);
  });

  test("a file over the per-file limit (GUIFAN_EVIDENCE_MAX_BYTES) is refused with 413 and leaves nothing", async () => {
    const saved = process.env.GUIFAN_EVIDENCE_MAX_BYTES;
    process.env.GUIFAN_EVIDENCE_MAX_BYTES = String(2 * 1024 * 1024);
    const small = await buildApp(t.ctx, { logLevel: "silent", serveWeb: false });
    try {
      await small.ready();
      const before = (await t.ctx.db.select().from(evidenceItems)).length;
      const tooBig = generated(3 * 1024 * 1024, 99);
      const res = await small.inject({
        method: "POST",
        url: "/api/v1/evidence",
        headers: { ...officer.cookie, ...multipart({}, undefined).headers },
        payload: multipart(
          { agencyId: t.agency["donghu-1"], kind: "video" },
          { name: "big.mp4", type: "video/mp4", chunks: tooBig.chunks },
        ).payload,
      });
      assertError(res, 413, "BODY_TOO_LARGE");
      assert.equal((await t.ctx.db.select().from(evidenceItems)).length, before);
      assert.equal(await new LocalBlobStore(`${t.ctx.dataDir}/blobs`).exists(tooBig.sha256), false);
      assert.deepEqual(fs.readdirSync(`${t.ctx.dataDir}/blobs/tmp`), [], "the partial file is removed");
    } finally {
      await small.close();
      if (saved === undefined) delete process.env.GUIFAN_EVIDENCE_MAX_BYTES;
      else process.env.GUIFAN_EVIDENCE_MAX_BYTES = saved;
    }
  });

  test("devices: a squad leader registers, assigns and takes back; uploads name the device; history kept", async () => {
    const reg = await t.call({
      method: "POST",
      url: "/api/v1/devices",
      as: lead,
      payload: { agencyId: t.agency["donghu-1"], serialNumber: "DSJ-2026-0001", model: "DSJ-V9" },
    });
    assert.equal(reg.statusCode, 201, reg.body);
    const device = reg.json();
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/devices",
        as: lead,
        payload: { agencyId: t.agency["donghu-1"], serialNumber: "DSJ-2026-0001" },
      }),
      409,
      "DUPLICATE",
    );
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/devices",
        as: officer,
        payload: { agencyId: t.agency["donghu-1"], serialNumber: "X-1" },
      }),
      403,
      "FORBIDDEN",
    );
    const assign = await t.call({
      method: "POST",
      url: `/api/v1/devices/${device.id}/assign`,
      as: lead,
      payload: { officerId: t.user["dh.hb.01"] },
    });
    assert.equal(assign.statusCode, 201, assign.body);
    assertError(
      await t.call({
        method: "POST",
        url: `/api/v1/devices/${device.id}/assign`,
        as: lead,
        payload: { officerId: t.user["dh.hb.02"] },
      }),
      409,
      "DEVICE_UNAVAILABLE",
    );
    const listed = await t.call({ url: `/api/v1/devices?q=DSJ`, as: lead });
    assert.equal(listed.json().items[0].holderName, "张伟");
    const photo = generated(3000, 11);
    const up = await upload(
      officer,
      { agencyId: t.agency["donghu-1"], kind: "photo", deviceId: device.id, officerId: t.user["dh.hb.01"]! },
      { name: "p.jpg", type: "image/jpeg", g: photo },
    );
    assert.equal(up.statusCode, 201, up.body);
    assert.equal(up.json().deviceId, device.id);
    const byDevice = await t.call({ url: `/api/v1/evidence?deviceId=${device.id}`, as: officer });
    assert.equal(byDevice.json().total, 1);
    const back = await t.call({
      method: "POST",
      url: `/api/v1/devices/${device.id}/return`,
      as: lead,
      payload: {},
    });
    assert.equal(back.statusCode, 201, back.body);
    const repair = await t.call({
      method: "POST",
      url: `/api/v1/devices/${device.id}/status`,
      as: lead,
      payload: { status: "maintenance", note: "镜头损坏" },
    });
    assert.equal(repair.statusCode, 200, repair.body);
    assert.equal(repair.json().status, "maintenance");
    const refused = await t.call({
      method: "POST",
      url: `/api/v1/devices/${device.id}/assign`,
      as: lead,
      payload: { officerId: t.user["dh.hb.02"] },
    });
    assertError(refused, 409, "DEVICE_UNAVAILABLE");
    const hist = await t.call({ url: `/api/v1/devices/${device.id}/assignments`, as: cityLeader });
    assert.equal(hist.statusCode, 200, hist.body);
    assert.deepEqual(
      hist.json().map((h: { officerId: string | null }) => h.officerId),
      [null, t.user["dh.hb.01"]],
    );
    assertError(
      await t.call({ url: `/api/v1/devices/${device.id}/assignments`, as: xsOfficer }),
      403,
      "FORBIDDEN_AGENCY",
    );
  });

  test("L5 list over HTTP: inherited defaults, the county edits its own, squads inherit it", async () => {
    const d1 = await t.call({ url: `/api/v1/recording-list?agencyId=${t.agency["donghu-1"]}`, as: officer });
    assert.equal(d1.statusCode, 200, d1.body);
    assert.equal(d1.json().definedBy, null);
    assert.equal(d1.json().items.find((i: { action: string }) => i.action === "seal_seize").level, "full");
    const admin = await t.login("dh.admin");
    const put = await t.call({
      method: "PUT",
      url: `/api/v1/recording-list?agencyId=${t.agency.donghu}`,
      as: admin,
      payload: {
        items: [
          { action: "seal_seize", label: "查封、扣押", level: "full" },
          { action: "hearing", label: "听证", level: "full" },
        ],
        reason: "本局规定听证全程录像",
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    const again = await t.call({
      url: `/api/v1/recording-list?agencyId=${t.agency["donghu-1"]}`,
      as: officer,
    });
    assert.equal(again.json().definedBy, t.agency.donghu);
    assert.equal(again.json().items.length, 2);
    assertError(
      await t.call({
        method: "PUT",
        url: `/api/v1/recording-list?agencyId=${t.agency.donghu}`,
        as: officer,
        payload: { items: [], reason: "x" },
      }),
      403,
      ["FORBIDDEN", "FORBIDDEN_AGENCY"],
    );
  });

  test("export: one ZIP with the case's entries, proofs that verify against the signed checkpoint, and the files", async () => {
    await integrateAll(t.ctx);
    const res = await t.call({
      url: `/api/v1/evidence/export?agencyId=${t.agency["donghu-1"]}&caseId=${caseId}`,
      as: cityLeader,
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers["content-type"], "application/zip");
    const files = unzip(res.rawPayload);
    for (const f of [
      "README.txt",
      "checkpoint.json",
      "public-key.pem",
      "entries.jsonl",
      "proofs.jsonl",
      "evidence.jsonl",
    ])
      assert.ok(files.has(f), `${f} in ${[...files.keys()].join(", ")}`);
    assert.match(files.get("README.txt")!.toString(), /RFC 9162/);
    const cp = JSON.parse(files.get("checkpoint.json")!.toString());
    const pem = files.get("public-key.pem")!.toString();
    assert.ok(
      verify(null, Buffer.from(cp.body), createPublicKey(pem), Buffer.from(cp.signature, "base64")),
      "checkpoint signature",
    );
    const root = Buffer.from(cp.rootHash, "base64");
    const entries = files
      .get("entries.jsonl")!
      .toString()
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const proofs = new Map(
      files
        .get("proofs.jsonl")!
        .toString()
        .trim()
        .split("\n")
        .map((l) => {
          const p = JSON.parse(l);
          return [p.seq, p];
        }),
    );
    const types = entries.map((e) => e.type);
    assert.ok(types.includes("evidence.added"));
    assert.ok(types.includes("evidence.downloaded"));
    assert.ok(types.includes("evidence.exported"), "the export itself is recorded and covered");
    for (const e of entries) {
      const leaf = leafHash(Buffer.from(e.leaf, "utf8"));
      assert.equal(leaf.toString("hex"), e.leafHash);
      assert.equal(JSON.parse(e.leaf).case, caseId);
      const p = proofs.get(e.seq);
      assert.ok(p, `proof of ${e.seq}`);
      assert.equal(p.treeSize, cp.treeSize);
      assert.ok(
        verifyInclusion(
          e.seq,
          cp.treeSize,
          leaf,
          p.proof.map((x: string) => Buffer.from(x, "base64")),
          root,
        ),
        `proof of ${e.seq}`,
      );
    }
    const video = [...files.keys()].find((n) => n.startsWith(`evidence/${bigId}-`));
    assert.ok(video, "the case's video is in the ZIP");
    assert.equal(createHash("sha256").update(files.get(video)!).digest("hex"), big.sha256);
    assertError(
      await t.call({
        url: `/api/v1/evidence/export?agencyId=${t.agency["donghu-1"]}&caseId=${caseId}`,
        as: xsOfficer,
      }),
      403,
      "FORBIDDEN_AGENCY",
    );
  });
});
