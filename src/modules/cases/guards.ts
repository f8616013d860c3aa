import { and, eq, ne, sql } from "drizzle-orm";
import { AppError } from "../../core/errors.ts";
import { addWorkingDays } from "../calendar/working-days.ts";
import { checkDecisionStepData } from "../documents/check-decision-step.ts";
import { assertRecordingPresent } from "../evidence/assert-recording-present.ts";
import { assertTwoCertifiedOfficers } from "../officers/may-enforce.ts";
import { assertCollectiveDiscussion, assertLegalReview } from "../reviews/decision-gate.ts";
import { getNumberSetting } from "../settings/get-setting.ts";
import { changeGuards, seizureDue } from "./guards-changes.ts";
import { executionGuards } from "./guards-execution.ts";
import { listGuards } from "./guards-lists.ts";
import { everOfficerIds } from "./officers-of-case.ts";
import { decisionDue } from "./rules/deadlines.ts";
import { owedOn } from "./rules/execution.ts";
import {
  checkHearingNoticeInTime,
  checkHearingRequestInTime,
  checkPresidingOfficer,
  hearingRequestDue,
} from "./rules/hearing.ts";
import { checkLimitation } from "./rules/limitation.ts";
import { courtApplicationWindow, paymentDue } from "./rules/payment.ts";
import {
  checkNoSecondFine,
  checkNotHeavier,
  hearingRightApplies,
  type PartyType,
  type Penalty,
} from "./rules/penalty.ts";
import { checkSimpleProcedure } from "./rules/simple-procedure.ts";
import { caseEvents, cases } from "./schema.ts";
import { enforce, lastEvent, type StepContext } from "./step-context.ts";
import type { DeadlineKind, GuardCheck } from "./transition.ts";

export type { CaseEventRow, CaseRow, StepContext } from "./step-context.ts";

const noticedPenalty = (s: StepContext) => lastEvent(s, "notify")?.data.penalty as Penalty | undefined;

async function hearingRight(s: StepContext, penalty: Penalty): Promise<boolean> {
  return hearingRightApplies({
    partyType: s.case.partyType as PartyType,
    penalty,
    thresholdIndividualFen: await getNumberSetting(s.tx, s.case.agencyId, "hearing.fineThresholdIndividual"),
    thresholdOrganisationFen: await getNumberSetting(
      s.tx,
      s.case.agencyId,
      "hearing.fineThresholdOrganisation",
    ),
  });
}

