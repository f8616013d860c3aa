import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ReferenceCache, referenceCacheOf } from "../../src/db/reference-cache.ts";

describe("reference cache: values only at the version they were read at", () => {
  test("a value is found at its version only; another version empties the cache", () => {
    const c = new ReferenceCache();
    c.set("3", "a", { x: 1 });
    assert.deepEqual(c.get("3", "a"), { x: 1 });
    assert.equal(c.get("4", "a"), undefined);
    assert.equal(c.get("2", "a"), undefined);
    c.set("4", "b", null); // a known absence is a value (null), not a miss (undefined)
    assert.equal(c.get("4", "b"), null);
    assert.equal(c.get("4", "a"), undefined, "the values of version 3 are gone");
    assert.equal(c.get("3", "a"), undefined);
  });

  test("a full cache starts again instead of growing", () => {
    const c = new ReferenceCache(2);
    c.set("1", "a", 1);
    c.set("1", "b", 2);
    c.set("1", "c", 3);
    assert.equal(c.get("1", "a"), undefined);
    assert.equal(c.get("1", "c"), 3);
  });

  test("one cache per database handle", () => {
    const one = {};
    const two = {};
    assert.equal(referenceCacheOf(one), referenceCacheOf(one));
    assert.notEqual(referenceCacheOf(one), referenceCacheOf(two));
  });
});
