import { paymentPeriodDays } from "../cases/rules/payment.ts";
import type { Penalty } from "../cases/rules/penalty.ts";

/**
 * X1 (APL art. 59): what a penalty decision document must state, and X2: the remedies printed on
 * every decision (reconsideration within 60 days, ARL art. 20; a lawsuit within 6 months, ALL art.
 * 46; for on-the-spot decisions reconsideration first, ARL art. 23). Pure: no I/O.
 */
export const reconsiderationDays = 60;
export const litigationMonths = 6;
/** ALL art. 45: a lawsuit within 15 days of receiving the reconsideration decision. */
export const litigationAfterReconsiderationDays = 15;

export type DecisionDocumentInput = {
  /** "general": 行政处罚决定书; "simple": 当场行政处罚决定书 (P1/P2; reconsideration first, X2). */
  procedure: "general" | "simple";
  party: { name: string; address: string };
  /** The facts found (the notice's facts; the on-the-spot form's facts). */
  facts: string;
  /** What the facts rest on: the investigation records and evidence files (not required on the spot). */
  evidence: string[];
  penalty: Penalty | undefined;
  legalBasis: string;
  /** How and by when to comply (X4 for fines). */
  compliance: string;
  /** X2: the reconsideration body and the court. */
  remedies: { reconsiderationBody: string; court: string };
  agencyName: string;
  sealName: string;
  /** The date of the decision (YYYY-MM-DD). */
  date: string;
};

export type DecisionCheck =
  | { ok: true }
  | { ok: false; code: "DOCUMENT_INCOMPLETE"; ruleId: "X1"; message: string; missing: string[] };

const blank = (s: string | undefined) => !s || s.trim().length === 0;

/** Names of the X1/X2 items, in the order of APL art. 59. */
export const decisionItems = {
  partyName: "当事人姓名或者名称",
  partyAddress: "当事人地址",
  facts: "违反法律、法规、规章的事实",
  evidence: "证据",
  penalty: "行政处罚的种类",
  legalBasis: "行政处罚的依据",
  compliance: "行政处罚的履行方式和期限",
  reconsiderationBody: "申请行政复议的途径（复议机关）（X2）",
  court: "提起行政诉讼的途径（人民法院）（X2）",
  agencyName: "作出行政处罚决定的行政机关名称",
  date: "作出决定的日期",
  seal: "行政机关印章",
} as const;

export function penaltyIsEmpty(p: Penalty | undefined): boolean {
  return !p || (!p.warning && !(p.fineFen ?? 0) && !(p.confiscationFen ?? 0) && !(p.kinds ?? []).length);
}

/**
 * X1: every item a penalty decision document must carry; refuses with DOCUMENT_INCOMPLETE naming
 * each missing item (and the X2 remedy information).
 */
export function checkDecisionDocument(input: DecisionDocumentInput): DecisionCheck {
  const missing: string[] = [];
  const need = (cond: boolean, item: keyof typeof decisionItems) => {
    if (cond) missing.push(decisionItems[item]);
  };
  need(blank(input.party.name), "partyName");
  need(blank(input.party.address), "partyAddress");
  need(blank(input.facts), "facts");
  // The on-the-spot form (APL art. 52) states the act, not the evidence.
  need(input.procedure === "general" && input.evidence.filter((e) => !blank(e)).length === 0, "evidence");
  need(penaltyIsEmpty(input.penalty), "penalty");
  need(blank(input.legalBasis), "legalBasis");
  need(blank(input.compliance), "compliance");
  need(blank(input.remedies.reconsiderationBody), "reconsiderationBody");
  need(blank(input.remedies.court), "court");
  need(blank(input.agencyName), "agencyName");
  need(!/^\d{4}-\d{2}-\d{2}$/.test(input.date), "date");
  need(blank(input.sealName), "seal");
  if (missing.length === 0) return { ok: true };
  return {
    ok: false,
    code: "DOCUMENT_INCOMPLETE",
    ruleId: "X1",
    message: `行政处罚决定书缺少法定内容：${missing.join("、")}（X1，《行政处罚法》第五十九条）`,
    missing,
  };
}

export const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

export const penaltyKindNames: Record<string, string> = {
  licence_revocation: "吊销许可证件",
  qualification_lowering: "降低资质等级",
  suspension_of_business: "责令停产停业",
  closure: "责令关闭",
  profession_restriction: "限制从业",
  other_heavier: "其他较重的行政处罚",
};

/** The penalty in words: 警告；罚款人民币 1000.00 元；… */
export function describePenalty(p: Penalty | undefined): string {
  if (!p) return "";
  const parts: string[] = [];
  if (p.warning) parts.push("警告");
  if (p.fineFen) parts.push(`罚款人民币 ${yuan(p.fineFen)} 元`);
  if (p.confiscationFen) parts.push(`没收违法所得人民币 ${yuan(p.confiscationFen)} 元`);
  for (const k of p.kinds ?? []) parts.push(penaltyKindNames[k] ?? k);
  return parts.join("；");
}

/** X4: how and by when a fine is paid (罚缴分离, 15 days of receipt); other penalties take effect on service. */
export function complianceText(p: Penalty | undefined): string {
  if (penaltyIsEmpty(p)) return "";
  const money = (p?.fineFen ?? 0) + (p?.confiscationFen ?? 0);
  const lines: string[] = [];
  if (money > 0)
    lines.push(
      `当事人应当自收到本决定书之日起${paymentPeriodDays}日内，到指定的银行或者通过电子支付系统缴纳罚没款（共计人民币 ${yuan(money)} 元）。逾期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《行政处罚法》第六十七条、第七十二条）。`,
    );
  const other = (p?.kinds ?? []).length > 0 || p?.warning;
  if (other) lines.push("其他处罚自本决定书送达之日起执行。");
  return lines.join("");
}

/** X2: the remedies paragraph (on-the-spot decisions: reconsideration first, ARL art. 23). */
export function remediesText(
  procedure: "general" | "simple",
  r: { reconsiderationBody: string; court: string },
): string {
  if (procedure === "simple")
    return `当事人对本决定不服的，应当自收到本决定书之日起${reconsiderationDays}日内先向${r.reconsiderationBody}申请行政复议（《行政复议法》第二十条、第二十三条）；对行政复议决定不服的，可以自收到行政复议决定书之日起${litigationAfterReconsiderationDays}日内向${r.court}提起行政诉讼（《行政诉讼法》第四十五条）。`;
  return `当事人对本决定不服的，可以自收到本决定书之日起${reconsiderationDays}日内向${r.reconsiderationBody}申请行政复议（《行政复议法》第二十条），或者在${litigationMonths}个月内直接向${r.court}提起行政诉讼（《行政诉讼法》第四十六条）；对行政复议决定不服的，可以自收到行政复议决定书之日起${litigationAfterReconsiderationDays}日内提起行政诉讼（《行政诉讼法》第四十五条）。行政复议或者行政诉讼期间，本决定不停止执行，法律另有规定的除外。`;
}
