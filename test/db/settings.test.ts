import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import { createUser } from "../../src/modules/identity/create-user.ts";
import { principalForUser } from "../../src/modules/identity/load-principal.ts";
import { changeSetting } from "../../src/modules/settings/change-setting.ts";
import { getNumberSetting, getSetting } from "../../src/modules/settings/get-setting.ts";
import { listSettings } from "../../src/modules/settings/list-settings.ts";
import { settingHistory } from "../../src/modules/settings/setting-history.ts";
import { type SmallTree, smallTree, type TestContext, testContext, testEngine } from "../support/index.ts";

const key = "security.lockoutThreshold" as const;

describe(`settings inheritance through getSetting on ${testEngine()}`, () => {
  let ctx: TestContext;
  let tree: SmallTree;
  const set = (agencyId: string, value: number | string | null, reason = "测试") =>
    changeSetting(ctx, tree.admin, agencyId, key, { value, reason });
  const values = async () => ({
    city: await getNumberSetting(ctx.db, tree.city, key),
    countyA: await getNumberSetting(ctx.db, tree.countyA, key),
    squadA: await getNumberSetting(ctx.db, tree.squadA, key),
    countyB: await getNumberSetting(ctx.db, tree.countyB, key),
  });

  before(async () => {
    ctx = await testContext({ calendar: false });
    tree = await smallTree(ctx);
  });
  after(async () => ctx?.close());

  test("without overrides every agency gets the default", async () => {
    assert.deepEqual(await values(), { city: 5, countyA: 5, squadA: 5, countyB: 5 });
    assert.equal(await getSetting(ctx.db, null, key), 5);
  });

  test("a city override is inherited by every county and squad", async () => {
    await set(tree.city, 8);
    assert.deepEqual(await values(), { city: 8, countyA: 8, squadA: 8, countyB: 8 });
  });

  test("a county override wins over the city for that county and its squads only", async () => {
    await set(tree.countyA, 3);
    assert.deepEqual(await values(), { city: 8, countyA: 3, squadA: 3, countyB: 8 });
  });

  test("the newest change of the same agency wins", async () => {
    await set(tree.countyA, 4);
    assert.deepEqual(await values(), { city: 8, countyA: 4, squadA: 4, countyB: 8 });
  });

  test("listSettings reports the value's source (own / inherited / default)", async () => {
    const squad = await listSettings(ctx, tree.admin, tree.squadA);
    const row = squad.find((s) => s.key === key)!;
    assert.equal(row.value, 4);
    assert.equal(row.source, "inherited");
    assert.equal(row.sourceAgencyId, tree.countyA);
    const county = (await listSettings(ctx, tree.admin, tree.countyA)).find((s) => s.key === key)!;
    assert.equal(county.source, "own");
    const other = (await listSettings(ctx, tree.admin, tree.countyB)).find(
      (s) => s.key === "security.lockoutMinutes",
    )!;
    assert.equal(other.source, "default");
    assert.equal(other.sourceAgencyId, null);
  });

  test("a null row restores inheritance", async () => {
    await set(tree.countyA, null, "恢复继承");
    assert.deepEqual(await values(), { city: 8, countyA: 8, squadA: 8, countyB: 8 });
    await set(tree.city, null, "恢复默认");
    assert.deepEqual(await values(), { city: 5, countyA: 5, squadA: 5, countyB: 5 });
  });

  test("every change is kept in the history with who, when and why", async () => {
    const h = await settingHistory(ctx, tree.admin, tree.countyA, {
      page: 1,
      pageSize: 50,
      order: "desc",
      key,
    });
    assert.deepEqual(
      h.items.map((i) => [i.value, i.reason]),
      [
        [null, "恢复继承"],
        [4, "测试"],
        [3, "测试"],
      ],
    );
    for (const i of h.items) {
      assert.equal(i.changedBy, tree.admin.userId);
      assert.equal(i.changedByName, tree.admin.displayName);
      assert.ok(i.changedAt instanceof Date);
    }
    assert.equal(h.total, 3);
  });

  test("invalid values and unknown keys are refused and not recorded", async () => {
    const before = (await settingHistory(ctx, tree.admin, tree.city, { page: 1, pageSize: 1, order: "desc" }))
      .total;
    const code = (c: string) => (e: unknown) => e instanceof AppError && e.code === c;
    await assert.rejects(set(tree.city, 0), code("SETTING_INVALID"));
    await assert.rejects(set(tree.city, "5"), code("SETTING_INVALID"));
    await assert.rejects(
      changeSetting(ctx, tree.admin, tree.city, "no.such.key", { value: 1, reason: "x" }),
      code("SETTING_UNKNOWN"),
    );
    await assert.rejects(
      changeSetting(ctx, tree.admin, "00000000-0000-4000-8000-00000000dead", key, { value: 6, reason: "x" }),
      code("NOT_FOUND"),
    );
    const after = (await settingHistory(ctx, tree.admin, tree.city, { page: 1, pageSize: 1, order: "desc" }))
      .total;
    assert.equal(after, before);
  });

  test("a county administrator cannot change the city's or a sibling county's settings", async () => {
    const u = await createUser(ctx, null, {
      username: `county.a.admin.${process.pid}`,
      displayName: "甲县管理员",
      phone: "",
      password: "CountyA2025x",
      memberships: [{ agencyId: tree.countyA, role: "sysadmin" }],
    });
    const countyAdmin = (await principalForUser(ctx.db, u.id))!;
    const denied = (e: unknown) => e instanceof AppError && e.code === "FORBIDDEN_AGENCY";
    await assert.rejects(
      changeSetting(ctx, countyAdmin, tree.city, key, { value: 9, reason: "越权" }),
      denied,
    );
    await assert.rejects(
      changeSetting(ctx, countyAdmin, tree.countyB, key, { value: 9, reason: "越权" }),
      denied,
    );
    await changeSetting(ctx, countyAdmin, tree.squadA, key, { value: 9, reason: "本县中队" });
    assert.deepEqual(await values(), { city: 5, countyA: 5, squadA: 9, countyB: 5 });
  });

  test("the lockout threshold in force for a user comes from their agency", async () => {
    // login reads security.lockoutThreshold of the user's first agency via getNumberSetting.
    assert.equal(await getNumberSetting(ctx.db, tree.squadA, key), 9);
    assert.equal(await getNumberSetting(ctx.db, tree.countyA, key), 5);
  });
});
