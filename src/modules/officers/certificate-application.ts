import { z } from "zod";
import { issueCertificateInput } from "./officer.ts";

/**
 * Certificate applications (申领, O2): a certificate is issued after training and an exam, to a
 * person in an enforcement post (seed 004: "对申领行政执法证件的人员从严把关"). Pure: the
 * conditions as data, checked by `applicationShortfalls`.
 */

export type ApplicationFacts = {
  enforcementPost: boolean;
  /** Number of a valid or suspended certificate the person already holds. */
  liveCertificate: string | null;
  year: number;
  hours: number;
  /** O2: setting training.yearlyHours of the managing bureau. */
  requiredHours: number;
  /** The best exam result in force (null: none passed or taken). */
  exam: { score: number; passMark: number } | null;
};

/** What keeps an application from being filed or approved (empty: eligible). Rule O2. */
export function applicationShortfalls(f: ApplicationFacts): string[] {
  const out: string[] = [];
  if (!f.enforcementPost) out.push("该人员不在执法岗位（O2）");
  if (f.liveCertificate) out.push(`该人员已持有执法证 ${f.liveCertificate}，如需换发请使用“换发”`);
  if (f.hours < f.requiredHours)
    out.push(`${f.year} 年培训学时 ${f.hours}，未达到规定的 ${f.requiredHours} 学时（O2）`);
  if (!f.exam) out.push("没有通过执法资格考试的成绩（O2）");
  else if (f.exam.score < f.exam.passMark)
    out.push(`考试成绩 ${f.exam.score} 分，未达到合格分 ${f.exam.passMark} 分（O2）`);
  return out;
}

const text = (max: number) => z.string().trim().max(max);

export const applyCertificateInput = z.strictObject({
  fields: z.array(text(50).min(1)).min(1, "至少填写一个执法领域").max(30),
  note: text(500).default(""),
});
export type ApplyCertificateInput = z.infer<typeof applyCertificateInput>;

/** Approval issues the certificate (number, issuing body, dates; the fields come from the application). */
export const decideApplicationInput = z.discriminatedUnion("outcome", [
  z.strictObject({
    outcome: z.literal("approved"),
    note: text(500).default(""),
    certificate: issueCertificateInput.omit({ fields: true }),
  }),
  z.strictObject({ outcome: z.literal("rejected"), note: text(500).min(2, "请填写不予批准的理由") }),
]);
export type DecideApplicationInput = z.infer<typeof decideApplicationInput>;

export const applicationStatuses = { pending: "待审批", approved: "已批准", rejected: "不予批准" } as const;

export const applicationView = z.object({
  id: z.string(),
  officerId: z.string(),
  agencyId: z.string(),
  fields: z.array(z.string()),
  note: z.string(),
  trainingYear: z.number(),
  trainingHours: z.number(),
  requiredHours: z.number(),
  examScore: z.number().nullable(),
  appliedBy: z.string().nullable(),
  appliedAt: z.date(),
  status: z.enum(["pending", "approved", "rejected"]),
  decision: z
    .object({
      outcome: z.string(),
      note: z.string(),
      certificateId: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: z.date(),
    })
    .nullable(),
});
export type ApplicationView = z.infer<typeof applicationView>;
