import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadMigrations } from "../../src/db/migrate.ts";
import { assertError, type Session, type TestApp, testApp, testEngine } from "../support/index.ts";

type Json = Record<string, unknown>;
type Operation = {
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Json };
  responses?: Record<string, { description?: string; content?: Json }>;
  security?: Record<string, unknown>[];
  operationId?: string;
  summary?: string;
};
type OpenApi = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { securitySchemes?: Json; schemas?: Json };
  security?: Record<string, unknown>[];
};
type Paged<T = { id: string }> = { items: T[]; total: number; page: number; pageSize: number };

const httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Full paths and methods of the routes Fastify serves, from its printed route tree. */
function servedRoutes(printed: string): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of printed.split("\n")) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = stack.join("") + m[2]!;
    stack.push(m[2]!);
    if (m[3]) out.push({ path: full, methods: m[3].split(", ") });
  }
  return out;
}

describe(`API surface on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  let doc: OpenApi;

  before(async () => {
    t = await testApp();
    admin = await t.login("admin");
    const res = await t.call({ url: "/openapi.json" });
    assert.equal(res.statusCode, 200);
    doc = res.json() as OpenApi;
  });
  after(async () => t?.close());

  describe("OpenAPI document", () => {
    test("/openapi.json is a valid OpenAPI 3 document", () => {
      assert.match(doc.openapi, /^3\.\d+\.\d+$/);
      assert.ok(doc.info.title.length > 0);
      assert.ok(doc.info.version.length > 0);
      const schemes = Object.keys(doc.components?.securitySchemes ?? {});
      const checkSecurity = (reqs: Record<string, unknown>[] | undefined, where: string) => {
        for (const r of reqs ?? [])
          for (const name of Object.keys(r)) assert.ok(schemes.includes(name), `${where}: ${name}`);
      };
      checkSecurity(doc.security, "global security");
      const ids = new Set<string>();
      for (const [path, item] of Object.entries(doc.paths)) {
        assert.match(path, /^\//);
        const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const [method, op] of Object.entries(item)) {
          const where = `${method.toUpperCase()} ${path}`;
          assert.ok(httpMethods.includes(method), `${where}: unknown method`);
          assert.ok(op.responses && Object.keys(op.responses).length > 0, `${where}: no responses`);
          for (const [status, r] of Object.entries(op.responses)) {
            assert.match(status, /^([1-5]\d\d|[1-5]XX|default)$/, `${where}: response key ${status}`);
            assert.equal(typeof r.description, "string", `${where} ${status}: description is required`);
          }
          const pathParams = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
          assert.deepEqual([...pathParams].sort(), [...templated].sort(), `${where}: path parameters`);
          for (const p of op.parameters ?? []) {
            assert.ok(["query", "header", "path", "cookie"].includes(p.in), `${where}: parameter in ${p.in}`);
            assert.ok(p.name, `${where}: parameter without a name`);
            if (p.in === "path")
              assert.equal(p.required, true, `${where}: path parameter ${p.name} required`);
            assert.ok(p.schema, `${where}: parameter ${p.name} has a schema`);
          }
          if (op.requestBody) assert.ok(op.requestBody.content, `${where}: request body content`);
          if (op.operationId) {
            assert.ok(!ids.has(op.operationId), `${where}: duplicate operationId`);
            ids.add(op.operationId);
          }
          checkSecurity(op.security, where);
        }
      }
      // Every $ref points at something that exists.
      const text = JSON.stringify(doc);
      for (const m of text.matchAll(/"\$ref":"#\/([^"]+)"/g)) {
        let node: unknown = doc;
        for (const part of m[1]!.split("/"))
          node = (node as Json | undefined)?.[part.replaceAll("~1", "/").replaceAll("~0", "~")];
        assert.ok(node, `dangling $ref #/${m[1]}`);
      }
    });

    test("/openapi.json lists every API route the server serves, and nothing it does not", () => {
      const served = servedRoutes(t.app.printRoutes({ commonPrefix: false })).filter((r) =>
        r.path.startsWith("/api/"),
      );
      assert.ok(served.length >= 15, `parsed only ${served.length} routes`);
      const documented = new Set(
        Object.entries(doc.paths).flatMap(([p, item]) =>
          Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`),
        ),
      );
      let n = 0;
      for (const r of served) {
        const path = r.path.replace(/:(\w+)/g, "{$1}");
        for (const m of r.methods) {
          if (m === "HEAD") continue;
          assert.ok(documented.has(`${m} ${path}`), `${m} ${path} is served but not documented`);
          n++;
        }
      }
      assert.equal(n, documented.size, "documented operations that are not served");
      for (const name of documented) {
        const [method, path] = name.split(" ") as [string, string];
        assert.ok(
          t.app.hasRoute({ method: method as "GET", url: path.replace(/\{(\w+)\}/g, ":$1") }),
          `${name} is documented but not served`,
        );
      }
      for (const expected of [
        "POST /api/v1/auth/login",
        "GET /api/v1/users",
        "PATCH /api/v1/agencies/{id}",
        "PUT /api/v1/agencies/{id}/settings/{key}",
        "GET /api/v1/calendar/deadline",
      ]) {
        assert.ok(documented.has(expected), expected);
      }
    });

    test("every operation has a Chinese summary and documents its error responses", () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          assert.match(op.summary ?? "", /[\u4e00-\u9fff]/, `${method} ${path}`);
          const isPublic = Array.isArray(op.security) && op.security.length === 0;
          if (!isPublic) assert.ok(op.responses?.["401"], `${method} ${path} documents 401`);
        }
      }
    });

    test("no response schema mentions a password hash", () => {
      assert.doesNotMatch(JSON.stringify(doc), /passwordHash|password_hash/);
    });
  });

  test("/api/v1/health reports the engine and the schema version", async () => {
    const res = await t.call({ url: "/api/v1/health" });
    assert.equal(res.statusCode, 200);
    const body = res.json() as { status: string; engine: string; schemaVersion: number; time: string };
    assert.equal(body.status, "ok");
    assert.equal(body.engine, testEngine());
    assert.equal(body.schemaVersion, loadMigrations().length);
    assert.ok(!Number.isNaN(Date.parse(body.time)));
    assert.ok(res.headers["x-request-id"]);
  });

  describe("lists paginate and search", () => {
    test("users: pages are disjoint and together hold every visible user", async () => {
      const seen = new Set<string>();
      let total = 0;
      for (let page = 1; page <= 6; page++) {
        const res = await t.call({ as: admin, url: `/api/v1/users?pageSize=5&page=${page}` });
        const body = res.json() as Paged;
        total = body.total;
        assert.equal(body.page, page);
        assert.equal(body.pageSize, 5);
        assert.equal(body.items.length, page < 6 ? 5 : 2, `page ${page}`);
        for (const i of body.items) {
          assert.ok(!seen.has(i.id), "a user on two pages");
          seen.add(i.id);
        }
      }
      assert.equal(total, 27);
      assert.equal(seen.size, 27);
      const past = (await t.call({ as: admin, url: "/api/v1/users?pageSize=5&page=7" })).json() as Paged;
      assert.deepEqual(past.items, []);
      assert.equal(past.total, 27);
    });

    test("users: sorting and order", async () => {
      const asc = (await t.call({ as: admin, url: "/api/v1/users?pageSize=200" })).json() as Paged<{
        username: string;
      }>;
      const names = asc.items.map((u) => u.username);
      assert.deepEqual(names, [...names].sort());
      const desc = (
        await t.call({ as: admin, url: "/api/v1/users?pageSize=200&order=desc" })
      ).json() as Paged<{
        username: string;
      }>;
      assert.deepEqual(
        desc.items.map((u) => u.username),
        [...names].reverse(),
      );
    });

    test("users: q searches username, display name and phone; filters by agency and role", async () => {
      const q = async (query: string) =>
        (
          (await t.call({ as: admin, url: `/api/v1/users?pageSize=200&${query}` })).json() as Paged<{
            username: string;
          }>
        ).items
          .map((u) => u.username)
          .sort();
      assert.deepEqual(await q("q=dh.hb"), ["dh.hb.01", "dh.hb.02", "dh.hb.lead", "dh.hb.xg"]);
      assert.deepEqual(await q("q=DH.HB.L"), ["dh.hb.lead"]);
      assert.deepEqual(await q(`q=${encodeURIComponent("东湖管理")}`), ["dh.admin"]);
      assert.deepEqual(await q(`q=${encodeURIComponent("张")}`), ["dh.hb.01", "dh.hb.lead"]);
      assert.equal((await q("q=1390579")).length, 26);
      assert.deepEqual(await q(`agencyId=${t.agency["donghu-1"]}&role=officer`), [
        "dh.hb.01",
        "dh.hb.02",
        "dh.hb.lead",
      ]);
      assert.deepEqual(await q(`agencyId=${t.agency.qingshi}&q=qs.x`), ["qs.xg"]);
      assert.deepEqual(await q("q=nobody-matches-this"), []);
    });

    test("agencies: paging, parent filter and search", async () => {
      const p1 = (await t.call({ as: admin, url: "/api/v1/agencies?pageSize=3&page=1" })).json() as Paged;
      const p2 = (await t.call({ as: admin, url: "/api/v1/agencies?pageSize=3&page=2" })).json() as Paged;
      const p3 = (await t.call({ as: admin, url: "/api/v1/agencies?pageSize=3&page=3" })).json() as Paged;
      assert.equal(p1.total, 7);
      assert.deepEqual([p1.items.length, p2.items.length, p3.items.length], [3, 3, 1]);
      assert.equal(new Set([...p1.items, ...p2.items, ...p3.items].map((a) => a.id)).size, 7);
      const children = (
        await t.call({ as: admin, url: `/api/v1/agencies?parentId=${t.agency.donghu}` })
      ).json() as Paged;
      assert.deepEqual(
        children.items.map((a) => a.id).sort(),
        [t.agency["donghu-1"], t.agency["donghu-2"]].sort(),
      );
      const squads = (
        await t.call({ as: admin, url: `/api/v1/agencies?q=${encodeURIComponent("中队")}` })
      ).json() as Paged;
      assert.equal(squads.total, 3);
      const byShort = (
        await t.call({ as: admin, url: `/api/v1/agencies?q=${encodeURIComponent("青石执法")}` })
      ).json() as Paged;
      assert.deepEqual(
        byShort.items.map((a) => a.id),
        [t.agency.qingshi],
      );
    });

    test("the security log pages newest first and searches", async () => {
      const res = (
        await t.call({ as: admin, url: "/api/v1/security-events?pageSize=2&q=login_succeeded" })
      ).json() as Paged<{
        id: number;
        kind: string;
      }>;
      assert.ok(res.total >= 1);
      assert.ok(res.items.every((e) => e.kind === "login_succeeded"));
      const all = (await t.call({ as: admin, url: "/api/v1/security-events?pageSize=200" })).json() as Paged<{
        id: number;
      }>;
      const ids = all.items.map((e) => e.id);
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
      );
    });
  });

  describe("settings over HTTP", () => {
    const url = (key: string, agency: string) => `/api/v1/agencies/${agency}/settings/${key}`;
    type Setting = { key: string; value: number; source: string; sourceAgencyName: string | null };
    const setting = async (as: Session, agencyId: string, key = "review.deadlineWorkdays") =>
      ((await t.call({ as, url: `/api/v1/agencies/${agencyId}/settings` })).json() as Setting[]).find(
        (s) => s.key === key,
      )!;

    test("L3: only a system administrator can change settings", async () => {
      for (const u of ["city.leader", "dh.leader", "dh.hb.01", "city.legal"]) {
        const s = await t.login(u);
        assertError(
          await t.call({
            as: s,
            method: "PUT",
            url: url("review.deadlineWorkdays", t.agency.donghu),
            payload: { value: 10, reason: "非管理员修改" },
          }),
          403,
          "FORBIDDEN",
        );
        assert.equal((await setting(admin, t.agency.donghu)).value, 7, u);
      }
    });

    test("L3: a city value is inherited, a county value wins, removing it restores inheritance", async () => {
      const dh = await t.login("dh.admin");
      const put = await t.call({
        as: admin,
        method: "PUT",
        url: url("review.deadlineWorkdays", t.agency.city),
        payload: { value: 10, reason: "全市统一为 10 个工作日" },
      });
      assert.equal(put.statusCode, 200);
      const inherited = await setting(dh, t.agency["donghu-1"]);
      assert.deepEqual(
        [inherited.value, inherited.source, inherited.sourceAgencyName],
        [10, "inherited", "示范市综合行政执法局"],
      );
      const own = await t.call({
        as: dh,
        method: "PUT",
        url: url("review.deadlineWorkdays", t.agency.donghu),
        payload: { value: 5, reason: "东湖区试点缩短" },
      });
      assert.equal(own.statusCode, 200);
      assert.equal((await setting(dh, t.agency.donghu)).source, "own");
      assert.equal((await setting(dh, t.agency["donghu-1"])).value, 5);
      assert.equal((await setting(admin, t.agency.xishan)).value, 10);
      const del = await t.call({
        as: dh,
        method: "DELETE",
        url: `${url("review.deadlineWorkdays", t.agency.donghu)}?reason=${encodeURIComponent("试点结束")}`,
      });
      assert.equal(del.statusCode, 200);
      assert.equal((del.json() as { value: unknown }).value, null);
      assert.equal((await setting(dh, t.agency["donghu-1"])).value, 10);
    });

    test("a reason is required and unknown keys are refused", async () => {
      assertError(
        await t.call({
          as: admin,
          method: "PUT",
          url: url("review.deadlineWorkdays", t.agency.city),
          payload: { value: 8 },
        }),
        400,
        "VALIDATION_FAILED",
      );
      assertError(
        await t.call({
          as: admin,
          method: "PUT",
          url: url("review.deadlineWorkdays", t.agency.city),
          payload: { value: 8, reason: "   " },
        }),
        400,
        "VALIDATION_FAILED",
      );
      assertError(
        await t.call({ as: admin, method: "DELETE", url: url("review.deadlineWorkdays", t.agency.city) }),
        400,
        "VALIDATION_FAILED",
      );
      assertError(
        await t.call({
          as: admin,
          method: "PUT",
          url: url("no.such.setting", t.agency.city),
          payload: { value: 1, reason: "x" },
        }),
        404,
        "SETTING_UNKNOWN",
      );
    });

    test("the history records who changed what, when and why", async () => {
      const dh = await t.login("dh.leader");
      const res = await t.call({
        as: dh,
        url: `/api/v1/agencies/${t.agency.donghu}/settings/history?key=review.deadlineWorkdays`,
      });
      assert.equal(res.statusCode, 200);
      const h = res.json() as Paged<{
        value: number | null;
        reason: string;
        changedBy: string;
        changedByName: string;
        changedAt: string;
      }>;
      assert.deepEqual(
        h.items.map((i) => [i.value, i.reason, i.changedBy, i.changedByName]),
        [
          [null, "试点结束", t.user["dh.admin"], "东湖管理员"],
          [5, "东湖区试点缩短", t.user["dh.admin"], "东湖管理员"],
        ],
      );
      for (const i of h.items) {
        const at = Date.parse(i.changedAt);
        assert.ok(Math.abs(at - t.ctx.now().getTime()) < 3_600_000, `changedAt ${i.changedAt}`);
      }
      const city = (
        await t.call({ as: admin, url: `/api/v1/agencies/${t.agency.city}/settings/history` })
      ).json() as Paged<{
        reason: string;
        changedByName: string;
      }>;
      assert.deepEqual(
        city.items.map((i) => [i.reason, i.changedByName]),
        [["全市统一为 10 个工作日", "系统管理员"]],
      );
    });
  });

  describe("optimistic concurrency", () => {
    test("a stale version on PATCH /agencies/:id → 409 CONFLICT and nothing changes", async () => {
      const url = `/api/v1/agencies/${t.agency["xishan-1"]}`;
      const first = await t.call({
        as: admin,
        method: "PATCH",
        url,
        payload: { version: 1, phone: "0579-111" },
      });
      assert.equal(first.statusCode, 200);
      assert.equal((first.json() as { version: number }).version, 2);
      assertError(
        await t.call({ as: admin, method: "PATCH", url, payload: { version: 1, phone: "0579-222" } }),
        409,
        "CONFLICT",
      );
      const now = (await t.call({ as: admin, url })).json() as { phone: string; version: number };
      assert.deepEqual([now.phone, now.version], ["0579-111", 2]);
    });

    test("a stale version on PATCH /users/:id → 409 CONFLICT (a role grant also bumps the version)", async () => {
      const url = `/api/v1/users/${t.user["xs.cg.02"]}`;
      const grant = await t.call({
        as: admin,
        method: "POST",
        url: `${url}/roles`,
        payload: { agencyId: t.agency.xishan, role: "case_clerk" },
      });
      assert.equal(grant.statusCode, 200);
      assert.equal((grant.json() as { version: number }).version, 2);
      assertError(
        await t.call({ as: admin, method: "PATCH", url, payload: { version: 1, displayName: "旧版本" } }),
        409,
        "CONFLICT",
      );
      const ok = await t.call({
        as: admin,
        method: "PATCH",
        url,
        payload: { version: 2, displayName: "马丽丽" },
      });
      assert.equal(ok.statusCode, 200);
      assert.equal((ok.json() as { displayName: string; version: number }).version, 3);
    });

    test("two simultaneous edits of the same version: one wins, the other gets 409", async () => {
      const url = `/api/v1/agencies/${t.agency.qingshi}`;
      const [a, b] = await Promise.all([
        t.call({ as: admin, method: "PATCH", url, payload: { version: 1, phone: "0579-1111" } }),
        t.call({ as: admin, method: "PATCH", url, payload: { version: 1, phone: "0579-2222" } }),
      ]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
      const now = (await t.call({ as: admin, url })).json() as { phone: string; version: number };
      assert.equal(now.version, 2);
      assert.equal(now.phone, a.statusCode === 200 ? "0579-1111" : "0579-2222");
    });
  });

  describe("deadline calculator (D1–D4)", () => {
    const deadline = (q: string, as = admin) => t.call({ as, url: `/api/v1/calendar/deadline?${q}` });

    test("D1: 5 working days from 2025-09-30 → due 2025-10-14", async () => {
      const officer = await t.login("dh.hb.01");
      const res = await deadline("start=2025-09-30&amount=5&unit=workday", officer);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), {
        start: "2025-09-30",
        amount: 5,
        unit: "workday",
        due: "2025-10-14",
        end: "2025-10-14",
        rolledOver: false,
      });
    });

    test("D3: a calendar period ending on a holiday rolls over", async () => {
      const res = (await deadline("start=2025-09-21&amount=10&unit=day")).json() as {
        due: string;
        rolledOver: boolean;
      };
      assert.deepEqual([res.due, res.rolledOver], ["2025-10-09", true]);
      const m = (await deadline("start=2025-01-31&amount=1&unit=month")).json() as { due: string };
      assert.equal(m.due, "2025-02-28");
    });

    test("D4: an uncovered year → 422 CALENDAR_YEAR_NOT_LOADED with a clear message", async () => {
      for (const q of [
        "start=2030-03-01&amount=5&unit=workday",
        "start=2026-12-20&amount=10&unit=workday",
        "start=2026-11-30&amount=2&unit=month",
      ]) {
        const res = await deadline(q);
        assertError(res, 422, "CALENDAR_YEAR_NOT_LOADED");
        assert.match((res.json() as { error: { message: string } }).error.message, /工作日历尚未导入/);
      }
    });

    test("D4: only a city-level administrator can import a year; then deadlines into it work", async () => {
      const file = {
        year: 2027,
        source: "国务院办公厅关于2027年部分节假日安排的通知（测试样例）",
        holidays: [{ date: "2027-01-01", name: "元旦" }],
        workdays: [],
      };
      const dh = await t.login("dh.admin");
      assertError(
        await t.call({ as: dh, method: "POST", url: "/api/v1/calendar/years", payload: file }),
        403,
        ["FORBIDDEN", "FORBIDDEN_AGENCY"],
      );
      assertError(
        await t.call({
          as: dh,
          method: "POST",
          url: "/api/v1/calendar/years?replace=true",
          payload: { ...file, year: 2025, holidays: [] },
        }),
        403,
        ["FORBIDDEN", "FORBIDDEN_AGENCY"],
      );
      assert.equal(
        ((await deadline("start=2025-09-30&amount=5&unit=workday")).json() as { due: string }).due,
        "2025-10-14",
      );
      const res = await t.call({ as: admin, method: "POST", url: "/api/v1/calendar/years", payload: file });
      assert.equal(res.statusCode, 201);
      const due = (await deadline("start=2026-12-30&amount=2&unit=workday")).json() as { due: string };
      assert.equal(due.due, "2027-01-04");
      const years = (await t.call({ as: admin, url: "/api/v1/calendar/years" })).json() as { year: number }[];
      assert.ok(years.some((y) => y.year === 2027));
      const days = (await t.call({ as: admin, url: "/api/v1/calendar/days?year=2027" })).json() as {
        day: string;
      }[];
      assert.deepEqual(
        days.map((d) => d.day),
        ["2027-01-01"],
      );
    });
  });

  test("no response of any readable route contains a password hash", async () => {
    const fill: Record<string, string> = {
      id: t.agency.donghu,
      agencyId: t.agency.donghu,
      role: "officer",
      key: "security.lockoutThreshold",
    };
    const userUrl = `/api/v1/users/${t.user["dh.hb.01"]}`;
    const urls = [userUrl, "/api/v1/users?pageSize=200", "/api/v1/auth/me"];
    for (const [path, item] of Object.entries(doc.paths)) {
      if (!item.get || path.includes("{id}/roles")) continue;
      urls.push(path.replace(/\{(\w+)\}/g, (_, n: string) => fill[n]!));
    }
    let ok = 0;
    for (const url of urls) {
      // t.call fails on a 5xx or on anything that looks like a password hash in the body.
      const res = await t.call({ as: admin, url });
      if (res.statusCode === 200) ok++;
    }
    assert.ok(ok >= 12, `only ${ok} routes answered 200`);
    const user = (await t.call({ as: admin, url: userUrl })).json() as Json;
    assert.deepEqual(Object.keys(user).sort(), [
      "active",
      "displayName",
      "id",
      "lockedUntil",
      "memberships",
      "phone",
      "username",
      "version",
    ]);
  });
});
