import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { type TestApp, testApp } from "../support/index.ts";

// Regression: in zod 4 a .default() applies even under .optional(), which made a PATCH that did not
// mention `phone` erase it.
describe("PATCH changes only the fields it names", () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(async () => t?.close());

  test("renaming a user keeps the phone number", async () => {
    const admin = await t.login("admin");
    const before = (await t.call({ url: `/api/v1/users/${t.user["dh.hb.01"]}`, as: admin })).json();
    assert.notEqual(before.phone, "");
    const res = await t.call({
      method: "PATCH",
      url: `/api/v1/users/${t.user["dh.hb.01"]}`,
      payload: { version: before.version, displayName: "张伟（改）" },
      as: admin,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().phone, before.phone);
    assert.equal(res.json().displayName, "张伟（改）");
  });

  test("editing an agency's address keeps its phone, areas and fields", async () => {
    const admin = await t.login("admin");
    const before = (await t.call({ url: `/api/v1/agencies/${t.agency.donghu}`, as: admin })).json();
    assert.notEqual(before.phone, "");
    const res = await t.call({
      method: "PATCH",
      url: `/api/v1/agencies/${t.agency.donghu}`,
      payload: { version: before.version, address: "示范市东湖区湖滨路 19 号" },
      as: admin,
    });
    assert.equal(res.statusCode, 200, res.body);
    const after = res.json();
    assert.equal(after.phone, before.phone);
    assert.deepEqual(after.areas, before.areas);
    assert.deepEqual(after.fields, before.fields);
    assert.equal(after.version, before.version + 1);
  });
});
