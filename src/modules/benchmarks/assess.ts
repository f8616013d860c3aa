import { AppError } from "../../core/errors.ts";
import {
  type AssessFacts,
  harmLevels,
  type LighterCircumstance,
  lighterCircumstances,
  type NoPenaltyCase,
  noPenaltyCases,
  type PenaltyKind,
  type PenaltyRange,
  partyTypes,
  penaltyKinds,
  type Tier,
  type TierLevel,
  tierLevelCodes,
  tierLevels,
} from "./benchmark.ts";

/** What the calculator needs of a benchmark (pure data). */
export type BenchmarkData = {
  id?: string;
  version?: number;
  code?: string;
  violationName: string;
  quantityName: string | null;
  quantityUnit: string | null;
  tiers: Tier[];
};

export type Exemption = {
  code: NoPenaltyCase | LighterCircumstance;
  rule: "P11" | "P12";
  mandatory: boolean;
  label: string;
  basis: string;
};

export type Assessment = {
  benchmarkId: string | null;
  benchmarkVersion: number | null;
  partyType: "individual" | "organisation";
  /** The tier the facts fall in before P11/P12 are applied. */
  baseTier: TierLevel;
  tier: TierLevel;
  tierLabel: string;
  /** Fine range in fen; null = no fine. */
  range: { minFen: number; maxFen: number } | null;
  penalties: PenaltyKind[];
  exemptions: Exemption[];
  rules: string[];
  explanation: string[];
};

const severity = (l: TierLevel) => tierLevelCodes.indexOf(l);
export const yuan = (fen: number): string => {
  const s = (fen / 100).toFixed(2);
  return s.endsWith(".00") ? s.slice(0, -3) : s;
};

function bandText(r: PenaltyRange, name: string | null, unit: string | null): string {
  const n = name ?? "数量";
  const u = unit ? ` ${unit}` : "";
  if (r.above === null && r.upTo === null) return "";
  if (r.above === null) return `${n} ≤ ${r.upTo}${u}`;
  if (r.upTo === null) return `${n} > ${r.above}${u}`;
  return `${r.above}${u} < ${n} ≤ ${r.upTo}${u}`;
}

/** "档次「一般」第 2 条幅度（单位，5 ㎡ < 面积 ≤ 10 ㎡：1500–2000 元）" */
export function rangeLabel(
  tier: Tier,
  index: number,
  b: Pick<BenchmarkData, "quantityName" | "quantityUnit">,
) {
  const r = tier.ranges[index]!;
  const band = bandText(r, b.quantityName, b.quantityUnit);
  const parts = [partyTypes[r.partyType], band].filter(Boolean).join("，");
  return `档次「${tierLevels[tier.level]}」第 ${index + 1} 条幅度（${parts}：${yuan(r.minFen)}–${yuan(r.maxFen)} 元）`;
}

/** Picks the base tier for the degree of harm: a tier naming it beats a catch-all; the least severe wins. */
function baseTierOf(b: BenchmarkData, facts: AssessFacts): Tier {
  const fining = b.tiers
    .filter((t) => t.level !== "no_penalty")
    .sort((x, y) => severity(x.level) - severity(y.level));
  const specific = fining.filter((t) => t.harm.includes(facts.harm));
  const chosen = specific[0] ?? fining.find((t) => t.harm.length === 0);
  if (!chosen) {
    throw new AppError("BENCHMARK_NO_TIER", `裁量基准中没有适用于“${harmLevels[facts.harm]}”的档次`);
  }
  return chosen;
}

/** The range row of a tier for the party type and measured quantity (null if the tier has no fine). */
function rangeOf(
  b: BenchmarkData,
  tier: Tier,
  partyType: "individual" | "organisation",
  facts: AssessFacts,
): { range: PenaltyRange; index: number } | null {
  if (tier.ranges.length === 0) return null;
  const indexed = tier.ranges.map((range, index) => ({ range, index }));
  const exact = indexed.filter((x) => x.range.partyType === partyType);
  const forParty = exact.length ? exact : indexed.filter((x) => x.range.partyType === "any");
  if (forParty.length === 0) {
    throw new AppError(
      "BENCHMARK_NO_TIER",
      `档次「${tierLevels[tier.level]}」没有适用于${partyTypes[partyType]}的罚款幅度`,
    );
  }
  const banded = forParty.some((x) => x.range.above !== null || x.range.upTo !== null);
  if (!banded) return forParty[0]!;
  const name = b.quantityName ?? "数量";
  const q = facts.quantities[name];
  if (q === undefined) {
    throw new AppError(
      "BENCHMARK_FACTS_INCOMPLETE",
      `须填写“${name}”${b.quantityUnit ? `（${b.quantityUnit}）` : ""}才能确定罚款幅度`,
    );
  }
  const hit = forParty.find(
    (x) => (x.range.above === null || q > x.range.above) && (x.range.upTo === null || q <= x.range.upTo),
  );
  if (!hit) throw new AppError("BENCHMARK_NO_TIER", `“${name}”为 ${q} 时没有适用的罚款幅度`);
  return hit;
}

