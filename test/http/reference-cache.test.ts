import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import { caseClient } from "../support/cases.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

// A case step takes C2's officer rows and L5's list from the reference cache while the database's
// reference version is the one it read with the case (src/db/reference-cache.ts). A change made
// behind the server's back (plain SQL, as another process would) raises the version through the
// tables' triggers, so the next step reads and applies it.
describe(`reference data of a case step: cached, and changes apply from the next step (${testEngine()})`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let c0: ReturnType<typeof caseClient>;
  before(async () => {
    t = await testApp();
    for (const u of ["dh.hb.lead", "dh.hb.01"]) s[u] = await t.login(u);
    c0 = caseClient(t, s["dh.hb.01"]!, s["dh.hb.lead"]!);
  });
  after(async () => t?.close());

  const rows = async <T>(query: ReturnType<typeof sql>) =>
    (await t.ctx.db.execute(query)) as unknown as { rows: T[] };
  const version = async () =>
    Number((await rows<{ n: string }>(sql`SELECT n FROM reference_version`)).rows[0]?.n ?? 0);
  const record = (id: string, n: number) =>
    c0.step(id, "record_inspection", c0.day(-60), { record: `第 ${n} 次现场检查` });

  test("C2: a certificate revoked in the database refuses the next step; an unrelated write does not raise the version", async () => {
    const c = await c0.lead({ actOn: c0.day(-80), discoveredOn: c0.day(-75) });
    await c0.ok(c.id, "file", c0.day(-70), {}, s["dh.hb.lead"]);
    await c0.ok(c.id, "start_investigation", c0.day(-69));
    assert.equal((await record(c.id, 1)).statusCode, 200);
    assert.equal((await record(c.id, 2)).statusCode, 200); // from the cache

    // Sign-ins and case steps do not touch reference data: the version stays.
    const before = await version();
    await t.login("dh.hb.02");
    assert.equal((await record(c.id, 3)).statusCode, 200);
    assert.equal(await version(), before);

    // Revoke 张伟's (dh.hb.01) certificate from day -65, in plain SQL.
    const cert = (
      await rows<{ id: string }>(sql`
        SELECT c.id FROM certificates c JOIN officer_profiles p ON p.id = c.officer_id
         WHERE p.user_id = ${t.user["dh.hb.01"]} ORDER BY c.issued_on DESC LIMIT 1`)
    ).rows[0]!;
    await t.ctx.db.execute(sql`
      INSERT INTO certificate_events (id, certificate_id, kind, effective_on, reason)
      VALUES (gen_random_uuid(), ${cert.id}, 'revoked', ${c0.day(-65)}, '测试：吊销')`);
    assert.ok((await version()) > before, "the trigger raised the reference version");
    assertError(await record(c.id, 4), 422, "CERTIFICATE_INVALID");
    // Nothing was written by the refused step.
    assert.equal((await c0.get(c.id)).events.filter((e) => e.event === "record_inspection").length, 3);
  });

  test("a change of a user's name raises the version; other changes of the user do not", async () => {
    const v0 = await version();
    await t.ctx.db.execute(
      sql`UPDATE users SET failed_logins = failed_logins WHERE id = ${t.user["dh.hb.02"]}`,
    );
    assert.equal(await version(), v0);
    await t.ctx.db.execute(
      sql`UPDATE users SET display_name = display_name WHERE id = ${t.user["dh.hb.02"]}`,
    );
    assert.equal(await version(), v0 + 1);
  });
});
