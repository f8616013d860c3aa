import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { principalTtlMs } from "../../src/http/auth.ts";
import { assertError, type TestApp, testApp, testEngine } from "../support/index.ts";

// The HTTP layer reuses the principal of a session token for a few seconds (src/http/auth.ts).
// These tests show that it never serves a principal the change of which went through this server,
// and that changes made elsewhere (the CLI, another server) are seen within principalTtlMs.
describe(`session cache of the HTTP layer on ${testEngine()}`, () => {
  let t: TestApp;

  before(async () => {
    t = await testApp();
  });
  after(async () => t?.close());

  const me = (headers: Record<string, string>) => t.call({ url: "/api/v1/auth/me", headers });

  test("a revoked role is gone at the user's next request (cache warm)", async () => {
    const admin = await t.login("admin");
    const legal = await t.login("city.legal");
    const criteria = () =>
      t.call({ url: `/api/v1/major-decision-criteria?agencyId=${t.agency.city}`, headers: legal.bearer });
    assert.equal((await criteria()).statusCode, 200);
    // A user keeps at least one role: give a role without review.read first.
    const granted = await t.call({
      method: "POST",
      url: `/api/v1/users/${t.user["city.legal"]}/roles`,
      headers: admin.bearer,
      payload: { agencyId: t.agency.city, role: "social_supervisor" },
    });
    assert.equal(granted.statusCode, 200, granted.body);
    assert.equal((await criteria()).statusCode, 200);
    const revoked = await t.call({
      method: "DELETE",
      url: `/api/v1/users/${t.user["city.legal"]}/roles/${t.agency.city}/legal_reviewer`,
      headers: admin.bearer,
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assertError(await criteria(), 403, "FORBIDDEN");
    const roles = (await me(legal.bearer)).json().memberships.flatMap((m: { roles: string[] }) => m.roles);
    assert.deepEqual(roles, ["social_supervisor"]);
  });

  test("a session ended outside this server is refused within principalTtlMs", async () => {
    const s = await t.login("city.review");
    assert.equal((await me(s.bearer)).statusCode, 200);
    // As another process would: straight in the database, not through this server.
    await t.ctx.database.query(
      "UPDATE sessions SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL",
      [t.user["city.review"]],
    );
    t.ctx.clock.advance(principalTtlMs);
    assertError(await me(s.bearer), 401, "SESSION_EXPIRED");
  });

  test("a principal is not reused past its session's expiry", async () => {
    const s = await t.login("city.clerk");
    assert.equal((await me(s.bearer)).statusCode, 200);
    // security.sessionHours (default 12): a moment before the end it still works, after it not.
    t.ctx.clock.advance(12 * 3_600_000 - principalTtlMs / 2);
    assert.equal((await me(s.bearer)).statusCode, 200);
    t.ctx.clock.advance(principalTtlMs);
    assertError(await me(s.bearer), 401, "SESSION_EXPIRED");
  });
});
