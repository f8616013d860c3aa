import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import { demoBenchmarks } from "../../src/demo/demo-laws.ts";
import {
  assessBenchmark,
  assessSeveral,
  type BenchmarkData,
  checkProposedPenalty,
} from "../../src/modules/benchmarks/assess.ts";
import { type AssessFacts, assessFacts, tierSchema } from "../../src/modules/benchmarks/benchmark.ts";

const bench = (code: string): BenchmarkData => {
  const b = demoBenchmarks.find((x) => x.code === code)!;
  return {
    code: b.code,
    violationName: b.violationName,
    quantityName: b.quantityName ?? null,
    quantityUnit: b.quantityUnit ?? null,
    tiers: b.tiers.map((t) => tierSchema.parse(t)),
  };
};
const littering = bench("BZ-001");
const hoarding = bench("BZ-002");
const structure = bench("BZ-003");
const facts = (f: Partial<AssessFacts> & Pick<AssessFacts, "harm">): AssessFacts => assessFacts.parse(f);

describe("discretion calculator on the three published examples (P14)", () => {
  test("littering: minor → order to correct, no fine; serious → up to 30 yuan; especially serious → 30–50", () => {
    const minor = assessBenchmark(littering, "individual", facts({ harm: "minor" }));
    assert.equal(minor.tier, "minor");
    assert.equal(minor.range, null);
    assert.deepEqual(minor.penalties, ["order_correction"]);
    const serious = assessBenchmark(littering, "individual", facts({ harm: "ordinary" }));
    assert.equal(serious.tier, "serious");
    assert.deepEqual(serious.range, { minFen: 500, maxFen: 3000 });
    const very = assessBenchmark(littering, "organisation", facts({ harm: "very_serious" }));
    assert.equal(very.tier, "very_serious");
    assert.deepEqual(very.range, { minFen: 3000, maxFen: 5000 });
    assert.ok(
      very.explanation.some((l) => l.includes("档次「严重」第 1 条幅度")),
      very.explanation.join("\n"),
    );
  });

  test("materials above site hoarding: minor → order; serious → 1,000–3,000; especially serious → 3,000–5,000", () => {
    assert.equal(assessBenchmark(hoarding, "organisation", facts({ harm: "none" })).range, null);
    assert.deepEqual(assessBenchmark(hoarding, "organisation", facts({ harm: "serious" })).range, {
      minFen: 100_000,
      maxFen: 300_000,
    });
    assert.deepEqual(assessBenchmark(hoarding, "organisation", facts({ harm: "very_serious" })).range, {
      minFen: 300_000,
      maxFen: 500_000,
    });
  });

  test("temporary structure: range by footprint band and party type", () => {
    const cases: [number, "organisation" | "individual", number, number][] = [
      [3, "organisation", 50_000, 150_000],
      [5, "organisation", 50_000, 150_000],
      [5.5, "organisation", 150_000, 200_000],
      [10, "organisation", 150_000, 200_000],
      [12, "organisation", 200_000, 300_000],
      [5, "individual", 20_000, 50_000],
      [8, "individual", 50_000, 60_000],
      [40, "individual", 60_000, 100_000],
    ];
    for (const [area, party, min, max] of cases) {
      const a = assessBenchmark(structure, party, facts({ harm: "ordinary", quantities: { 面积: area } }));
      assert.equal(a.tier, "ordinary");
      assert.deepEqual(a.range, { minFen: min, maxFen: max }, `${party} ${area}㎡`);
      assert.ok(a.explanation.some((l) => l.includes(party === "organisation" ? "单位" : "个人")));
    }
  });

  test("temporary structure without the footprint → BENCHMARK_FACTS_INCOMPLETE", () => {
    assert.throws(
      () => assessBenchmark(structure, "individual", facts({ harm: "ordinary" })),
      (e: unknown) => e instanceof AppError && e.code === "BENCHMARK_FACTS_INCOMPLETE",
    );
  });
});

describe("exemptions (P11, P12)", () => {
  test("P11: minor, corrected in time, no harm → no penalty (mandatory), with education", () => {
    const a = assessBenchmark(littering, "individual", facts({ harm: "none", correctedInTime: true }));
    assert.equal(a.tier, "no_penalty");
    assert.equal(a.range, null);
    assert.ok(a.exemptions.some((e) => e.code === "minor_corrected" && e.mandatory && e.rule === "P11"));
    assert.ok(a.rules.includes("P11"));
    assert.ok(a.explanation.some((l) => l.includes("教育")));
  });

  test("P11: under 14 → no penalty whatever the harm", () => {
    const a = assessBenchmark(hoarding, "individual", facts({ harm: "very_serious", age: 13 }));
    assert.equal(a.tier, "no_penalty");
    assert.ok(a.exemptions.some((e) => e.code === "under_14"));
  });

  test("P11: first violation with minor harm corrected in time is discretionary (tier unchanged)", () => {
    const a = assessBenchmark(structure, "individual", {
      ...facts({ harm: "minor", firstViolation: true, correctedInTime: true }),
      quantities: { 面积: 3 },
    });
    assert.equal(a.tier, "ordinary");
    assert.deepEqual(a.range, { minFen: 20_000, maxFen: 50_000 });
    const e = a.exemptions.find((x) => x.code === "first_violation");
    assert.ok(e && !e.mandatory);
  });

  test("P12: a mandatory lighter circumstance moves to the next lower tier", () => {
    const a = assessBenchmark(
      hoarding,
      "organisation",
      facts({ harm: "very_serious", circumstances: ["eliminated_harm"] }),
    );
    assert.equal(a.baseTier, "very_serious");
    assert.equal(a.tier, "serious");
    assert.deepEqual(a.range, { minFen: 100_000, maxFen: 300_000 });
    assert.ok(a.rules.includes("P12"));
  });

  test("P12: age 14–17 counts as a lighter circumstance; at the lowest tier the range stays", () => {
    const a = assessBenchmark(
      structure,
      "individual",
      facts({ harm: "ordinary", age: 16, quantities: { 面积: 8 } }),
    );
    assert.equal(a.tier, "ordinary");
    assert.ok(a.exemptions.some((e) => e.code === "minor_age" && e.rule === "P12"));
    assert.ok(a.explanation.some((l) => l.includes("最低处罚档次")));
  });
});

