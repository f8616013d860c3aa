import { addWorkingDays, type Calendar, countWorkingDays } from "../../calendar/working-days.ts";
import { ok, type RuleResult, refuse } from "./rule-result.ts";

/** P7 (APL art. 64): the party asks for a hearing within 5 working days of being notified. */
export const hearingRequestWorkdays = 5;
/** P7: the agency notifies the time and place 7 working days before the hearing. */
export const hearingNoticeWorkdays = 7;

export function hearingRequestDue(cal: Calendar, noticeServedOn: string): string {
  return addWorkingDays(cal, noticeServedOn, hearingRequestWorkdays);
}

export function checkHearingRequestInTime(
  cal: Calendar,
  input: { noticeServedOn: string; requestedOn: string },
): RuleResult {
  const due = hearingRequestDue(cal, input.noticeServedOn);
  if (input.requestedOn > due) {
    return refuse(
      "HEARING_REQUEST_LATE",
      "P7",
      `听证申请应在告知后 5 个工作日内（${due} 前）提出，逾期视为放弃`,
    );
  }
  if (input.requestedOn < input.noticeServedOn) {
    return refuse("HEARING_DATES_INVALID", "P7", "听证申请日期早于告知送达日期");
  }
  return ok;
}

/** At least 7 working days between the hearing notice and the hearing (the notice day not counted). */
export function checkHearingNoticeInTime(
  cal: Calendar,
  input: { notifiedOn: string; hearingOn: string },
): RuleResult {
  const days = countWorkingDays(cal, input.notifiedOn, input.hearingOn);
  if (days < hearingNoticeWorkdays) {
    return refuse(
      "HEARING_NOTICE_TOO_SHORT",
      "P7",
      `应当在举行听证的 7 个工作日前通知当事人（现为 ${Math.max(days, 0)} 个工作日）（《行政处罚法》第六十四条）`,
    );
  }
  return ok;
}

/** P7: the presiding officer did not investigate the case. */
export function checkPresidingOfficer(input: {
  presidingUserId: string;
  investigatorIds: string[];
}): RuleResult {
  if (input.investigatorIds.includes(input.presidingUserId)) {
    return refuse(
      "HEARING_PRESIDER_CONFLICT",
      "P7",
      "听证主持人不得由本案调查人员担任（《行政处罚法》第六十四条）",
    );
  }
  return ok;
}
