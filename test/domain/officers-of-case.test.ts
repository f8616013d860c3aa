import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  everOfficerIds,
  officersAt,
  registeredOfficerIds,
} from "../../src/modules/cases/officers-of-case.ts";

describe("officers of a case over time (C2)", () => {
  const [a, b, c, d] = ["u-a", "u-b", "u-c", "u-d"];
  const steps = [
    { seq: 1, event: "create", onDate: "2026-01-05", data: { officerIds: [a, b] } },
    { seq: 2, event: "file", onDate: "2026-01-06", data: {} },
    { seq: 3, event: "record_inspection", onDate: "2026-01-20", data: { record: "x" } },
    { seq: 4, event: "change_officers", onDate: "2026-02-01", data: { officerIds: [a, c], reason: "调岗" } },
    { seq: 5, event: "record_inspection", onDate: "2026-02-02", data: {} },
    { seq: 6, event: "change_officers", onDate: "2026-03-01", data: { officerIds: [c, d], reason: "回避" } },
    { seq: 7, event: "finish_investigation", onDate: "2026-03-02", data: {} },
  ];

  test("C2: officersAt gives the set in force at a step; a change is in force from its own step", () => {
    assert.deepEqual(officersAt([a, b], steps, 1), [a, b]);
    assert.deepEqual(officersAt([a, b], steps, 3), [a, b]);
    assert.deepEqual(officersAt([a, b], steps, 4), [a, c]);
    assert.deepEqual(officersAt([a, b], steps, 5), [a, c]);
    assert.deepEqual(officersAt([a, b], steps, 6), [c, d]);
    assert.deepEqual(officersAt([a, b], steps, 7), [c, d]);
    // A step not written yet (the decide step's document check): the set now.
    assert.deepEqual(officersAt([a, b], steps, 8), [c, d]);
    // The order of the steps given does not matter.
    assert.deepEqual(officersAt([a, b], [...steps].reverse(), 5), [a, c]);
    assert.deepEqual(officersAt([a, b], [...steps].reverse(), 7), [c, d]);
  });

  test("C2: without changes, the registered officers throughout", () => {
    const plain = steps.filter((s) => s.event !== "change_officers");
    for (const s of plain) assert.deepEqual(officersAt([a, b], plain, s.seq), [a, b]);
  });

  test("C2: the registered officers come from the create step; none recorded gives null", () => {
    assert.deepEqual(registeredOfficerIds(steps), [a, b]);
    assert.equal(registeredOfficerIds(steps.slice(1)), null);
    assert.equal(registeredOfficerIds([{ seq: 1, event: "create", onDate: "2026-01-05", data: {} }]), null);
  });

  test("P7 / P10: everyone who was ever an officer, each once", () => {
    assert.deepEqual(everOfficerIds(steps), [a, b, c, d]);
    assert.deepEqual(everOfficerIds(steps.slice(0, 3)), [a, b]);
  });
});