/** The checks named in the transition tables. Each throws an AppError naming its rule ID. */
export const guards: Record<GuardCheck, (s: StepContext) => Promise<void>> = {
  ...executionGuards,
  ...listGuards,
  ...changeGuards,
  // X1/X2: the penalty decision this step makes states every item of APL art. 59 and the remedies.
  async decisionDocument(s) {
    const r = await checkDecisionStepData(s.tx, s);
    if (!r.ok)
      throw new AppError(
        "DOCUMENT_INCOMPLETE",
        r.message,
        r.missing.map((m) => ({ path: "data", message: m })),
      );
  },
  // C5: no filing once the limitation period has run.
  async limitation(s) {
    enforce(
      checkLimitation({
        actOn: s.case.actOn,
        continuingUntil: s.case.continuingUntil ?? undefined,
        discoveredOn: s.case.discoveredOn,
        serious: s.case.serious,
      }),
    );
  },
  // C2 / O1: two officers of the case with valid certificates for the case's field on the step date.
  async twoCertifiedOfficers(s) {
    await assertTwoCertifiedOfficers(s.tx, {
      agencyId: s.case.agencyId,
      agency: s.agency,
      field: s.case.field,
      date: s.on,
      userIds: s.officerIds,
      officers: s.officerRows,
    });
  },
  // L5: the audio-video record the agency's list requires for this action.
  async recording(s) {
    if (!s.transition.recording) return;
    await assertRecordingPresent(s.tx, {
      agencyId: s.case.agencyId,
      agencyPath: s.agencyPath,
      caseId: s.case.id,
      action: s.transition.recording,
      list: s.recordingList,
    });
  },
  // P3: 90 days from filing (plus approved extensions).
  async decisionInTime(s) {
    const d = s.deadlines.find((x) => x.kind === "decision" && x.status === "open");
    if (d && s.on > d.dueOn)
      throw new AppError(
        "DECISION_OVERDUE",
        `已超过办案期限（应于 ${d.dueOn} 前作出决定）；延长须经批准（P3，《行政处罚法》第六十条）`,
      );
  },
  // P4: a penalty only after the notice of proposed penalty.
  async noticeBeforeDecision(s) {
    if (s.data.outcome === "penalty" && !lastEvent(s, "notify"))
      throw new AppError(
        "NOTICE_REQUIRED",
        "作出行政处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据和陈述申辩、听证权利（P4，《行政处罚法》第四十四条）",
      );
  },
  // P5: the decision is not heavier than the notice.
  async notHeavierThanNotice(s) {
    const noticed = noticedPenalty(s);
    if (s.data.outcome === "penalty" && noticed) enforce(checkNotHeavier(noticed, s.data.penalty as Penalty));
  },
  // P6: the proposed penalty carries the hearing right.
  async hearingRight(s) {
    const noticed = noticedPenalty(s);
    if (!noticed || !(await hearingRight(s, noticed)))
      throw new AppError(
        "HEARING_RIGHT_NOT_APPLICABLE",
        "拟作出的处罚不属于《行政处罚法》第六十三条规定的听证情形，当事人可以陈述申辩（P6）",
      );
  },
  // P7: the hearing is asked for within 5 working days of the notice.
  async hearingRequestInTime(s) {
    const notice = lastEvent(s, "notify")!;
    enforce(
      checkHearingRequestInTime(await s.calendar(), { noticeServedOn: notice.onDate, requestedOn: s.on }),
    );
  },
  // P7: the party is notified 7 working days before the hearing.
  async hearingNoticeInTime(s) {
    enforce(
      checkHearingNoticeInTime(await s.calendar(), { notifiedOn: s.on, hearingOn: String(s.data.hearingOn) }),
    );
  },
  // P7: the presiding officer did not investigate: nobody who was ever an officer of the case (C2,
  // also those removed by a change of officers).
  async presidingOfficer(s) {
    enforce(
      checkPresidingOfficer({
        presidingUserId: String(s.data.presidingUserId),
        investigatorIds: [...s.officerIds, ...everOfficerIds(s.events)],
      }),
    );
  },
  // P10 / L1: a decision that needs legal review only after a passed review it does not exceed.
  async legalReviewGate(s) {
    await assertLegalReview(s);
  },
  // P9: a decision the list sends to collective discussion (or a disputed review) only after the leaders agreed.
  async collectiveDiscussion(s) {
    await assertCollectiveDiscussion(s);
  },
  // P13: no second fine for the same act. Detectable here as: another case of this agency tree's
  // records with the same party (ID number or credit code), the same act date and field, not
  // cancelled, already decided with a fine.
  async noSecondFine(s) {
    if (s.data.outcome !== "penalty" || !s.case.partyIdNumber) return;
    const earlier = await s.tx
      .select({ data: caseEvents.data })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(
        and(
          ne(cases.id, s.case.id),
          eq(cases.partyIdNumber, s.case.partyIdNumber),
          eq(cases.actOn, s.case.actOn),
          eq(cases.field, s.case.field),
          ne(cases.state, "cancelled"),
          eq(caseEvents.event, "decide"),
          sql`${caseEvents.data}->>'outcome' = 'penalty'`,
        ),
      );
    enforce(
      checkNoSecondFine(
        s.data.penalty as Penalty,
        earlier.map((e) => (e.data.penalty as Penalty | undefined)?.fineFen ?? 0),
      ),
    );
  },
  // P1: on-the-spot decisions only for a warning or a fine within the limits.
  async simpleProcedureLimits(s) {
    enforce(
      checkSimpleProcedure({ partyType: s.case.partyType as PartyType, penalty: s.data.penalty as Penalty }),
    );
  },
  // C4 / K3: the decision on preserved or sealed/seized items comes within its period; afterwards
  // the items can only be given back.
  async measureDecisionInTime(s) {
    const kind = s.transition.event === "decide_preserved" ? "preservation" : "seizure";
    const d = s.deadlines.find((x) => x.kind === kind && x.status === "open");
    if (!d) throw new AppError("TRANSITION_NOT_ALLOWED", "本案没有待处理的先行登记保存或查封、扣押");
    // After the period only giving the items back remains (the measure has lapsed).
    if (s.on > d.dueOn && s.data.decision !== "return" && s.data.decision !== "release")
      throw new AppError(
        "MEASURE_DECISION_OVERDUE",
        kind === "preservation"
          ? `先行登记保存的证据应在 7 个工作日内（${d.dueOn} 前）作出处理决定（C4，《行政处罚法》第五十六条）`
          : `查封、扣押期限已于 ${d.dueOn} 届满，应当及时解除（K3，《行政强制法》第二十五条）`,
      );
  },
  // C4 / K3: the investigation does not end while preserved or seized items await a decision.
  async noPendingMeasures(s) {
    const open = s.deadlines.filter(
      (d) => (d.kind === "preservation" || d.kind === "seizure") && d.status === "open",
    );
    if (open.length)
      throw new AppError(
        "MEASURES_PENDING",
        "尚有先行登记保存或查封、扣押的财物未作出处理决定，不能调查终结（C4、K3）",
      );
  },
  // P7: absence counts as waiver only once the hearing day has come.
  async hearingDateReached(s) {
    const hearingOn = String(lastEvent(s, "notify_hearing")?.data.hearingOn ?? "");
    if (!hearingOn || s.on < hearingOn)
      throw new AppError(
        "HEARING_DATES_INVALID",
        `听证日期（${hearingOn}）尚未到来，不能认定当事人缺席（P7）`,
      );
  },
  // P3: approved extensions of the decision period stay within the setting (local rules).
  async extensionWithinLimit(s) {
    const limit = await getNumberSetting(s.tx, s.case.agencyId, "case.decisionExtensionDays");
    const total = extensionDays(s);
    if (total > limit)
      throw new AppError(
        "DECISION_EXTENSION_EXCEEDED",
        `办案期限累计延长 ${total} 日，超过本地规定的 ${limit} 日（P3）`,
      );
  },
  // P5: the statement period (and the hearing request period) has run.
  async statementPeriodOver(s) {
    const running = s.deadlines.filter(
      (d) =>
        (d.kind === "statement" || d.kind === "hearing_request") && d.status === "open" && s.on <= d.dueOn,
    );
    if (running.length)
      throw new AppError(
        "STATEMENT_PERIOD_RUNNING",
        `陈述申辩（听证申请）期限至 ${running.map((d) => d.dueOn).sort()[running.length - 1]} 届满，届满前不能视为放弃（P5）`,
      );
  },
};

