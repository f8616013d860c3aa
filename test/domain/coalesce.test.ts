import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { coalesce } from "../../src/db/coalesce.ts";

/** A `run` that records its batches and answers when `release()` is called. */
function gated(answer: (items: string[]) => string[] | Error = (items) => items.map((x) => x.toUpperCase())) {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const run = (items: string[]) => {
    batches.push(items);
    return new Promise<string[]>((resolve, reject) => {
      pending.push(() => {
        const a = answer(items);
        if (a instanceof Error) reject(a);
        else resolve(a);
      });
    });
  };
  const release = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { run, batches, release };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("coalesce (calls arriving while others run go together)", () => {
  test("alone when nothing runs; later calls wait and go as one batch", async () => {
    const g = gated();
    const call = coalesce(g.run, { maxInFlight: 1, maxBatch: 10 });
    const a = call("a");
    await tick();
    assert.deepEqual(g.batches, [["a"]]);
    const rest = ["b", "c", "d"].map(call);
    await tick();
    assert.deepEqual(g.batches, [["a"]], "waits while the first batch runs");
    await g.release();
    assert.deepEqual(g.batches, [["a"], ["b", "c", "d"]]);
    await g.release();
    assert.deepEqual(await Promise.all([a, ...rest]), ["A", "B", "C", "D"]);
  });

  test("calls of the same turn go together; maxBatch and maxInFlight are kept", async () => {
    const g = gated();
    const call = coalesce(g.run, { maxInFlight: 2, maxBatch: 2 });
    const all = ["a", "b", "c", "d", "e"].map(call);
    await tick();
    assert.deepEqual(g.batches, [
      ["a", "b"],
      ["c", "d"],
    ]);
    await g.release();
    assert.deepEqual(g.batches.at(-1), ["e"]);
    await g.release();
    assert.deepEqual(await Promise.all(all), ["A", "B", "C", "D", "E"]);
  });

  test("items with the same key are never in one batch", async () => {
    const g = gated();
    const call = coalesce(g.run, { maxInFlight: 1, maxBatch: 10, key: (x) => x[0]! });
    const all = ["a1", "b1", "a2", "c1", "a3"].map(call);
    await tick();
    assert.deepEqual(g.batches, [["a1", "b1", "c1"]]);
    await g.release();
    assert.deepEqual(g.batches.at(-1), ["a2"]);
    await g.release();
    assert.deepEqual(g.batches.at(-1), ["a3"]);
    await g.release();
    assert.deepEqual(await Promise.all(all), ["A1", "B1", "A2", "C1", "A3"]);
  });

  test("a batch that fails is run again item by item: only the bad item fails, with its own error", async () => {
    const g = gated((items) =>
      items.includes("bad") ? new Error(`refused ${items.join(",")}`) : items.map((x) => x.toUpperCase()),
    );
    const call = coalesce(g.run, { maxInFlight: 1, maxBatch: 10 });
    const all = ["x", "bad", "y"].map((x) => call(x).catch((e: Error) => `error: ${e.message}`));
    await tick();
    assert.deepEqual(g.batches, [["x", "bad", "y"]]);
    await g.release();
    assert.deepEqual(g.batches.slice(1), [["x"], ["bad"], ["y"]]);
    await g.release();
    assert.deepEqual(await Promise.all(all), ["X", "error: refused bad", "Y"]);
  });

  test("a run that answers the wrong number of outcomes fails every item of the batch", async () => {
    const g = gated((items) => items.slice(1));
    const call = coalesce(g.run, { maxInFlight: 1, maxBatch: 10 });
    const all = ["p", "q"].map((x) =>
      call(x).then(
        () => "ok",
        (e: Error) => e.message,
      ),
    );
    await tick();
    await g.release();
    assert.deepEqual(await Promise.all(all), [
      "coalesce: 1 outcomes for 2 items",
      "coalesce: 1 outcomes for 2 items",
    ]);
  });
});
