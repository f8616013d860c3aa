import type { AppContext } from "../../context.ts";
import { ancestorIds } from "../agencies/agency.ts";
import type { Principal } from "../identity/principal.ts";
import { dateOf } from "../officers/officer.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { calendarYears } from "./schema.ts";
import { parseDay } from "./working-days.ts";

/**
 * How far the working-day calendar reaches (rule D4): the last year loaded without a gap from the
 * current one, its last day, the days left until then (China time; negative once past), and
 * whether to warn staff (fewer than setting calendar.warnDays days left, read at the root agency
 * of the actor's first membership: the calendar is shared by the whole city).
 */
export async function calendarCoverage(ctx: AppContext, actor: Principal) {
  const today = dateOf(ctx.now());
  const thisYear = Number(today.slice(0, 4));
  const years = new Set(
    (await ctx.db.select({ year: calendarYears.year }).from(calendarYears)).map((r) => r.year),
  );
  let lastYear = thisYear - 1;
  if (years.has(thisYear)) {
    lastYear = thisYear;
    while (years.has(lastYear + 1)) lastYear++;
  } else {
    const earlier = [...years].filter((y) => y < thisYear);
    if (earlier.length) lastYear = Math.max(...earlier);
  }
  const coveredUntil = `${lastYear}-12-31`;
  const daysLeft = Math.round((parseDay(coveredUntil) - parseDay(today)) / 86_400_000);
  const root = actor.memberships[0] ? (ancestorIds(actor.memberships[0].agencyPath)[0] ?? null) : null;
  const warnDays = await getNumberSetting(ctx.db, root, "calendar.warnDays");
  return { lastYear, coveredUntil, daysLeft, warnDays, warn: daysLeft <= warnDays };
}