/** Days the decision period has been extended, this step included (P3). */
function extensionDays(s: StepContext): number {
  const earlier = s.events
    .filter((e) => e.event === "extend_decision_period")
    .reduce((n, e) => n + Number(e.data.days ?? 0), 0);
  return earlier + (s.transition.event === "extend_decision_period" ? Number(s.data.days) : 0);
}

/** The due date of a deadline a step opens, or null when it does not apply to this case. */
export async function dueOf(s: StepContext, kind: DeadlineKind): Promise<string | null> {
  const cal = await s.calendar();
  switch (kind) {
    case "decision":
      return decisionDue(cal, {
        filedOn: lastEvent(s, "file")?.onDate ?? s.on,
        extensionDays: extensionDays(s),
      });
    case "statement":
      return addWorkingDays(
        cal,
        s.on,
        await getNumberSetting(s.tx, s.case.agencyId, "statement.periodWorkdays"),
      );
    case "hearing_request":
      return (await hearingRight(s, s.data.penalty as Penalty)) ? hearingRequestDue(cal, s.on) : null;
    case "preservation":
      return addWorkingDays(cal, s.on, 7);
    case "seizure":
      // K3: 30 days from sealing, plus an approved extension and testing periods (guards-changes.ts).
      return seizureDue(s);
    case "payment": {
      // X4: 15 days after service; X6: the approved date or the next instalment.
      const steps = [...s.events, { event: s.transition.event, onDate: s.on, data: s.data }];
      const o = owedOn(cal, steps, s.on);
      if (s.transition.event === "serve") return o.fineFen > 0 ? paymentDue(cal, s.on) : null;
      return o.fineOutstandingFen > 0 ? o.nextDueOn : null;
    }
    case "service":
      // X3: a decision not handed over on the spot is served within 7 working days.
      return s.data.outcome === "transfer" ? null : addWorkingDays(cal, s.on, 7);
    case "correction":
      return String(s.data.dueOn);
    case "court_application": {
      const served = lastEvent(s, "serve");
      return served
        ? courtApplicationWindow(cal, { decisionServedOn: served.onDate, reminderServedOn: s.on }).to
        : null;
    }
  }
}
