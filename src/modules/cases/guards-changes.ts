import { and, inArray } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import { type Calendar, dueDate, parseDay } from "../calendar/working-days.ts";
import { memberships, users } from "../identity/schema.ts";
import { managingBureau } from "../officers/find-officer.ts";
import { checkMayEnforceMany } from "../officers/may-enforce.ts";
import { refuse, type StepContext } from "./step-context.ts";
import type { GuardCheck } from "./transition.ts";

/**
 * K3 (ACL art. 25): sealing or seizure lasts at most 30 days; in a complex case it may be extended
 * once, by at most 30 days, with the approval of the agency head. Statutory (status V): constants,
 * not settings. The time of testing, inspection, quarantine or technical appraisal
 * (检测、检验、检疫或者技术鉴定) is not counted.
 */
export const seizureDays = 30;
export const seizureExtensionMaxDays = 30;

type Step = { event: string; onDate: string; data: Record<string, unknown> };

/** The steps since the latest sealing/seizure (the measure whose period runs), this step included. */
function sinceSeizure(steps: readonly Step[]): { sealedOn: string | null; after: Step[] } {
  for (let i = steps.length - 1; i >= 0; i--)
    if (steps[i]!.event === "seal_seize") return { sealedOn: steps[i]!.onDate, after: steps.slice(i + 1) };
  return { sealedOn: null, after: [...steps] };
}

/** Days of a testing period, both ends counted. */
export const testingDays = (from: string, to: string) =>
  Math.round((parseDay(to) - parseDay(from)) / 86_400_000) + 1;

/**
 * K3: the due date of the sealing/seizure period after the steps (in order, the current one last):
 * 30 calendar days from the sealing, plus the approved extension and the testing periods recorded
 * since, counted in calendar days like the original period (a due date on a rest day moves to the
 * next working day).
 */
export function seizureDueAfter(cal: Calendar, steps: readonly Step[]): string {
  const { sealedOn, after } = sinceSeizure(steps);
  const start = sealedOn ?? steps[steps.length - 1]!.onDate;
  let days = seizureDays;
  for (const s of after) {
    if (s.event === "extend_seizure") days += Number(s.data.days ?? 0);
    if (s.event === "record_testing_period") days += testingDays(String(s.data.from), String(s.data.to));
  }
  return dueDate(cal, start, days, "day").due;
}

/** The due date a step opening the `seizure` deadline gives it (used by guards.ts dueOf). */
export async function seizureDue(s: StepContext): Promise<string> {
  const cal = await s.calendar();
  return seizureDueAfter(cal, [...s.events, { event: s.transition.event, onDate: s.on, data: s.data }]);
}

const openSeizure = (s: StepContext) => s.deadlines.find((d) => d.kind === "seizure" && d.status === "open");

/** Checks of the change of officers (C2, O1) and of the sealing/seizure period (K3). */
export const changeGuards = {
  // C2 / O1: the new set of officers: at least two, each of the case's agency (or its bureau) and
  // holding on the step date a valid certificate covering the case's field.
  async newOfficersEligible(s) {
    const ids = [...new Set((s.data.officerIds as string[] | undefined) ?? [])];
    if (ids.length < 2)
      refuse("CASE_OFFICERS_TOO_FEW", `变更后的办案人员须至少两名，现有 ${ids.length} 名`, "C2");
    const now = new Set(s.officerIds);
    if (ids.length === now.size && ids.every((id) => now.has(id)))
      refuse("VALIDATION_FAILED", "变更后的办案人员与现有办案人员相同", "C2");
    const bureau = await managingBureau(s.tx, s.agency);
    const members = await s.tx
      .selectDistinct({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          inArray(memberships.agencyId, [...new Set([s.agency.id, bureau.id])]),
          inArray(memberships.userId, ids),
        ),
      );
    const outside = ids.filter((id) => !members.some((m) => m.userId === id));
    if (outside.length) {
      const names = await s.tx
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, outside));
      const named = outside.map((id) => names.find((n) => n.id === id)?.name ?? id);
      throw new AppError(
        "CASE_OFFICER_OTHER_AGENCY",
        `${named.join("、")}不是${s.agency.name}${bureau.id === s.agency.id ? "" : `或${bureau.name}`}的人员，不能担任本案办案人员（C2）`,
        named.map((n) => ({ path: "data.officerIds", message: `${n}：不是本机关人员` })),
      );
    }
    const answers = await checkMayEnforceMany(s.tx, {
      agencyId: s.case.agencyId,
      agency: s.agency,
      field: s.case.field,
      date: s.on,
      userIds: ids,
    });
    const reasons = ids.flatMap((id) => {
      const a = answers.get(id);
      return a && !a.ok ? [a.reason] : [];
    });
    if (reasons.length)
      throw new AppError(
        "CERTIFICATE_INVALID",
        `办案人员须持有在 ${s.on} 有效、涵盖“${s.case.field}”领域的执法证（C2、O1）：${reasons.join("；")}`,
        reasons.map((message) => ({ path: "data.officerIds", message })),
      );
  },
  // K3: the sealing/seizure period runs (an open period not yet over on the step date).
  async seizureRunning(s) {
    const d = openSeizure(s);
    if (!d) refuse("SEIZURE_NOT_OPEN", "本案没有尚在期限内的查封、扣押", "K3");
    if (s.on > d.dueOn)
      refuse(
        "SEIZURE_EXPIRED",
        `查封、扣押期限已于 ${d.dueOn} 届满，不能再延长或扣除期间，应当及时作出处理决定或解除（《行政强制法》第二十五条、第二十八条）`,
        "K3",
      );
  },
  // K3: the period is extended once only.
  async seizureNotExtended(s) {
    const earlier = s.events.find((e) => e.event === "extend_seizure");
    if (earlier)
      refuse(
        "SEIZURE_EXTENSION_USED",
        `查封、扣押期限已于 ${earlier.onDate} 延长过一次，不能再次延长（《行政强制法》第二十五条）`,
        "K3",
      );
  },
  // K3: by at most 30 days.
  async seizureExtensionWithinLimit(s) {
    const days = Number(s.data.days);
    if (!Number.isInteger(days) || days < 1 || days > seizureExtensionMaxDays)
      refuse(
        "SEIZURE_EXTENSION_EXCEEDED",
        `查封、扣押期限延长不得超过 ${seizureExtensionMaxDays} 日，申请延长 ${days} 日（《行政强制法》第二十五条）`,
        "K3",
      );
  },
  // K3: a testing period lies after the sealing, does not overlap one already recorded and began
  // while the period ran.
  async testingPeriodValid(s) {
    const from = String(s.data.from);
    const to = String(s.data.to);
    const { sealedOn, after } = sinceSeizure(s.events);
    const bad = (message: string) => refuse("TESTING_PERIOD_INVALID", message, "K3");
    if (to < from) bad("检测、检验、检疫或技术鉴定的结束日期不能早于开始日期");
    if (sealedOn && from < sealedOn) bad(`检测期间不能早于查封、扣押之日（${sealedOn}）`);
    const due = openSeizure(s)?.dueOn;
    if (due && from > due) bad(`检测期间应始于查封、扣押期限（至 ${due}）之内`);
    if (testingDays(from, to) > 366) bad("检测期间过长（超过 366 日），请核对日期");
    const overlap = after.find(
      (e) => e.event === "record_testing_period" && String(e.data.from) <= to && from <= String(e.data.to),
    );
    if (overlap) bad(`与已登记的检测期间（${overlap.data.from} 至 ${overlap.data.to}）重叠`);
  },
} satisfies Partial<Record<GuardCheck, (s: StepContext) => Promise<void>>>;
