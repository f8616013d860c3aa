import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  assertError,
  demoPassword,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

type Operation = { security?: unknown[] };
type OpenApi = { paths: Record<string, Record<string, Operation | undefined>> };
const methods = ["get", "post", "put", "patch", "delete"] as const;

describe(`authentication over HTTP on ${testEngine()}`, () => {
  let t: TestApp;

  before(async () => {
    t = await testApp();
  });
  after(async () => t?.close());

  const events = (kind: string, username: string) =>
    t.ctx.database.query<{ user_id: string | null; detail: string; ip: string; request_id: string }>(
      "SELECT user_id, detail, ip, request_id FROM security_events WHERE kind = $1 AND username = $2 ORDER BY id",
      [kind, username],
    );
  const login = (username: string, password: string) =>
    t.call({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  const me = (headers: Record<string, string>) => t.call({ url: "/api/v1/auth/me", headers });

  /** Every operation of the OpenAPI document with its path parameters filled in. */
  const operations = () => {
    const doc = t.app.swagger() as unknown as OpenApi;
    const fill: Record<string, string> = {
      id: t.agency.donghu,
      agencyId: t.agency.donghu,
      itemId: t.agency.donghu,
      resultId: t.agency.donghu,
      role: "officer",
      key: "security.lockoutThreshold",
      procedure: "general",
      event: "file",
      code: "ABCDE23456",
      list: "three_step",
      kind: "filing_approval",
      seq: "2",
    };
    const out: { method: string; path: string; url: string; isPublic: boolean }[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const m of methods) {
        const op = item[m];
        if (!op) continue;
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          assert.ok(fill[name], `no sample value for path parameter ${name}`);
          return fill[name]!;
        });
        // A route is public when the document says so (security: []); everything else needs a session.
        out.push({
          method: m.toUpperCase(),
          path,
          url,
          isPublic: Array.isArray(op.security) && op.security.length === 0,
        });
      }
    }
    return out;
  };

  describe("no session", () => {
    test("only login, health and read-only routes are declared public", () => {
      const open = operations().filter((o) => o.isPublic);
      const names = open.map((o) => `${o.method} ${o.path}`);
      assert.ok(names.includes("POST /api/v1/auth/login"), names.join(", "));
      assert.ok(names.includes("GET /api/v1/health"), names.join(", "));
      for (const o of open) {
        // Issue 8: the public complaint routes (submit, rate, reopen request) are public writes,
        // rate-limited per IP (429 RATE_LIMITED is tested in test/http/complaints.test.ts).
        if (o.path.startsWith("/api/v1/public/complaints")) continue;
        assert.ok(
          o.method === "GET" || o.path === "/api/v1/auth/login",
          `public write route ${o.method} ${o.path}`,
        );
        // The public site (/api/v1/public/…, C13) shows agencies, officers and decisions on purpose;
        // what those routes may send is tested in test/http/public-info.test.ts and publicity.test.ts.
        if (o.path.startsWith("/api/v1/public/")) continue;
        assert.ok(!/\/(users|agencies|settings|security-events|auth\/me)/.test(o.path), `public ${o.path}`);
      }
    });

    test("every non-public route of the OpenAPI document answers 401 UNAUTHENTICATED", async () => {
      const ops = operations();
      assert.ok(ops.length >= 20, `only ${ops.length} operations`);
      let checked = 0;
      const open = ops.filter((o) => o.isPublic).length;
      for (const op of ops) {
        if (op.isPublic) continue;
        // A body that would be valid or invalid does not matter: auth comes first.
        const res = await t.call({
          method: op.method as "GET",
          url: op.url,
          payload: op.method === "GET" || op.method === "DELETE" ? undefined : {},
        });
        assertError(res, 401, "UNAUTHENTICATED");
        checked++;
      }
      assert.equal(checked, ops.length - open);
      assert.ok(checked >= 18, `only ${checked} protected operations`);
    });

    test("an unknown, forged or empty token answers 401 SESSION_EXPIRED / UNAUTHENTICATED", async () => {
      for (const op of operations()) {
        if (op.isPublic) continue;
        const forged = await t.call({
          method: op.method as "GET",
          url: op.url,
          headers: { cookie: "guifan_session=forged-token-value" },
        });
        assertError(forged, 401, "SESSION_EXPIRED");
        const bearer = await t.call({
          method: op.method as "GET",
          url: op.url,
          headers: { authorization: "Bearer forged-token-value" },
        });
        assertError(bearer, 401, "SESSION_EXPIRED");
      }
      assertError(await me({ authorization: "Bearer " }), 401, "UNAUTHENTICATED");
      assertError(await me({ cookie: "guifan_session=" }), 401, "UNAUTHENTICATED");
      assertError(await me({ authorization: "Basic YWRtaW46YWRtaW4=" }), 401, "UNAUTHENTICATED");
    });

    test("the public routes work without a session", async () => {
      assert.equal((await t.call({ url: "/api/v1/health" })).statusCode, 200);
      assert.equal((await t.call({ url: "/openapi.json" })).statusCode, 200);
      assert.equal((await login("admin", demoPassword)).statusCode, 200);
    });
  });

  describe("logging in", () => {
    test("a successful login sets an HttpOnly, SameSite=Strict session cookie and is recorded", async () => {
      const res = await login("dh.clerk", demoPassword);
      assert.equal(res.statusCode, 200);
      const body = res.json() as { token: string; user: { username: string }; expiresAt: string };
      assert.equal(body.user.username, "dh.clerk");
      const cookie = res.cookies.find((c) => c.name === "guifan_session")!;
      assert.equal(cookie.value, body.token);
      assert.equal(cookie.httpOnly, true);
      assert.equal(cookie.sameSite, "Strict");
      assert.equal(cookie.path, "/");
      const ok = await events("login_succeeded", "dh.clerk");
      assert.equal(ok.length, 1);
      assert.equal(ok[0]!.user_id, t.user["dh.clerk"]);
      assert.ok(ok[0]!.ip);
      assert.ok(ok[0]!.request_id);
      assert.equal((await me({ cookie: `guifan_session=${body.token}` })).statusCode, 200);
      assert.equal((await me({ authorization: `Bearer ${body.token}` })).statusCode, 200);
    });

    test("a wrong password or unknown user → 401 LOGIN_FAILED with the same message, recorded", async () => {
      const wrong = await login("dh.legal", "not-the-password1");
      const unknown = await login("nobody.here", "not-the-password1");
      assertError(wrong, 401, "LOGIN_FAILED");
      assertError(unknown, 401, "LOGIN_FAILED");
      assert.equal(
        (wrong.json() as { error: { message: string } }).error.message,
        (unknown.json() as { error: { message: string } }).error.message,
      );
      assert.equal(wrong.cookies.length, 0);
      const failed = await events("login_failed", "dh.legal");
      assert.deepEqual(
        failed.map((e) => e.user_id),
        [t.user["dh.legal"]],
      );
      assert.match(failed[0]!.detail, /1/, "the detail counts the failures");
      assert.deepEqual(
        (await events("login_failed", "nobody.here")).map((e) => e.user_id),
        [null],
      );
    });

    test("SEC: the account locks after security.lockoutThreshold (default 5) failures → 423 ACCOUNT_LOCKED", async () => {
      for (let i = 1; i <= 4; i++)
        assertError(await login("dh.hb.02", `wrong-${i}-password`), 401, "LOGIN_FAILED");
      const locked = await login("dh.hb.02", "wrong-5-password");
      assertError(locked, 423, "ACCOUNT_LOCKED");
      const message = (locked.json() as { error: { message: string } }).error.message;
      assert.match(message, /锁定/, "says the account is locked");
      assert.match(message, /\d{1,2}:\d{2}/, "says until when");
      // Even the right password is refused while locked.
      assertError(await login("dh.hb.02", demoPassword), 423, "ACCOUNT_LOCKED");
      assert.equal((await events("account_locked", "dh.hb.02")).length, 1);
      // Four counted failures, then one refused attempt while locked (the 5th failure locks).
      const failures = await events("login_failed", "dh.hb.02");
      assert.equal(failures.length, 5);
      failures.slice(0, 4).forEach((e, i) => {
        assert.match(e.detail, new RegExp(String(i + 1)), e.detail);
      });
      // The administrator sees the lock.
      const admin = await t.login("dh.admin");
      const view = (await t.call({ as: admin, url: `/api/v1/users/${t.user["dh.hb.02"]}` })).json() as {
        lockedUntil: string | null;
      };
      assert.ok(view.lockedUntil);
    });

    test("SEC: a lock ends after security.lockoutMinutes (default 15)", async () => {
      t.ctx.clock.advance(14 * 60_000);
      assertError(await login("dh.hb.02", demoPassword), 423, "ACCOUNT_LOCKED");
      t.ctx.clock.advance(2 * 60_000);
      assert.equal((await login("dh.hb.02", demoPassword)).statusCode, 200);
    });

    test("SEC: an administrator can lift a lock at once", async () => {
      for (let i = 1; i <= 5; i++) await login("dh.hb.lead", `wrong-${i}-password`);
      assertError(await login("dh.hb.lead", demoPassword), 423, "ACCOUNT_LOCKED");
      const admin = await t.login("dh.admin");
      const res = await t.call({
        as: admin,
        method: "POST",
        url: `/api/v1/users/${t.user["dh.hb.lead"]}/unlock`,
      });
      assert.equal(res.statusCode, 204);
      assert.equal((await login("dh.hb.lead", demoPassword)).statusCode, 200);
      assert.equal((await events("account_unlocked", "dh.hb.lead")).length, 1);
    });

    test("SEC: the threshold follows the setting in force for the user's agency", async () => {
      const admin = await t.login("dh.admin");
      const put = await t.call({
        as: admin,
        method: "PUT",
        url: `/api/v1/agencies/${t.agency["donghu-2"]}/settings/security.lockoutThreshold`,
        payload: { value: 2, reason: "新城中队加强账号安全" },
      });
      assert.equal(put.statusCode, 200);
      assertError(await login("dh.xc.01", "wrong-1-password"), 401, "LOGIN_FAILED");
      assertError(await login("dh.xc.01", "wrong-2-password"), 423, "ACCOUNT_LOCKED");
      // The sibling squad keeps the default of 5.
      assertError(await login("dh.hb.01", "wrong-1-password"), 401, "LOGIN_FAILED");
      assertError(await login("dh.hb.01", "wrong-2-password"), 401, "LOGIN_FAILED");
      assert.equal((await login("dh.hb.01", demoPassword)).statusCode, 200);
    });

    test("a disabled account cannot log in and its sessions end", async () => {
      const victim = await t.login("dh.xc.lead");
      const admin = await t.login("dh.admin");
      const res = await t.call({
        as: admin,
        method: "PATCH",
        url: `/api/v1/users/${t.user["dh.xc.lead"]}`,
        payload: { version: 1, active: false },
      });
      assert.equal(res.statusCode, 200);
      assertError(await me(victim.cookie), 401, "SESSION_EXPIRED");
      assertError(await login("dh.xc.lead", demoPassword), 403, "ACCOUNT_DISABLED");
    });
  });

  describe("logging out", () => {
    let a: Session;
    let b: Session;

    before(async () => {
      a = await t.login("city.clerk");
      b = await t.login("city.clerk");
    });

    test("logout ends the session: cookie and Bearer token both stop working", async () => {
      assert.equal((await me(a.cookie)).statusCode, 200);
      assert.equal((await me(a.bearer)).statusCode, 200);
      const out = await t.call({ method: "POST", url: "/api/v1/auth/logout", headers: a.bearer });
      assert.equal(out.statusCode, 204);
      const cleared = out.cookies.find((c) => c.name === "guifan_session");
      assert.ok(
        cleared && (cleared.value === "" || (cleared.expires && cleared.expires.getTime() <= Date.now())),
      );
      assertError(await me(a.cookie), 401, "SESSION_EXPIRED");
      assertError(await me(a.bearer), 401, "SESSION_EXPIRED");
      assertError(await t.call({ url: "/api/v1/agencies", headers: a.cookie }), 401, "SESSION_EXPIRED");
      const logouts = await t.ctx.database.query(
        "SELECT 1 FROM security_events WHERE kind = 'logout' AND user_id = $1",
        [t.user["city.clerk"]],
      );
      assert.equal(logouts.length, 1);
    });

    test("logout ends only that session; logging out with the cookie works too", async () => {
      assert.equal((await me(b.cookie)).statusCode, 200);
      assert.equal(
        (await t.call({ method: "POST", url: "/api/v1/auth/logout", headers: b.cookie })).statusCode,
        204,
      );
      assertError(await me(b.bearer), 401, "SESSION_EXPIRED");
      assertError(
        await t.call({ method: "POST", url: "/api/v1/auth/logout", headers: b.cookie }),
        401,
        "SESSION_EXPIRED",
      );
    });
  });

  describe("changing passwords", () => {
    test("a weak new password → 400 PASSWORD_TOO_WEAK, a wrong old one → 400 PASSWORD_INCORRECT", async () => {
      const s = await t.login("dh.xc.02");
      for (const weak of ["short1", "abcdefghij", "1234567890", "        "]) {
        const res = await t.call({
          as: s,
          method: "POST",
          url: "/api/v1/auth/password",
          payload: { oldPassword: demoPassword, newPassword: weak },
        });
        assertError(res, 400, "PASSWORD_TOO_WEAK");
      }
      const wrongOld = await t.call({
        as: s,
        method: "POST",
        url: "/api/v1/auth/password",
        payload: { oldPassword: "Not-the-old-1", newPassword: "BrandNew2025x" },
      });
      assertError(wrongOld, 400, "PASSWORD_INCORRECT");
      assert.equal((await login("dh.xc.02", demoPassword)).statusCode, 200, "old password unchanged");
    });

    test("a password change ends the user's other sessions; the new password works, the old does not", async () => {
      const current = await t.login("dh.xc.02");
      const other = await t.login("dh.xc.02");
      const res = await t.call({
        as: current,
        method: "POST",
        url: "/api/v1/auth/password",
        payload: { oldPassword: demoPassword, newPassword: "BrandNew2025x" },
      });
      assert.equal(res.statusCode, 204);
      assertError(await me(other.cookie), 401, "SESSION_EXPIRED");
      assertError(await me(other.bearer), 401, "SESSION_EXPIRED");
      assert.equal((await me(current.cookie)).statusCode, 200, "the session that changed it continues");
      assertError(await login("dh.xc.02", demoPassword), 401, "LOGIN_FAILED");
      assert.equal((await login("dh.xc.02", "BrandNew2025x")).statusCode, 200);
      assert.equal((await events("password_changed", "dh.xc.02")).length, 1);
    });

    test("an administrator's reset ends all the user's sessions; weak passwords are refused", async () => {
      const victim = await t.login("dh.legal");
      const admin = await t.login("dh.admin");
      const url = `/api/v1/users/${t.user["dh.legal"]}/password`;
      assertError(
        await t.call({ as: admin, method: "POST", url, payload: { password: "weak" } }),
        400,
        "PASSWORD_TOO_WEAK",
      );
      assert.equal((await me(victim.cookie)).statusCode, 200);
      assert.equal(
        (await t.call({ as: admin, method: "POST", url, payload: { password: "Reset2025abc" } })).statusCode,
        204,
      );
      assertError(await me(victim.cookie), 401, "SESSION_EXPIRED");
      assert.equal((await login("dh.legal", "Reset2025abc")).statusCode, 200);
      assert.equal((await events("password_reset", "dh.legal")).length, 1);
    });
  });

  describe("permissions", () => {
    const denied = (username: string) =>
      t.ctx.database.query<{ detail: string; user_id: string }>(
        "SELECT detail, user_id FROM security_events WHERE kind = 'permission_denied' AND username = $1 ORDER BY id",
        [username],
      );

    test("a role without the permission → 403 FORBIDDEN (officer creating a user), recorded", async () => {
      const officer = await t.login("dh.hb.01");
      const res = await t.call({
        as: officer,
        method: "POST",
        url: "/api/v1/users",
        payload: {
          username: "made.by.officer",
          displayName: "队员建号",
          password: "Officer2025x",
          memberships: [{ agencyId: t.agency["donghu-1"], role: "officer" }],
        },
      });
      assertError(res, 403, "FORBIDDEN");
      const d = await denied("dh.hb.01");
      assert.deepEqual(
        d.map((e) => e.user_id),
        [t.user["dh.hb.01"]],
      );
      assert.match(d[0]!.detail, /POST \/api\/v1\/users/);
      const rows = await t.ctx.database.query("SELECT 1 FROM users WHERE username = 'made.by.officer'");
      assert.equal(rows.length, 0);
    });

    test("more routes a role does not grant → 403 FORBIDDEN", async () => {
      const officer = await t.login("dh.hb.01");
      const assistant = await t.login("dh.hb.xg");
      const supervisor = await t.login("supervisor");
      const cases: [Session, string, string, unknown][] = [
        [officer, "PATCH", `/api/v1/agencies/${t.agency["donghu-1"]}`, { version: 1, phone: "1" }],
        [
          officer,
          "PUT",
          `/api/v1/agencies/${t.agency["donghu-1"]}/settings/security.lockoutThreshold`,
          { value: 9, reason: "x" },
        ],
        [officer, "POST", `/api/v1/users/${t.user["dh.hb.xg"]}/unlock`, undefined],
        [officer, "GET", "/api/v1/security-events", undefined],
        [
          officer,
          "POST",
          "/api/v1/calendar/years",
          { year: 2030, source: "测试通知文号", holidays: [], workdays: [] },
        ],
        [assistant, "GET", "/api/v1/users", undefined],
        [assistant, "GET", `/api/v1/agencies/${t.agency["donghu-1"]}/settings`, undefined],
        [supervisor, "GET", "/api/v1/security-events", undefined],
        [supervisor, "GET", `/api/v1/users/${t.user.admin}`, undefined],
      ];
      for (const [as, method, url, payload] of cases) {
        assertError(
          await t.call({ as, method: method as "GET", url, payload: payload as object }),
          403,
          "FORBIDDEN",
        );
      }
      assert.equal((await denied("dh.hb.xg")).length, 2);
      assert.equal((await denied("supervisor")).length, 2);
    });

    test("what a role does grant works (control)", async () => {
      const assistant = await t.login("dh.hb.xg");
      assert.equal((await t.call({ as: assistant, url: "/api/v1/agencies" })).statusCode, 200);
      assert.equal((await t.call({ as: assistant, url: "/api/v1/calendar/years" })).statusCode, 200);
      const officer = await t.login("dh.hb.01");
      assert.equal((await t.call({ as: officer, url: "/api/v1/users" })).statusCode, 200);
    });

    test("an administrator cannot disable their own account", async () => {
      const admin = await t.login("dh.admin");
      const self = t.user["dh.admin"]!;
      const disable = await t.call({
        as: admin,
        method: "PATCH",
        url: `/api/v1/users/${self}`,
        payload: { version: 1, active: false },
      });
      assertError(disable, 403, "FORBIDDEN");
    });
  });

  describe("session lifetime", () => {
    test("SEC: a session expires after security.sessionHours (default 12)", async () => {
      const s = await t.login("city.review");
      t.ctx.clock.advance(11 * 3_600_000);
      assert.equal((await me(s.cookie)).statusCode, 200);
      t.ctx.clock.advance(2 * 3_600_000);
      assertError(await me(s.cookie), 401, "SESSION_EXPIRED");
      assertError(await me(s.bearer), 401, "SESSION_EXPIRED");
    });
  });
});
