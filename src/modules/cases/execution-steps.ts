import { z } from "zod";
import { lawDate } from "../officers/officer.ts";
import { changeOfficers } from "./change-steps.ts";
import { approvers, handlers, L5, none, note, type Transition } from "./transition.ts";

/** X3 (APL art. 61): how a decision reaches the party. */
export const serviceMethods = {
  on_the_spot: "直接送达",
  post: "邮寄送达",
  leaving: "留置送达",
  public_notice: "公告送达",
  electronic: "电子送达（经当事人书面同意）",
} as const;
export type ServiceMethod = keyof typeof serviceMethods;

const money = z.number().int().min(0).max(1_000_000_000_000);

/**
 * Service and execution (送达与执行) as data, shared by the general and simple procedures:
 * service (X3), payment within 15 days (X4), late-payment penalty (X5, computed by the server from
 * the payments recorded), deferral and instalments (X6), the written reminder (K5), the court
 * enforcement application (K7), the transfer of a suspected crime (P15), closing and archiving.
 */
export const executionSteps: Transition[] = [
  {
    from: "decided",
    event: "serve",
    label: "送达决定书（送达回证）",
    to: "served",
    roles: handlers,
    guards: [L5, { ruleId: "X3", check: "serviceMethod" }],
    data: z.strictObject({
      method: z.enum(Object.keys(serviceMethods) as [ServiceMethod, ...ServiceMethod[]]),
      receipt: note(500),
      /** X3: electronic service only with the party's signed consent (确认书). */
      consent: note(500).optional(),
      /** Public notice only when the other methods failed: what was tried. */
      attempts: note(1000).optional(),
    }),
    opens: ["payment"],
    closes: ["service"],
    documents: ["送达回证"],
    recording: "service",
  },
  {
    from: "decided",
    event: "transfer_out",
    label: "移送司法机关（批准后 24 小时内移送）",
    to: "executed",
    roles: handlers,
    guards: [{ ruleId: "P15", check: "transferDecided" }],
    data: z.strictObject({ organ: note(200), receipt: note(500) }),
    closes: ["service"],
    documents: ["涉嫌犯罪案件移送书", "移送材料清单"],
  },
  {
    from: "served",
    event: "approve_deferral",
    label: "批准延期缴纳罚款",
    to: "served",
    roles: approvers,
    guards: [
      { ruleId: "X6", check: "finePayable" },
      { ruleId: "X6", check: "deferralLater" },
    ],
    data: z.strictObject({ dueOn: lawDate, reason: note(2000) }),
    opens: ["payment"],
    documents: ["延期缴纳罚款批准书"],
  },
  {
    from: "served",
    event: "approve_instalments",
    label: "批准分期缴纳罚款",
    to: "served",
    roles: approvers,
    guards: [
      { ruleId: "X6", check: "finePayable" },
      { ruleId: "X6", check: "deferralLater" },
    ],
    data: z.strictObject({
      count: z.number().int().min(2).max(36),
      firstDueOn: lawDate,
      intervalMonths: z.number().int().min(1).max(12).default(1),
      reason: note(2000),
    }),
    opens: ["payment"],
    documents: ["分期缴纳罚款批准书"],
  },
  {
    from: "served",
    event: "record_payment",
    label: "登记缴款（部分或分期）",
    to: "served",
    roles: handlers,
    guards: [{ ruleId: "X4", check: "finePayable" }],
    data: z.strictObject({ paidFen: money.min(1), receipt: note(200) }),
    opens: ["payment"],
  },
  {
    from: "served",
    event: "remind",
    label: "催告履行（催告书）",
    to: "served",
    roles: handlers,
    guards: [{ ruleId: "K5", check: "paymentOverdue" }],
    data: z.strictObject({ note: z.string().trim().max(2000).default("") }),
    opens: ["court_application"],
    documents: ["催告书"],
  },
  {
    from: "served",
    event: "apply_court_enforcement",
    label: "申请人民法院强制执行",
    to: "enforcement_applied",
    roles: approvers,
    guards: [{ ruleId: "K7", check: "courtWindow" }],
    data: z.strictObject({ court: note(200), note: z.string().trim().max(2000).default("") }),
    closes: ["court_application"],
    documents: ["强制执行申请书"],
  },
  ...(["served", "enforcement_applied"] as const).map(
    (from): Transition => ({
      from,
      event: "record_execution",
      label: "执行完毕（缴款凭证）",
      to: "executed",
      roles: handlers,
      guards: [{ ruleId: "X5", check: "paidInFull" }],
      data: z.strictObject({
        paidFen: money,
        note: z.string().trim().max(2000).default(""),
      }),
      closes: ["payment", "court_application"],
    }),
  ),
  // X7: confiscated goods destroyed or auctioned under state rules, proceeds to the treasury.
  ...(["decided", "served", "enforcement_applied", "executed"] as const).map(
    (from): Transition => ({
      from,
      event: "dispose_items",
      label: "处置没收物品（销毁或拍卖，款项上缴国库）",
      to: from,
      roles: approvers,
      guards: [{ ruleId: "X7", check: "itemsDisposable" }],
      data: z
        .strictObject({
          itemNos: z.array(z.number().int().min(1)).min(1).max(200),
          disposal: z.enum(["destroy", "auction"]),
          proceedsFen: money.optional(),
          note: note(2000),
        })
        .refine((v) => v.disposal !== "auction" || v.proceedsFen !== undefined, {
          message: "拍卖的，须登记上缴国库的款项（X7）",
          path: ["proceedsFen"],
        }),
      documents: ["罚没物品处置记录"],
    }),
  ),
  // C2: change of officers until the case is closed.
  ...(["decided", "served", "enforcement_applied", "executed"] as const).map(changeOfficers),
  {
    from: "executed",
    event: "close",
    label: "批准结案（结案报告）",
    to: "closed",
    roles: approvers,
    guards: [],
    data: z.strictObject({ report: note() }),
    closes: "all",
    documents: ["结案报告"],
  },
  {
    from: "closed",
    event: "archive",
    label: "归档",
    to: "archived",
    roles: approvers,
    guards: [],
    data: none,
  },
];
