import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { LightMyRequestResponse } from "fastify";
import {
  assertError,
  businessRowCounts,
  type DemoAgencyKey,
  type Session,
  type TestApp,
  testApp,
  testEngine,
} from "../support/index.ts";

/**
 * Acceptance: a user of county A (东湖区) cannot read or change county B's (西山县, its squad,
 * 青石镇) data through any route; a city-level non-admin reads both and changes neither.
 */
const countyB: DemoAgencyKey[] = ["xishan", "xishan-1", "qingshi"];
const usersB = ["xs.admin", "xs.cg.01", "qs.01"];
const actorsA = ["dh.admin", "dh.leader", "dh.hb.01"];

type Paged = { items: { id: string }[]; total: number };
type Tree = { id: string; children: Tree[] };
const treeIds = (nodes: Tree[]): string[] => nodes.flatMap((n) => [n.id, ...treeIds(n.children)]);
const forbidden = (res: LightMyRequestResponse) => assertError(res, 403, ["FORBIDDEN", "FORBIDDEN_AGENCY"]);

describe(`county isolation over HTTP on ${testEngine()}`, () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let countsBefore: Record<string, number>;
  let deniedBefore: number;
  let denials = 0;

  const deniedEvents = async () =>
    (
      await t.ctx.database.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM security_events WHERE kind = 'permission_denied'",
      )
    )[0]!.n;

  /** A request that must be refused with 403. */
  const deny = async (as: string, method: string, url: string, payload?: unknown) => {
    const res = await t.call({ as: s[as], method: method as "GET", url, payload: payload as object });
    forbidden(res);
    denials++;
    return res;
  };

  before(async () => {
    t = await testApp();
    for (const u of [...actorsA, "city.leader", "xs.admin", "admin"]) s[u] = await t.login(u);
    countsBefore = await businessRowCounts(t.ctx.database);
    deniedBefore = await deniedEvents();
  });
  after(async () => t?.close());

  test("control: the targets exist and county B's own administrator can use them", async () => {
    for (const key of countyB) {
      const res = await t.call({ as: s["xs.admin"], url: `/api/v1/agencies/${t.agency[key]}` });
      assert.equal(res.statusCode, 200, key);
      const settings = await t.call({ as: s["xs.admin"], url: `/api/v1/agencies/${t.agency[key]}/settings` });
      assert.equal(settings.statusCode, 200);
    }
    for (const u of usersB) {
      assert.equal(
        (await t.call({ as: s["xs.admin"], url: `/api/v1/users/${t.user[u]}` })).statusCode,
        200,
        u,
      );
    }
  });

  test("control: county A's administrator manages county A", async () => {
    const a = t.agency["donghu-1"];
    assert.equal((await t.call({ as: s["dh.admin"], url: `/api/v1/agencies/${a}` })).statusCode, 200);
    const list = (await t.call({ as: s["dh.admin"], url: `/api/v1/users?agencyId=${a}` })).json() as Paged;
    assert.equal(list.total, 4);
    const unlock = await t.call({
      as: s["dh.admin"],
      method: "POST",
      url: `/api/v1/users/${t.user["dh.hb.02"]}/unlock`,
    });
    assert.equal(unlock.statusCode, 204);
    countsBefore = await businessRowCounts(t.ctx.database);
  });

  for (const actor of actorsA) {
    describe(`${actor} (东湖区) against 西山县`, () => {
      test("GET /agencies/:id → 403", async () => {
        for (const key of countyB) await deny(actor, "GET", `/api/v1/agencies/${t.agency[key]}`);
      });

      test("PATCH /agencies/:id → 403", async () => {
        for (const key of countyB) {
          await deny(actor, "PATCH", `/api/v1/agencies/${t.agency[key]}`, {
            version: 1,
            phone: "0579-00000000",
          });
        }
      });

      test("POST /agencies under a county-B parent → 403", async () => {
        await deny(actor, "POST", "/api/v1/agencies", {
          parentId: t.agency.xishan,
          kind: "squad",
          name: "越权新建中队",
          shortName: "越权中队",
          sealName: "越权中队",
        });
      });

      test("GET /agencies/:id/settings and its history → 403", async () => {
        for (const key of countyB) {
          await deny(actor, "GET", `/api/v1/agencies/${t.agency[key]}/settings`);
          await deny(actor, "GET", `/api/v1/agencies/${t.agency[key]}/settings/history`);
        }
      });

      test("PUT and DELETE /agencies/:id/settings/:key → 403", async () => {
        for (const key of countyB) {
          const url = `/api/v1/agencies/${t.agency[key]}/settings/security.lockoutThreshold`;
          await deny(actor, "PUT", url, { value: 3, reason: "越权修改" });
          await deny(actor, "DELETE", `${url}?reason=${encodeURIComponent("越权恢复")}`);
        }
      });

      test("agency lists and the tree do not show county B", async () => {
        const list = (await t.call({ as: s[actor], url: "/api/v1/agencies?pageSize=200" })).json() as Paged;
        assert.ok(list.total > 0);
        const tree = treeIds((await t.call({ as: s[actor], url: "/api/v1/agencies/tree" })).json() as Tree[]);
        assert.ok(tree.length > 0);
        for (const key of countyB) {
          assert.ok(!list.items.some((a) => a.id === t.agency[key]), `list shows ${key}`);
          assert.ok(!tree.includes(t.agency[key]), `tree shows ${key}`);
          const children = (
            await t.call({ as: s[actor], url: `/api/v1/agencies?parentId=${t.agency[key]}` })
          ).json() as Paged;
          assert.equal(children.total, 0);
        }
        const search = (
          await t.call({ as: s[actor], url: `/api/v1/agencies?q=${encodeURIComponent("西山")}` })
        ).json() as Paged;
        assert.equal(search.total, 0);
      });

      test("GET /users filtered to county B is empty, unfiltered lists hide county B", async () => {
        for (const key of countyB) {
          const res = await t.call({ as: s[actor], url: `/api/v1/users?agencyId=${t.agency[key]}` });
          assert.equal(res.statusCode, 200);
          assert.deepEqual((res.json() as Paged).total, 0, key);
        }
        const all = (await t.call({ as: s[actor], url: "/api/v1/users?pageSize=200" })).json() as Paged;
        assert.ok(all.total > 0);
        for (const u of [...usersB, "xs.leader", "qs.lead"]) {
          assert.ok(!all.items.some((i) => i.id === t.user[u]), `list shows ${u}`);
        }
        for (const q of ["xs.", "qs.", "西山"]) {
          const res = (
            await t.call({ as: s[actor], url: `/api/v1/users?q=${encodeURIComponent(q)}` })
          ).json() as Paged;
          assert.equal(res.total, 0, q);
        }
      });

      test("GET /users/:id of county B → 403", async () => {
        for (const u of usersB) await deny(actor, "GET", `/api/v1/users/${t.user[u]}`);
      });

      test("PATCH /users/:id of county B → 403", async () => {
        for (const u of usersB) {
          await deny(actor, "PATCH", `/api/v1/users/${t.user[u]}`, { version: 1, displayName: "被改名" });
          await deny(actor, "PATCH", `/api/v1/users/${t.user[u]}`, { version: 1, active: false });
        }
      });

      test("granting roles in county B, or to county-B users → 403", async () => {
        for (const key of countyB) {
          await deny(actor, "POST", `/api/v1/users/${t.user[actor]}/roles`, {
            agencyId: t.agency[key],
            role: "sysadmin",
          });
        }
        for (const u of usersB) {
          await deny(actor, "POST", `/api/v1/users/${t.user[u]}/roles`, {
            agencyId: t.agency.donghu,
            role: "officer",
          });
          await deny(actor, "POST", `/api/v1/users/${t.user[u]}/roles`, {
            agencyId: t.agency.xishan,
            role: "sysadmin",
          });
        }
      });

      test("revoking roles of county-B users → 403", async () => {
        await deny(actor, "DELETE", `/api/v1/users/${t.user["xs.admin"]}/roles/${t.agency.xishan}/sysadmin`);
        await deny(
          actor,
          "DELETE",
          `/api/v1/users/${t.user["xs.cg.01"]}/roles/${t.agency["xishan-1"]}/officer`,
        );
        await deny(actor, "DELETE", `/api/v1/users/${t.user["qs.01"]}/roles/${t.agency.qingshi}/officer`);
      });

      test("unlock and password reset of county-B users → 403", async () => {
        for (const u of usersB) {
          await deny(actor, "POST", `/api/v1/users/${t.user[u]}/unlock`);
          await deny(actor, "POST", `/api/v1/users/${t.user[u]}/password`, { password: "Takeover2025x" });
        }
      });

      test("POST /users with a role in county B → 403", async () => {
        for (const key of countyB) {
          await deny(actor, "POST", "/api/v1/users", {
            username: `intruder.${key}`,
            displayName: "越权账号",
            password: "Intruder2025x",
            memberships: [{ agencyId: t.agency[key], role: "officer" }],
          });
        }
      });

      test("the security log shows no county-B account", async () => {
        const res = await t.call({ as: s[actor], url: "/api/v1/security-events?pageSize=200" });
        if (res.statusCode === 403) {
          forbidden(res); // no audit.read at all
          denials++;
          return;
        }
        assert.equal(res.statusCode, 200);
        const items = (res.json() as { items: { username: string }[] }).items;
        assert.ok(
          items.some((i) => i.username === actor),
          "the actor's own login is listed",
        );
        for (const i of items) {
          assert.ok(!/^(xs|qs)\./.test(i.username), `security log shows ${i.username}`);
        }
      });
    });
  }

  test("sweep: every authenticated GET route of the OpenAPI document, given county-B ids, reveals nothing of county B", async () => {
    type Param = { name: string; in: string; required?: boolean; schema?: Record<string, unknown> };
    type Doc = { paths: Record<string, Record<string, { parameters?: Param[]; security?: unknown[] }>> };
    const doc = t.app.swagger() as unknown as Doc;
    // Anything that identifies county B in a response body.
    const secrets = [
      ...countyB.map((k) => t.agency[k]),
      ...[
        "xs.admin",
        "xs.leader",
        "xs.legal",
        "xs.cg.lead",
        "xs.cg.01",
        "xs.cg.02",
        "qs.lead",
        "qs.01",
        "qs.xg",
      ].map((u) => t.user[u]!),
      "西山",
      "青石",
    ];
    const sample = (p: Param, idValue: string): string | undefined => {
      const sch = p.schema ?? {};
      if (p.name === "agencyId" || sch.format === "uuid") return p.name === "id" ? idValue : t.agency.xishan;
      if (p.name === "key") return "security.lockoutThreshold";
      if (Array.isArray(sch.enum)) return String(sch.enum[0]);
      if (sch.type === "integer" || sch.type === "number") return String(sch.minimum ?? 1);
      if (typeof sch.pattern === "string" && sch.pattern.includes("\\d{4}")) return "2025-09-30";
      if (p.name === "year") return "2025";
      return p.required ? "1" : undefined;
    };
    let checked = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const op = item.get;
      if (!op || (Array.isArray(op.security) && op.security.length === 0)) continue;
      const ids = path.includes("/users/") ? usersB.map((u) => t.user[u]!) : countyB.map((k) => t.agency[k]);
      for (const idValue of ids) {
        let url = path;
        const query: string[] = [];
        for (const p of op.parameters ?? []) {
          const v = sample(p, idValue);
          if (p.in === "path") url = url.replace(`{${p.name}}`, v ?? idValue);
          else if (p.in === "query" && v !== undefined) query.push(`${p.name}=${encodeURIComponent(v)}`);
        }
        if (query.length) url += `?${query.join("&")}`;
        for (const actor of actorsA) {
          const res = await t.call({ as: s[actor], url });
          if (res.statusCode === 403) denials++;
          if (res.statusCode >= 400) continue;
          for (const secret of secrets) {
            assert.ok(
              !res.body.includes(secret),
              `${actor} GET ${url} reveals ${secret}: ${res.body.slice(0, 300)}`,
            );
          }
          checked++;
        }
        if (!path.includes("{")) break;
      }
    }
    assert.ok(checked >= 10, `only ${checked} answers were inspected`);
  });

  test("county B's administrator cannot touch county A either", async () => {
    await deny("xs.admin", "GET", `/api/v1/agencies/${t.agency.donghu}`);
    await deny("xs.admin", "PATCH", `/api/v1/agencies/${t.agency["donghu-1"]}`, { version: 1, phone: "1" });
    await deny("xs.admin", "PUT", `/api/v1/agencies/${t.agency.donghu}/settings/security.lockoutThreshold`, {
      value: 2,
      reason: "越权",
    });
    await deny("xs.admin", "GET", `/api/v1/users/${t.user["dh.hb.01"]}`);
    await deny("xs.admin", "POST", `/api/v1/users/${t.user["dh.hb.01"]}/password`, {
      password: "Takeover2025x",
    });
    // The city bureau is above county B: not readable or changeable from below.
    await deny("xs.admin", "GET", `/api/v1/agencies/${t.agency.city}`);
    await deny("xs.admin", "PUT", `/api/v1/agencies/${t.agency.city}/settings/security.lockoutThreshold`, {
      value: 2,
      reason: "越权",
    });
  });

  test("every refusal was recorded in security_events as permission_denied", async () => {
    assert.ok(denials > 100);
    assert.equal((await deniedEvents()) - deniedBefore, denials);
    const [last] = await t.ctx.database.query<{ username: string; detail: string; user_id: string }>(
      "SELECT username, detail, user_id FROM security_events WHERE kind = 'permission_denied' ORDER BY id DESC LIMIT 1",
    );
    assert.equal(last!.username, "xs.admin");
    assert.equal(last!.user_id, t.user["xs.admin"]);
    assert.match(last!.detail, /PUT \/api\/v1\/agencies\/:id\/settings\/:key/);
  });

  test("nothing was written by any refused request", async () => {
    assert.deepEqual(await businessRowCounts(t.ctx.database), countsBefore);
    const versions = await t.ctx.database.query<{ name: string; version: number; phone: string }>(
      "SELECT name, version, phone FROM agencies ORDER BY name",
    );
    for (const a of versions) assert.equal(a.version, 1, `${a.name} was changed`);
    const users = await t.ctx.database.query<{ username: string; version: number; active: boolean }>(
      "SELECT username, version, active FROM users",
    );
    for (const u of users) {
      assert.equal(u.version, 1, `${u.username} was changed`);
      assert.equal(u.active, true);
    }
    // County B still logs in with its old password: no reset went through.
    for (const u of usersB) await t.login(u);
  });

  describe("a city-bureau leader (city.leader) reads both counties and changes neither", () => {
    const both: DemoAgencyKey[] = ["donghu", "donghu-1", "xishan", "xishan-1", "qingshi"];

    test("reads agencies, settings and users of both counties", async () => {
      for (const key of both) {
        const a = await t.call({ as: s["city.leader"], url: `/api/v1/agencies/${t.agency[key]}` });
        assert.equal(a.statusCode, 200, key);
        const st = await t.call({ as: s["city.leader"], url: `/api/v1/agencies/${t.agency[key]}/settings` });
        assert.equal(st.statusCode, 200, key);
        const h = await t.call({
          as: s["city.leader"],
          url: `/api/v1/agencies/${t.agency[key]}/settings/history`,
        });
        assert.equal(h.statusCode, 200, key);
        const users = (
          await t.call({ as: s["city.leader"], url: `/api/v1/users?agencyId=${t.agency[key]}` })
        ).json() as Paged;
        assert.ok(users.total > 0, key);
      }
      for (const u of ["dh.hb.01", ...usersB]) {
        assert.equal(
          (await t.call({ as: s["city.leader"], url: `/api/v1/users/${t.user[u]}` })).statusCode,
          200,
        );
      }
      const all = (
        await t.call({ as: s["city.leader"], url: "/api/v1/agencies?pageSize=200" })
      ).json() as Paged;
      assert.equal(all.total, 7);
    });

    test("every write is refused with 403", async () => {
      const leader = "city.leader";
      for (const key of ["donghu", "xishan"] as const) {
        const id = t.agency[key];
        await deny(leader, "PATCH", `/api/v1/agencies/${id}`, { version: 1, phone: "0579-1" });
        await deny(leader, "PUT", `/api/v1/agencies/${id}/settings/security.lockoutThreshold`, {
          value: 3,
          reason: "领导修改",
        });
        await deny(leader, "DELETE", `/api/v1/agencies/${id}/settings/security.lockoutThreshold?reason=x`);
        await deny(leader, "POST", "/api/v1/agencies", {
          parentId: id,
          kind: "squad",
          name: `领导新建中队${key}`,
          shortName: "领导中队",
          sealName: "领导中队",
        });
        await deny(leader, "POST", "/api/v1/users", {
          username: `leader.made.${key}`,
          displayName: "领导建号",
          password: "Leader2025x",
          memberships: [{ agencyId: id, role: "officer" }],
        });
      }
      for (const u of ["dh.hb.01", "xs.cg.01"]) {
        await deny(leader, "PATCH", `/api/v1/users/${t.user[u]}`, { version: 1, displayName: "改名" });
        await deny(leader, "POST", `/api/v1/users/${t.user[u]}/roles`, {
          agencyId: t.agency.city,
          role: "officer",
        });
        await deny(leader, "POST", `/api/v1/users/${t.user[u]}/unlock`);
        await deny(leader, "POST", `/api/v1/users/${t.user[u]}/password`, { password: "Leader2025x" });
      }
      await deny(
        leader,
        "DELETE",
        `/api/v1/users/${t.user["dh.hb.01"]}/roles/${t.agency["donghu-1"]}/officer`,
      );
      await deny(leader, "POST", "/api/v1/calendar/years", {
        year: 2031,
        source: "国务院办公厅通知（测试）",
        holidays: [],
        workdays: [],
      });
      assert.deepEqual(await businessRowCounts(t.ctx.database), countsBefore);
    });

    test("the city leader's security log covers both counties", async () => {
      const res = await t.call({
        as: s["city.leader"],
        url: "/api/v1/security-events?pageSize=200&q=xs.admin",
      });
      assert.equal(res.statusCode, 200);
      assert.ok((res.json() as Paged).total > 0);
    });
  });
});
