import { ok, type RuleResult, refuse } from "./rule-result.ts";

export type PartyType = "individual" | "organisation";

/**
 * A proposed or decided penalty. Amounts in fen. `kinds` names the heavier measures of P6:
 * "licence_revocation", "qualification_lowering", "suspension_of_business", "closure",
 * "profession_restriction", "detention_of_property_large" …
 */
export type Penalty = { warning?: boolean; fineFen?: number; confiscationFen?: number; kinds?: string[] };

/** The heavier measures that carry hearing rights whatever the amount (P6, APL art. 63). */
export const hearingKinds = [
  "licence_revocation",
  "qualification_lowering",
  "suspension_of_business",
  "closure",
  "profession_restriction",
  "other_heavier",
] as const;

/**
 * P6 (APL art. 63): hearing rights for a large fine (threshold per province: a setting), large
 * confiscation (same threshold), revoking a licence, lowering a qualification, suspension of
 * business, closure, restricting a profession, or another heavier penalty.
 */
export function hearingRightApplies(input: {
  partyType: PartyType;
  penalty: Penalty;
  thresholdIndividualFen: number;
  thresholdOrganisationFen: number;
}): boolean {
  const threshold =
    input.partyType === "individual" ? input.thresholdIndividualFen : input.thresholdOrganisationFen;
  const p = input.penalty;
  if ((p.fineFen ?? 0) >= threshold) return true;
  if ((p.confiscationFen ?? 0) >= threshold) return true;
  return (p.kinds ?? []).some((k) => (hearingKinds as readonly string[]).includes(k));
}

/**
 * P5 (APL art. 45): the penalty may not be increased because the party stated their case. The
 * decision may not be heavier than the notice of proposed penalty in any respect.
 */
export function checkNotHeavier(noticed: Penalty, decided: Penalty): RuleResult {
  const heavier: string[] = [];
  if ((decided.fineFen ?? 0) > (noticed.fineFen ?? 0)) heavier.push("罚款数额");
  if ((decided.confiscationFen ?? 0) > (noticed.confiscationFen ?? 0)) heavier.push("没收数额");
  const added = (decided.kinds ?? []).filter((k) => !(noticed.kinds ?? []).includes(k));
  if (added.length) heavier.push("处罚种类");
  if (decided.warning && !noticed.warning && !noticed.fineFen && !(noticed.kinds ?? []).length)
    heavier.push("警告");
  if (heavier.length) {
    return refuse(
      "PENALTY_HEAVIER_THAN_NOTICE",
      "P5",
      `处罚决定不得重于事先告知的处罚（${heavier.join("、")}加重）；如需加重，应重新告知（《行政处罚法》第四十五条）`,
    );
  }
  return ok;
}

/** P13 (APL art. 29): no second fine for the same act. `earlierFinesFen` are fines already decided for it. */
export function checkNoSecondFine(decided: Penalty, earlierFinesFen: number[]): RuleResult {
  if ((decided.fineFen ?? 0) > 0 && earlierFinesFen.some((f) => f > 0)) {
    return refuse(
      "SECOND_FINE",
      "P13",
      "同一个违法行为不得给予两次以上罚款的行政处罚（《行政处罚法》第二十九条）",
    );
  }
  return ok;
}