/**
 * The discretion calculator (C03; rules P11, P12, P14): from a benchmark, the party type and the
 * facts, proposes the tier, the fine range and the exemptions that apply, and explains which rows
 * and rules it used. Pure: no I/O, no clock.
 */
export function assessBenchmark(
  b: BenchmarkData,
  partyType: "individual" | "organisation",
  facts: AssessFacts,
): Assessment {
  const explanation: string[] = [];
  const rules = new Set<string>(["P14"]);
  const exemptions: Exemption[] = [];
  const exempt = (code: NoPenaltyCase) => {
    const c = noPenaltyCases[code];
    exemptions.push({ code, rule: "P11", mandatory: c.mandatory, label: c.label, basis: c.basis });
    rules.add("P11");
  };

  const base = baseTierOf(b, facts);
  explanation.push(
    `${harmLevels[facts.harm]}：适用${b.code ? `裁量基准 ${b.code}` : "裁量基准"}（${b.violationName}）档次「${tierLevels[base.level]}」——${base.conditions}（P14）`,
  );

  // P11: mandatory no-penalty cases (art. 30, 31, 33).
  if (facts.age !== undefined && facts.age < 14) exempt("under_14");
  if (facts.mentalIncapacity) exempt("mental_incapacity");
  if (facts.noFault) exempt("no_fault");
  if (base.level === "minor" && facts.correctedInTime && facts.harm === "none") exempt("minor_corrected");
  // P11: first-violation exemption is discretionary (首违不罚: "may").
  if (
    facts.firstViolation &&
    facts.correctedInTime &&
    (facts.harm === "none" || facts.harm === "minor") &&
    !exemptions.some((e) => e.mandatory)
  ) {
    exempt("first_violation");
  }

  if (exemptions.some((e) => e.mandatory)) {
    const own = b.tiers.find((t) => t.level === "no_penalty");
    for (const e of exemptions.filter((x) => x.mandatory)) {
      explanation.push(`P11（${e.basis}）：${e.label}，不予处罚`);
    }
    if (own) explanation.push(`档次「${tierLevels.no_penalty}」：${own.conditions}`);
    explanation.push("不予处罚的，应当对当事人进行教育（行政处罚法第三十三条第三款）");
    return {
      benchmarkId: b.id ?? null,
      benchmarkVersion: b.version ?? null,
      partyType,
      baseTier: base.level,
      tier: "no_penalty",
      tierLabel: tierLevels.no_penalty,
      range: null,
      penalties: [],
      exemptions,
      rules: [...rules].sort(),
      explanation,
    };
  }

  // P12: mandatory lighter or reduced penalty → the next lower tier.
  const lighter = new Set<LighterCircumstance>(facts.circumstances);
  if (facts.age !== undefined && facts.age >= 14 && facts.age < 18) lighter.add("minor_age");
  let tier = base;
  if (lighter.size > 0) {
    rules.add("P12");
    for (const code of lighter) {
      const c = lighterCircumstances[code];
      exemptions.push({ code, rule: "P12", mandatory: true, label: c.label, basis: c.basis });
    }
    const labels = [...lighter].map(
      (c) => `${lighterCircumstances[c].label}（${lighterCircumstances[c].basis}）`,
    );
    const lower = b.tiers
      .filter((t) => t.level !== "no_penalty" && severity(t.level) < severity(base.level))
      .sort((x, y) => severity(y.level) - severity(x.level))[0];
    if (lower) {
      tier = lower;
      explanation.push(
        `P12：${labels.join("；")}，应当从轻或者减轻处罚，由档次「${tierLevels[base.level]}」降为「${tierLevels[lower.level]}」`,
      );
    } else {
      explanation.push(
        `P12：${labels.join("；")}，应当从轻或者减轻处罚；「${tierLevels[base.level]}」已是最低处罚档次，应在本档幅度内从轻（靠近下限）或依法减轻`,
      );
    }
  }

  let hit = rangeOf(b, tier, partyType, facts);
  let penalties = tier.penalties;
  if (hit) explanation.push(`罚款幅度：${rangeLabel(tier, hit.index, b)}`);
  else explanation.push(`档次「${tierLevels[tier.level]}」不予罚款`);
  // P13 (行政处罚法第二十九条): the act was already fined — no second fine; other kinds remain.
  if (facts.alreadyFined) {
    rules.add("P13");
    penalties = penalties.filter((k) => k !== "fine");
    if (hit || tier.penalties.includes("fine")) {
      explanation.push(
        `P13（${noSecondFineBasis}）：同一违法行为已被罚款，不得给予两次以上罚款的行政处罚；不再罚款${penalties.length ? `，其他处罚种类（${penalties.map((k) => penaltyKinds[k]).join("、")}）仍可适用` : ""}`,
      );
    } else {
      explanation.push(`P13（${noSecondFineBasis}）：同一违法行为已被罚款；本档次本就不予罚款`);
    }
    hit = null;
  }
  if (exemptions.some((e) => e.code === "first_violation")) {
    explanation.push(
      `P11（${noPenaltyCases.first_violation.basis}）：${noPenaltyCases.first_violation.label}`,
    );
  }
  return {
    benchmarkId: b.id ?? null,
    benchmarkVersion: b.version ?? null,
    partyType,
    baseTier: base.level,
    tier: tier.level,
    tierLabel: tierLevels[tier.level],
    range: hit ? { minFen: hit.range.minFen, maxFen: hit.range.maxFen } : null,
    penalties,
    exemptions,
    rules: [...rules].sort(),
    explanation,
  };
}

