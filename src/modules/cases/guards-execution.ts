import { itemInventory } from "./items.ts";
import { owedOn, paymentSchedule, yuan } from "./rules/execution.ts";
import { courtApplicationWindow } from "./rules/payment.ts";
import { lastEvent, refuse, type StepContext } from "./step-context.ts";
import type { GuardCheck } from "./transition.ts";

const decidedOutcome = (s: StepContext) => String(lastEvent(s, "decide")?.data.outcome ?? "");

/** What the party owes on the step's date, counting this step's payment when it records one. */
async function owed(s: StepContext) {
  return owedOn(await s.calendar(), s.events, s.on);
}

/** Checks of service and execution (X3–X7, K5, K7, P15). */
export const executionGuards = {
  // X3: electronic service only with the party's signed consent; public notice only when the other
  // methods failed; a transfer to judicial organs is not served on the party (P15).
  async serviceMethod(s) {
    if (decidedOutcome(s) === "transfer")
      refuse("SERVICE_METHOD_NOT_ALLOWED", "移送司法机关的案件应办理移送，而不是向当事人送达处罚决定", "P15");
    if (s.data.method === "electronic" && !s.data.consent)
      refuse("SERVICE_CONSENT_REQUIRED", "电子送达须当事人书面同意并签订确认书，请登记确认书", "X3");
    if (s.data.method === "public_notice" && !s.data.attempts)
      refuse(
        "SERVICE_METHOD_NOT_ALLOWED",
        "公告送达仅在受送达人下落不明或者用其他方式无法送达时适用，请写明已采取的送达方式",
        "X3",
      );
  },
  // P15: the transfer follows a decision to transfer the case to judicial organs.
  async transferDecided(s) {
    if (decidedOutcome(s) !== "transfer")
      refuse("TRANSITION_NOT_ALLOWED", "本案未作出移送司法机关的决定", "P15");
  },
  // X4/X6: something is left to pay.
  async finePayable(s) {
    const o = await owed(s);
    if (o.fineFen === 0 || o.totalFen === 0) refuse("NO_FINE_OUTSTANDING", "本案没有待缴纳的罚款", "X4");
  },
  // X5: execution is complete only when the fine and the late-payment penalty are paid.
  async paidInFull(s) {
    const o = await owed(s);
    const paying = Number(s.data.paidFen ?? 0);
    if (o.totalFen > paying)
      refuse(
        "PAYMENT_INSUFFICIENT",
        `截至 ${s.on} 应缴 ${yuan(o.totalFen)} 元（罚款余额 ${yuan(o.fineOutstandingFen)} 元，加处罚款 ${yuan(o.lateFeeFen)} 元），本次登记 ${yuan(paying)} 元`,
        "X5",
      );
  },
  // K5: the written reminder comes after the time to pay has run, with something still owed.
  async paymentOverdue(s) {
    const o = await owed(s);
    if (o.totalFen === 0) refuse("NO_FINE_OUTSTANDING", "本案没有待缴纳的罚款", "K5");
    if (!o.nextDueOn || s.on <= o.nextDueOn)
      refuse("PAYMENT_NOT_OVERDUE", `缴纳期限至 ${o.nextDueOn ?? "—"} 届满，届满前不能催告`, "K5");
  },
  // X6: a deferral or an instalment plan moves the due date later, not earlier.
  async deferralLater(s) {
    const current = paymentSchedule(await s.calendar(), s.events)[0]?.dueOn;
    const asked = String(s.data.dueOn ?? s.data.firstDueOn);
    if (asked < s.on || (current && asked <= current && s.transition.event === "approve_deferral"))
      refuse("VALIDATION_FAILED", `延期或分期的缴纳日期应晚于原缴纳期限（${current ?? "—"}）`, "X6");
  },
  // K7: the court application comes after the reminder, within the window the law sets.
  async courtWindow(s) {
    const served = lastEvent(s, "serve");
    const reminder = lastEvent(s, "remind");
    if (!served || !reminder)
      refuse("COURT_APPLICATION_OUT_OF_WINDOW", "申请人民法院强制执行前，应当催告当事人履行（K5）", "K7");
    const w = courtApplicationWindow(await s.calendar(), {
      decisionServedOn: served.onDate,
      reminderServedOn: reminder.onDate,
    });
    if (s.on < w.from || s.on > w.to)
      refuse(
        "COURT_APPLICATION_OUT_OF_WINDOW",
        `申请人民法院强制执行的期间为 ${w.from} 至 ${w.to}（起诉期限届满后三个月内，且催告书送达十个工作日后）`,
        "K7",
      );
  },
  // X7: only confiscated items can be destroyed or auctioned.
  async itemsDisposable(s) {
    const inventory = itemInventory(s.events);
    const bad = ((s.data.itemNos as number[]) ?? []).filter(
      (no) => inventory.find((it) => it.no === no)?.status !== "confiscated",
    );
    if (bad.length)
      refuse("ITEMS_NOT_DISPOSABLE", `物品 ${bad.join("、")} 号不是已没收的物品，不能处置`, "X7");
  },
} satisfies Partial<Record<GuardCheck, (s: StepContext) => Promise<void>>>;
