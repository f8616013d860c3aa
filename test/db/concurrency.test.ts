import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { count, eq } from "drizzle-orm";
import { AppError } from "../../src/core/errors.ts";
import { toAppError } from "../../src/http/error-handler.ts";
import { createUser } from "../../src/modules/identity/create-user.ts";
import { logIn } from "../../src/modules/identity/log-in.ts";
import { sessions, users } from "../../src/modules/identity/schema.ts";
import { type SmallTree, smallTree, type TestContext, testContext, testEngine } from "../support/index.ts";

const password = "Parallel2025x";

describe(`concurrent writes on ${testEngine()}`, () => {
  let ctx: TestContext;
  let tree: SmallTree;
  const input = (username: string) => ({
    username,
    displayName: `并发${username}`,
    phone: "",
    password,
    memberships: [{ agencyId: tree.squadA, role: "officer" as const }],
  });

  before(async () => {
    ctx = await testContext({ calendar: false });
    tree = await smallTree(ctx);
  });
  after(async () => ctx?.close());

  test("parallel createUser calls with distinct usernames all succeed", async () => {
    const names = ["par.a", "par.b", "par.c", "par.d", "par.e"];
    const created = await Promise.all(names.map((n) => createUser(ctx, tree.admin, input(n))));
    assert.deepEqual(created.map((u) => u.username).sort(), names);
    const [row] = await ctx.db.select({ n: count() }).from(users);
    assert.equal(row!.n, names.length + 1); // + the tree's administrator
  });

  test("the same username twice in parallel: exactly one succeeds, the other is DUPLICATE", async () => {
    const results = await Promise.allSettled([
      createUser(ctx, tree.admin, input("same.name")),
      createUser(ctx, tree.admin, input("same.name")),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(ok.length, 1);
    assert.equal(failed.length, 1);
    const err = failed[0]!.reason;
    assert.ok(err instanceof AppError, `a DUPLICATE AppError, got ${err}`);
    assert.equal(toAppError(err).code, "DUPLICATE");
    const rows = await ctx.db.select().from(users).where(eq(users.username, "same.name"));
    assert.equal(rows.length, 1);
  });

  test("many simultaneous creations of one username: one account, every loser gets DUPLICATE", async () => {
    for (let round = 0; round < 4; round++) {
      const results = await Promise.allSettled(
        [1, 2, 3, 4].map(() => createUser(ctx, tree.admin, input(`race.${round}`))),
      );
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      for (const r of results) {
        if (r.status === "rejected") {
          assert.ok(r.reason instanceof AppError, `a DUPLICATE AppError, got ${r.reason}`);
          assert.equal(r.reason.code, "DUPLICATE");
        }
      }
    }
  });

  test("parallel logins (same user and different users) all succeed with distinct sessions", async () => {
    const attempts = ["par.a", "par.a", "par.a", "par.b", "par.c", "par.d"];
    const results = await Promise.all(attempts.map((username) => logIn(ctx, { username, password })));
    const tokens = new Set(results.map((r) => r.token));
    assert.equal(tokens.size, attempts.length);
    const [row] = await ctx.db.select({ n: count() }).from(sessions);
    assert.equal(row!.n, attempts.length);
  });

  test("parallel failed logins are all counted (no lost updates)", async () => {
    // Threshold 5: four parallel failures must leave failedLogins at 4 (not locked yet).
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => logIn(ctx, { username: "par.e", password: "wrong-password-1" })),
    );
    assert.ok(results.every((r) => r.status === "rejected"));
    const [u] = await ctx.db.select().from(users).where(eq(users.username, "par.e"));
    assert.equal(u!.failedLogins, 4);
    assert.equal(u!.lockedUntil, null);
  });
});