const noSecondFineBasis = "行政处罚法第二十九条";

export type SeveralAssessment = {
  /** One assessment per benchmark, in the order given. */
  assessments: Assessment[];
  /** Index of the assessment whose fine applies (null: none of them fines). */
  applied: number | null;
  range: { minFen: number; maxFen: number } | null;
  rules: string[];
  explanation: string[];
};

/**
 * P13 (行政处罚法第二十九条): one act breaks several rules. Each benchmark is assessed on the same
 * facts; the higher fine applies (the higher maximum, then the higher minimum); the act is fined
 * once. Pure.
 */
export function assessSeveral(
  list: BenchmarkData[],
  partyType: "individual" | "organisation",
  facts: AssessFacts,
): SeveralAssessment {
  const assessments = list.map((b) => assessBenchmark(b, partyType, facts));
  const name = (i: number) => {
    const b = list[i]!;
    return `${b.code ? `裁量基准 ${b.code}` : `第 ${i + 1} 个裁量基准`}（${b.violationName}）`;
  };
  const rules = new Set<string>(["P13", ...assessments.flatMap((a) => a.rules)]);
  const explanation: string[] = [];
  assessments.forEach((a, i) => {
    const r = a.range ? `${yuan(a.range.minFen)}–${yuan(a.range.maxFen)} 元` : "不予罚款";
    explanation.push(`${name(i)}：档次「${a.tierLabel}」，${r}`);
  });
  let applied: number | null = null;
  assessments.forEach((a, i) => {
    if (!a.range) return;
    const best = applied === null ? null : assessments[applied]!.range!;
    if (
      !best ||
      a.range.maxFen > best.maxFen ||
      (a.range.maxFen === best.maxFen && a.range.minFen > best.minFen)
    ) {
      applied = i;
    }
  });
  if (applied === null) {
    explanation.push(
      `P13（${noSecondFineBasis}）：同一违法行为违反多个法律规范，各规范均不予罚款，不适用罚款`,
    );
    return { assessments, applied, range: null, rules: [...rules].sort(), explanation };
  }
  const chosen = assessments[applied]!.range!;
  explanation.push(
    `P13（${noSecondFineBasis}）：同一违法行为违反多个法律规范应当给予罚款处罚的，按照罚款数额高的规定处罚——适用${name(applied)}的幅度 ${yuan(chosen.minFen)}–${yuan(chosen.maxFen)} 元，只罚款一次`,
  );
  return { assessments, applied, range: chosen, rules: [...rules].sort(), explanation };
}

export type PenaltyCheck =
  | { ok: true }
  | { ok: false; needsWrittenReason: boolean; needsLegalReview: true; message: string };

/**
 * Is a proposed fine within the assessed range? Outside it, the decision needs a written reason
 * and legal review (C03); case handling calls this when a penalty is proposed.
 */
export function checkProposedPenalty(
  assessment: Assessment,
  proposedFen: number,
  reason?: string,
): PenaltyCheck {
  const r = assessment.range;
  const within = r ? proposedFen >= r.minFen && proposedFen <= r.maxFen : proposedFen === 0;
  if (within) return { ok: true };
  const span = r ? `${yuan(r.minFen)}–${yuan(r.maxFen)} 元` : "不予罚款";
  const hasReason = Boolean(reason?.trim());
  return {
    ok: false,
    needsWrittenReason: !hasReason,
    needsLegalReview: true,
    message: `拟罚款 ${yuan(proposedFen)} 元超出裁量基准档次「${assessment.tierLabel}」的幅度（${span}）：须书面说明理由并提交法制审核${hasReason ? "" : "（尚未填写理由）"}`,
  };
}
