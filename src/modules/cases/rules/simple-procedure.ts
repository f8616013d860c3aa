import type { PartyType, Penalty } from "./penalty.ts";
import { ok, type RuleResult, refuse } from "./rule-result.ts";

/** P1 (APL art. 51): on-the-spot limits, in fen. The pre-2021 50/1,000 yuan limits are wrong. */
export const simpleProcedureLimitsFen: Record<PartyType, number> = {
  individual: 20_000,
  organisation: 300_000,
};

/** X4 (APL art. 68): on-the-spot collection only for simple-procedure fines up to 100 yuan. */
export const onTheSpotCollectionMaxFen = 10_000;

/** P1: simple procedure only for a warning, or a fine within the limit, and nothing heavier. */
export function checkSimpleProcedure(input: { partyType: PartyType; penalty: Penalty }): RuleResult {
  const p = input.penalty;
  if ((p.kinds ?? []).length || (p.confiscationFen ?? 0) > 0) {
    return refuse(
      "SIMPLE_PROCEDURE_NOT_ALLOWED",
      "P1",
      "当场处罚只适用于警告或限额以内的罚款，其他处罚种类应适用普通程序",
    );
  }
  if (!p.warning && !(p.fineFen && p.fineFen > 0)) {
    return refuse("SIMPLE_PROCEDURE_NOT_ALLOWED", "P1", "当场处罚决定应载明警告或罚款");
  }
  const limit = simpleProcedureLimitsFen[input.partyType];
  if ((p.fineFen ?? 0) > limit) {
    const who = input.partyType === "individual" ? "公民" : "法人或者其他组织";
    return refuse(
      "SIMPLE_PROCEDURE_LIMIT",
      "P1",
      `对${who}当场罚款不得超过 ${limit / 100} 元（《行政处罚法》第五十一条），应适用普通程序`,
    );
  }
  return ok;
}

/** X4: may the fine be collected on the spot? */
export const onTheSpotCollectionAllowed = (fineFen: number): boolean =>
  fineFen > 0 && fineFen <= onTheSpotCollectionMaxFen;
