import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { acceptComplaint } from "../../src/modules/complaints/accept-complaint.ts";
import { dispatchComplaint } from "../../src/modules/complaints/dispatch-complaint.ts";
import { complaintOfCode } from "../../src/modules/complaints/public-status.ts";
import { submitComplaint } from "../../src/modules/complaints/submit-complaint.ts";
import { verifyComplaint } from "../../src/modules/complaints/verify-complaint.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import type { Principal } from "../../src/modules/identity/principal.ts";
import { integrateAll } from "../../src/modules/ledger/integrate.ts";
import { verifyLedger } from "../../src/modules/ledger/verify-ledger.ts";
import { type TestApp, testApp, testEngine } from "../support/index.ts";

describe(`complaints in the database (${testEngine()})`, () => {
  let t: TestApp;
  const p: Record<string, Principal> = {};
  let id = "";

  before(async () => {
    t = await testApp();
    for (const u of ["dh.clerk", "dh.hb.lead", "dh.hb.01"])
      p[u] = (await principalForUser(t.ctx.db, t.user[u]!))!;
    const { trackingCode } = await submitComplaint(t.ctx, {
      bureauId: t.agency.donghu,
      category: "street_vending",
      address: "东湖区湖滨街道湖滨路 18 号",
      description: "人行道上有人摆摊卖水果",
      anonymous: false,
      reporter: { name: "赵举报", phone: "13812345678" },
    });
    const c = await complaintOfCode(t.ctx, trackingCode);
    id = c.id;
    await dispatchComplaint(t.ctx, p["dh.clerk"]!, id, {
      version: c.version,
      agencyId: t.agency["donghu-1"],
    });
  });
  after(async () => t?.close());

  const count = async (table: string) =>
    (await t.ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  for (const [table, column] of [
    ["complaint_events", "event"],
    ["complaint_reporters", "name"],
  ] as const) {
    test(`C7: ${table} refuses UPDATE, DELETE and TRUNCATE`, async () => {
      const n = await count(table);
      assert.ok(n > 0);
      for (const statement of [
        `UPDATE ${table} SET ${column} = 'tampered'`,
        `DELETE FROM ${table}`,
        `TRUNCATE ${table} CASCADE`,
      ])
        await assert.rejects(t.ctx.database.query(statement), /append-only/);
      assert.equal(await count(table), n);
    });
  }

  test("seed 001 item 26: two units accepting at once — one wins, the other is refused, one event row", async () => {
    const c = await complaintOfCode(
      t.ctx,
      (
        await t.ctx.database.query<{ tracking_code: string }>(
          `SELECT tracking_code FROM complaints WHERE id = '${id}'`,
        )
      )[0]!.tracking_code,
    );
    const results = await Promise.allSettled([
      acceptComplaint(t.ctx, p["dh.hb.lead"]!, id, { version: c.version }),
      acceptComplaint(t.ctx, p["dh.hb.01"]!, id, { version: c.version }),
    ]);
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    // Serialised (PGlite): the second sees the new state; interleaved (server): the version moved.
    assert.ok(["CONFLICT", "TRANSITION_NOT_ALLOWED"].includes((rejected.reason as { code: string }).code));
    const rows = await t.ctx.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = '${id}' AND event = 'accepted'`,
    );
    assert.equal(rows[0]!.n, 1);
  });

  test("C7: every complaint step is in a verifiable ledger; the reporter is only a commitment", async () => {
    const c = (
      await t.ctx.database.query<{ version: number }>(`SELECT version FROM complaints WHERE id = '${id}'`)
    )[0]!;
    await verifyComplaint(t.ctx, p["dh.hb.01"]!, id, { version: c.version, findings: "属实" });
    await integrateAll(t.ctx);
    const report = await verifyLedger(t.ctx, { agencyId: t.agency.donghu });
    assert.equal(report.ok, true, JSON.stringify(report).slice(0, 500));
    const rows = await t.ctx.database.query<{ payload: string }>(
      "SELECT payload FROM ledger_entries WHERE event_type LIKE 'complaint.%'",
    );
    assert.ok(rows.length >= 4);
    assert.ok(rows.some((r) => /"reporterCommitment":"[0-9a-f]{64}"/.test(r.payload)));
    for (const r of rows) assert.ok(!r.payload.includes("赵举报") && !r.payload.includes("13812345678"));
  });
});
