import { addMonths, parseDay } from "../../calendar/working-days.ts";
import { ok, type RuleResult, refuse } from "./rule-result.ts";

/**
 * C5 (APL art. 36): no penalty when the act was not discovered within 2 years, or 5 years where it
 * endangers life, health or financial security with harmful consequences. Counted from the act,
 * or from its end when continuing.
 */
export function checkLimitation(input: {
  actOn: string;
  continuingUntil?: string;
  discoveredOn: string;
  serious: boolean;
}): RuleResult {
  const from = input.continuingUntil ?? input.actOn;
  if (parseDay(input.discoveredOn) < parseDay(input.actOn)) {
    return refuse("LIMITATION_DATES_INVALID", "C5", "发现日期早于违法行为发生日期");
  }
  if (input.continuingUntil && parseDay(input.continuingUntil) < parseDay(input.actOn)) {
    return refuse("LIMITATION_DATES_INVALID", "C5", "违法行为终了日期早于发生日期");
  }
  const years = input.serious ? 5 : 2;
  const last = addMonths(from, years * 12);
  if (parseDay(input.discoveredOn) > parseDay(last)) {
    return refuse(
      "LIMITATION_EXPIRED",
      "C5",
      `违法行为自 ${from} 起 ${years} 年内未被发现（至 ${last}），依法不再给予行政处罚（《行政处罚法》第三十六条）`,
    );
  }
  return ok;
}
