import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  assertError,
  businessRowCounts,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

/**
 * Hostile or broken input: always a 4xx with a stable error.code and a Chinese message, never a
 * 500, and nothing written.
 */
describe(`input handling over HTTP on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  let counts: Record<string, number>;

  before(async () => {
    t = await testApp();
    admin = await t.login("admin");
  });
  after(async () => t?.close());

  beforeEach(async () => {
    counts = await businessRowCounts(t.ctx.database);
  });
  const unchanged = async () => assert.deepEqual(await businessRowCounts(t.ctx.database), counts);

  const newUser = (patch: Record<string, unknown> = {}) => ({
    username: "new.person",
    displayName: "新同事",
    password: "NewPerson2025x",
    memberships: [{ agencyId: t.agency["donghu-1"], role: "officer" }],
    ...patch,
  });
  const raw = (method: string, url: string, body: string | Buffer, contentType = "application/json") =>
    t.call({
      as: admin,
      method: method as "POST",
      url,
      body,
      headers: { "content-type": contentType },
    });

  test("malformed JSON → 400 MALFORMED_JSON", async () => {
    for (const body of ['{"username": "x",', "{username: 'x'}", "not json", '{"a":1}}', "\u0000"]) {
      assertError(await raw("POST", "/api/v1/users", body), 400, "MALFORMED_JSON");
    }
    assertError(
      await raw("PATCH", `/api/v1/agencies/${t.agency.donghu}`, '{"version":1,'),
      400,
      "MALFORMED_JSON",
    );
    assertError(await raw("POST", "/api/v1/auth/login", "{"), 400, "MALFORMED_JSON");
    await unchanged();
  });

  test("an empty JSON body → 400", async () => {
    assertError(await raw("POST", "/api/v1/users", ""), 400, ["MALFORMED_JSON", "VALIDATION_FAILED"]);
    assertError(await raw("POST", "/api/v1/users", "null"), 400, "VALIDATION_FAILED");
    assertError(await raw("POST", "/api/v1/users", "[]"), 400, "VALIDATION_FAILED");
    await unchanged();
  });

  test("wrong types → 400 VALIDATION_FAILED with the offending field", async () => {
    const cases: [string, string, unknown, string][] = [
      ["POST", "/api/v1/users", newUser({ username: 42 }), "body.username"],
      ["POST", "/api/v1/users", newUser({ memberships: "all" }), "body.memberships"],
      [
        "POST",
        "/api/v1/users",
        newUser({ memberships: [{ agencyId: t.agency.donghu, role: "king" }] }),
        "body.memberships.0.role",
      ],
      ["PATCH", `/api/v1/agencies/${t.agency.donghu}`, { version: "1", phone: "1" }, "body.version"],
      ["PATCH", `/api/v1/agencies/${t.agency.donghu}`, { version: 1, areas: "东湖" }, "body.areas"],
      ["PATCH", `/api/v1/users/${t.user["dh.hb.01"]}`, { version: 1, active: "no" }, "body.active"],
      [
        "PUT",
        `/api/v1/agencies/${t.agency.donghu}/settings/security.lockoutThreshold`,
        { value: true, reason: "类型错误" },
        "body.value",
      ],
      ["POST", "/api/v1/auth/login", { username: ["admin"], password: "x" }, "body.username"],
    ];
    for (const [method, url, payload, path] of cases) {
      const res = await t.call({ as: admin, method: method as "POST", url, payload: payload as object });
      assertError(res, 400, "VALIDATION_FAILED");
      const details = (res.json() as { error: { details?: { path?: string }[] } }).error.details ?? [];
      assert.ok(
        details.some((d) => d.path === path),
        `${method} ${url}: expected a detail for ${path}, got ${JSON.stringify(details)}`,
      );
    }
    await unchanged();
  });

  test("values out of range → 400 (SETTING_INVALID for settings)", async () => {
    const put = (value: unknown) =>
      t.call({
        as: admin,
        method: "PUT",
        url: `/api/v1/agencies/${t.agency.donghu}/settings/security.lockoutThreshold`,
        payload: { value, reason: "越界" },
      });
    assertError(await put(0), 400, "SETTING_INVALID");
    assertError(await put(1e9), 400, "SETTING_INVALID");
    assertError(await put(2.5), 400, "SETTING_INVALID");
    assertError(await put("五"), 400, "SETTING_INVALID");
    assertError(
      await t.call({
        as: admin,
        method: "PATCH",
        url: `/api/v1/agencies/${t.agency.donghu}`,
        payload: { version: 1, creditCode: "91350100M000100Y44" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({ as: admin, method: "POST", url: "/api/v1/users", payload: newUser({ username: "ab" }) }),
      400,
      "VALIDATION_FAILED",
    );
    await unchanged();
  });

  test("unknown fields → 400 VALIDATION_FAILED (strict bodies and query strings)", async () => {
    const cases: [string, string, unknown][] = [
      ["POST", "/api/v1/users", newUser({ isAdmin: true })],
      ["POST", "/api/v1/users", newUser({ role: "sysadmin" })],
      ["PATCH", `/api/v1/agencies/${t.agency.donghu}`, { version: 1, path: "/" }],
      ["PATCH", `/api/v1/users/${t.user["dh.hb.01"]}`, { version: 1, failedLogins: 0 }],
      ["PATCH", `/api/v1/users/${t.user["dh.hb.01"]}`, { version: 1, username: "renamed" }],
      ["POST", "/api/v1/auth/login", { username: "admin", password: "x", remember: true }],
      [
        "PUT",
        `/api/v1/agencies/${t.agency.donghu}/settings/security.lockoutThreshold`,
        { value: 3, reason: "x", changedBy: t.user["dh.hb.01"] },
      ],
    ];
    for (const [method, url, payload] of cases) {
      const res = await t.call({ as: admin, method: method as "POST", url, payload: payload as object });
      assertError(res, 400, "VALIDATION_FAILED");
    }
    assertError(await t.call({ as: admin, url: "/api/v1/users?debug=1" }), 400, "VALIDATION_FAILED");
    assertError(await t.call({ as: admin, url: "/api/v1/agencies?sort=path" }), 400, "VALIDATION_FAILED");
    await unchanged();
  });

  test("a body over 1 MiB → 413 BODY_TOO_LARGE", async () => {
    const big = JSON.stringify(newUser({ displayName: "大".repeat(600_000) }));
    assert.ok(Buffer.byteLength(big) > 1024 * 1024);
    assertError(await raw("POST", "/api/v1/users", big), 413, "BODY_TOO_LARGE");
    assertError(
      await raw(
        "POST",
        "/api/v1/auth/login",
        JSON.stringify({ username: "admin", password: "x".repeat(1_100_000) }),
      ),
      413,
      "BODY_TOO_LARGE",
    );
    await unchanged();
  });

  test("a body just under the limit but with over-long fields → 400, not 500", async () => {
    const res = await t.call({
      as: admin,
      method: "POST",
      url: "/api/v1/users",
      payload: newUser({ displayName: "长".repeat(100_000) }),
    });
    assertError(res, 400, "VALIDATION_FAILED");
    await unchanged();
  });

  test("a wrong content type → 415 UNSUPPORTED_MEDIA_TYPE (or 400 for text)", async () => {
    const body = JSON.stringify(newUser());
    for (const type of [
      "application/xml",
      "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded",
    ]) {
      assertError(await raw("POST", "/api/v1/users", body, type), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
    assertError(
      await raw("POST", "/api/v1/users", body, "text/plain"),
      [400, 415],
      ["VALIDATION_FAILED", "UNSUPPORTED_MEDIA_TYPE"],
    );
    await unchanged();
  });

  test("injection strings are data, never code: searches find nothing, tables survive", async () => {
    const sql = "'; DROP TABLE agencies;--";
    for (const url of ["/api/v1/agencies", "/api/v1/users", "/api/v1/security-events"]) {
      const res = await t.call({ as: admin, url: `${url}?q=${encodeURIComponent(sql)}` });
      assert.equal(res.statusCode, 200, url);
      assert.equal((res.json() as { total: number }).total, 0, url);
    }
    const like = await t.call({ as: admin, url: `/api/v1/users?q=${encodeURIComponent("%")}` });
    assert.equal((like.json() as { total: number }).total, 0, "% is matched literally");
    const underscore = await t.call({ as: admin, url: `/api/v1/users?q=${encodeURIComponent("_")}` });
    assert.equal((underscore.json() as { total: number }).total, 0, "_ is matched literally");
    assertError(
      await t.call({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { username: "admin' OR '1'='1", password: "' OR '1'='1" },
      }),
      401,
      "LOGIN_FAILED",
    );
    assertError(
      await t.call({ as: admin, method: "POST", url: "/api/v1/users", payload: newUser({ username: sql }) }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await t.call({
        as: admin,
        method: "PUT",
        url: `/api/v1/agencies/${t.agency.donghu}/settings/${encodeURIComponent(sql)}`,
        payload: { value: 1, reason: sql },
      }),
      404,
      "SETTING_UNKNOWN",
    );
    assertError(
      await t.call({ as: admin, url: `/api/v1/agencies/${encodeURIComponent(sql)}` }),
      400,
      "VALIDATION_FAILED",
    );
    await unchanged();
    const [row] = await t.ctx.database.query<{ n: number }>("SELECT count(*)::int AS n FROM agencies");
    assert.equal(row!.n, 7);
  });

  test("markup is stored and returned as plain JSON text, never as HTML", async () => {
    const script = "<script>alert('x')</script>";
    const res = await t.call({
      as: admin,
      method: "PATCH",
      url: `/api/v1/agencies/${t.agency["donghu-2"]}`,
      payload: { version: 1, address: script },
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers["content-type"]), /^application\/json/);
    assert.equal((res.json() as { address: string }).address, script);
    const read = await t.call({ as: admin, url: `/api/v1/agencies/${t.agency["donghu-2"]}` });
    assert.match(String(read.headers["content-type"]), /^application\/json/);
    assert.equal((read.json() as { address: string }).address, script);
    const bad = await t.call({
      as: admin,
      method: "POST",
      url: "/api/v1/users",
      payload: newUser({ username: script }),
    });
    assertError(bad, 400, "VALIDATION_FAILED");
  });

  test("path parameters that are not UUIDs → 400 VALIDATION_FAILED", async () => {
    const bad = [
      "not-a-uuid",
      "1",
      "00000000-0000-0000-0000-00000000000g",
      "..%2F..%2Fetc%2Fpasswd",
      "%00",
      "a".repeat(150),
    ];
    for (const id of bad) {
      for (const [method, url, payload] of [
        ["GET", `/api/v1/agencies/${id}`, undefined],
        ["PATCH", `/api/v1/agencies/${id}`, { version: 1 }],
        ["GET", `/api/v1/agencies/${id}/settings`, undefined],
        ["GET", `/api/v1/users/${id}`, undefined],
        ["POST", `/api/v1/users/${id}/unlock`, undefined],
        ["DELETE", `/api/v1/users/${t.user["dh.hb.01"]}/roles/${id}/officer`, undefined],
      ] as const) {
        const res = await t.call({ as: admin, method, url, payload: payload as object | undefined });
        assertError(res, 400, "VALIDATION_FAILED");
      }
    }
    assertError(
      await t.call({
        as: admin,
        method: "DELETE",
        url: `/api/v1/users/${t.user["dh.hb.01"]}/roles/${t.agency.donghu}/king`,
      }),
      400,
      "VALIDATION_FAILED",
    );
    await unchanged();
  });

  test("a well-formed id that does not exist → 404 NOT_FOUND", async () => {
    const ghost = "7d0e3c4a-1b2c-4d5e-8f90-123456789abc";
    assertError(await t.call({ as: admin, url: `/api/v1/agencies/${ghost}` }), 404, "NOT_FOUND");
    assertError(await t.call({ as: admin, url: `/api/v1/users/${ghost}` }), 404, "NOT_FOUND");
    assertError(await t.call({ as: admin, url: `/api/v1/agencies/${ghost}/settings` }), 404, "NOT_FOUND");
    assertError(await t.call({ as: admin, url: "/api/v1/no-such-route" }), 404, "ROUTE_NOT_FOUND");
    assertError(
      await t.call({
        as: admin,
        method: "POST",
        url: "/api/v1/users",
        payload: newUser({ memberships: [{ agencyId: ghost, role: "officer" }] }),
      }),
      404,
      "NOT_FOUND",
    );
    await unchanged();
  });

  test("huge, negative or non-numeric page numbers → 400, the largest allowed page → empty 200", async () => {
    for (const q of [
      "page=0",
      "page=-1",
      "page=1.5",
      "page=abc",
      "page=1000001",
      "page=99999999999999999999999",
      "page=1e400",
      "pageSize=0",
      "pageSize=201",
      "pageSize=-5",
      "order=sideways",
      `q=${"x".repeat(101)}`,
    ]) {
      for (const url of ["/api/v1/users", "/api/v1/agencies", "/api/v1/security-events"]) {
        assertError(await t.call({ as: admin, url: `${url}?${q}` }), 400, "VALIDATION_FAILED");
      }
    }
    for (const url of ["/api/v1/users", "/api/v1/agencies", "/api/v1/security-events"]) {
      const res = await t.call({ as: admin, url: `${url}?page=1000000&pageSize=200` });
      assert.equal(res.statusCode, 200, url);
      const body = res.json() as { items: unknown[]; total: number; page: number };
      assert.deepEqual(body.items, []);
      assert.ok(body.total > 0);
      assert.equal(body.page, 1_000_000);
    }
  });

  test("deadline queries with bad input → 400", async () => {
    for (const q of [
      "start=2025-02-30&amount=5&unit=workday",
      "start=20250930&amount=5&unit=workday",
      "start=2025-09-30&amount=-1&unit=workday",
      "start=2025-09-30&amount=5&unit=week",
      "start=2025-09-30&amount=9999&unit=day",
      "start=2025-09-30&unit=day",
      "start=2025-09-30&amount=5&unit=day&extra=1",
    ]) {
      assertError(
        await t.call({ as: admin, url: `/api/v1/calendar/deadline?${q}` }),
        400,
        "VALIDATION_FAILED",
      );
    }
  });

  test("calendar import with a broken file → 400 and nothing written", async () => {
    const post = (payload: unknown) =>
      t.call({ as: admin, method: "POST", url: "/api/v1/calendar/years", payload: payload as object });
    assertError(
      await post({ year: 2027, source: "x", holidays: [], workdays: [] }),
      400,
      "VALIDATION_FAILED",
    );
    assertError(
      await post({
        year: 2027,
        source: "国办发明电测试",
        holidays: [{ date: "2026-01-01", name: "元旦" }],
        workdays: [],
      }),
      400,
      "CALENDAR_IMPORT_INVALID",
    );
    assertError(
      await post({
        year: 2027,
        source: "国办发明电测试",
        holidays: [{ date: "2027-02-30", name: "x" }],
        workdays: [],
      }),
      400,
      "CALENDAR_IMPORT_INVALID",
    );
    assertError(
      await post({ year: 2025, source: "国办发明电测试", holidays: [], workdays: [] }),
      409,
      "DUPLICATE",
    );
    await unchanged();
  });
});