describe("checkProposedPenalty (C03: outside the range needs a reason and legal review)", () => {
  const a = assessBenchmark(hoarding, "organisation", facts({ harm: "serious" }));
  test("inside the range is ok, bounds included", () => {
    assert.deepEqual(checkProposedPenalty(a, 100_000), { ok: true });
    assert.deepEqual(checkProposedPenalty(a, 300_000), { ok: true });
  });
  test("outside the range needs a written reason and legal review", () => {
    const r = checkProposedPenalty(a, 350_000);
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.needsWrittenReason, true);
      assert.equal(r.needsLegalReview, true);
      assert.match(r.message, /法制审核/);
    }
    const withReason = checkProposedPenalty(a, 99_000, "当事人主动拆除，情节特殊");
    assert.equal(withReason.ok, false);
    if (!withReason.ok) assert.equal(withReason.needsWrittenReason, false);
  });
  test("no-fine tier: any fine is outside", () => {
    const none = assessBenchmark(hoarding, "organisation", facts({ harm: "none" }));
    assert.deepEqual(checkProposedPenalty(none, 0), { ok: true });
    assert.equal(checkProposedPenalty(none, 100).ok, false);
  });
});

describe("no second fine; the higher fine applies (P13)", () => {
  test("P13: the act was already fined → no fine kind, no range, other kinds remain, the explanation names P13", () => {
    const a = assessBenchmark(hoarding, "organisation", facts({ harm: "serious", alreadyFined: true }));
    assert.equal(a.tier, "serious");
    assert.equal(a.range, null);
    assert.deepEqual(a.penalties, ["order_correction"]);
    assert.ok(a.rules.includes("P13"));
    assert.ok(a.explanation.some((l) => l.startsWith("P13") && l.includes("不得给予两次以上罚款")));
    // Without the fact the same tier fines.
    const b = assessBenchmark(hoarding, "organisation", facts({ harm: "serious" }));
    assert.deepEqual(b.range, { minFen: 100_000, maxFen: 300_000 });
    assert.ok(!b.rules.includes("P13"));
  });

  test("P13: several benchmarks for one act → the higher fine range applies, and the explanation says which and why", () => {
    const r = assessSeveral([littering, hoarding], "individual", facts({ harm: "serious" }));
    assert.equal(r.assessments.length, 2);
    assert.deepEqual(r.assessments[0]!.range, { minFen: 500, maxFen: 3000 });
    assert.equal(r.applied, 1);
    assert.deepEqual(r.range, { minFen: 100_000, maxFen: 300_000 });
    assert.ok(r.rules.includes("P13") && r.rules.includes("P14"));
    const last = r.explanation.at(-1)!;
    assert.match(last, /^P13/);
    assert.match(last, /BZ-002/);
    assert.match(last, /罚款数额高/);
    // Order does not matter.
    assert.equal(assessSeveral([hoarding, littering], "individual", facts({ harm: "serious" })).applied, 0);
  });

  test("P13: equal maxima → the higher minimum; no fine anywhere → no range", () => {
    const a: BenchmarkData = {
      code: "A",
      violationName: "甲",
      quantityName: null,
      quantityUnit: null,
      tiers: [
        tierSchema.parse({
          level: "ordinary",
          conditions: "一般",
          penalties: ["fine"],
          ranges: [{ minFen: 100, maxFen: 1000 }],
        }),
      ],
    };
    const b: BenchmarkData = {
      ...a,
      code: "B",
      tiers: [
        tierSchema.parse({
          level: "ordinary",
          conditions: "一般",
          penalties: ["fine"],
          ranges: [{ minFen: 500, maxFen: 1000 }],
        }),
      ],
    };
    assert.equal(assessSeveral([a, b], "individual", facts({ harm: "ordinary" })).applied, 1);
    const none = assessSeveral([littering, hoarding], "individual", facts({ harm: "minor" }));
    assert.equal(none.applied, null);
    assert.equal(none.range, null);
    assert.match(none.explanation.at(-1)!, /^P13/);
  });
});
