import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { recordSecurityEvent } from "../../src/modules/identity/record-security-event.ts";
import { changeSetting } from "../../src/modules/settings/change-setting.ts";
import { type SmallTree, smallTree, type TestContext, testContext, testEngine } from "../support/index.ts";

describe(`append-only tables on ${testEngine()}`, () => {
  let ctx: TestContext;
  let tree: SmallTree;

  before(async () => {
    ctx = await testContext({ calendar: false });
    tree = await smallTree(ctx);
    await recordSecurityEvent(ctx.db, { kind: "login_failed", username: "someone", detail: "test" });
    await changeSetting(ctx, tree.admin, tree.city, "security.lockoutThreshold", {
      value: 6,
      reason: "测试",
    });
  });
  after(async () => ctx?.close());

  const count = async (table: string) =>
    (await ctx.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  for (const table of ["security_events", "setting_changes"]) {
    const statements = {
      UPDATE:
        table === "security_events"
          ? "UPDATE security_events SET detail = 'tampered'"
          : "UPDATE setting_changes SET reason = 'tampered'",
      DELETE: `DELETE FROM ${table}`,
      TRUNCATE: `TRUNCATE ${table}`,
    };
    for (const [op, statement] of Object.entries(statements)) {
      test(`${table}: ${op} is refused by the database`, async () => {
        const n = await count(table);
        assert.ok(n > 0, "the table has rows to protect");
        await assert.rejects(ctx.database.query(statement), (e: unknown) => {
          assert.match(String((e as Error).message), /append-only/);
          return true;
        });
        assert.equal(await count(table), n);
        const tampered = await ctx.database.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${table} WHERE ${table === "security_events" ? "detail" : "reason"} = 'tampered'`,
        );
        assert.equal(tampered[0]!.n, 0);
      });
    }

    test(`${table}: inserting still works`, async () => {
      const n = await count(table);
      if (table === "security_events") await recordSecurityEvent(ctx.db, { kind: "logout", username: "x" });
      else
        await changeSetting(ctx, tree.admin, tree.city, "security.lockoutThreshold", {
          value: 7,
          reason: "再改",
        });
      assert.equal(await count(table), n + 1);
    });
  }

  test("a refused change inside a transaction rolls the whole transaction back", async () => {
    const n = await count("setting_changes");
    await assert.rejects(
      ctx.database.sqlTransaction(async (s) => {
        await s.exec(
          `INSERT INTO setting_changes (agency_id, key, value, reason, changed_by) VALUES ('${tree.city}', 'security.lockoutMinutes', '20', 'x', '${tree.admin.userId}')`,
        );
        await s.exec("DELETE FROM setting_changes");
      }),
      /append-only/,
    );
    assert.equal(await count("setting_changes"), n);
  });
});
