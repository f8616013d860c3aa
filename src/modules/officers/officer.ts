import { z } from "zod";

/**
 * Officers and certificates (C04, O1, O2, C2): pure domain — types, input schemas and the one
 * rule that answers "may this person carry out this enforcement act on this date?".
 * Dates of law are "YYYY-MM-DD" strings (they compare as strings).
 */

export const certificateStatuses = {
  valid: "有效",
  suspended: "暂扣",
  revoked: "已收回",
  expired: "已过期",
  replaced: "已换发",
  not_yet_valid: "未生效",
} as const;
export type CertificateStatus = keyof typeof certificateStatuses;

export const certificateEventKinds = ["suspended", "reinstated", "revoked", "replaced"] as const;
export type CertificateEventKind = (typeof certificateEventKinds)[number];

export const reviewOutcomes = { passed: "合格", failed: "不合格" } as const;
export type ReviewOutcome = keyof typeof reviewOutcomes;

export type CertificateEvent = { kind: CertificateEventKind; effectiveOn: string; recordedAt?: Date };

export type CertificateRecord = {
  id: string;
  number: string;
  fields: string[];
  issuedOn: string;
  expiresOn: string;
  events: CertificateEvent[];
};

/** What mayEnforce needs to know about a person (null/undefined: no officer profile at all). */
export type OfficerRecord = {
  displayName: string;
  enforcementPost: boolean;
  certificates: CertificateRecord[];
};

/** Calendar-correct date check (rejects 2026-02-30). */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const lawDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD")
  .refine(isCalendarDate, "日期不存在");

/** The calendar date (China Standard Time, UTC+8) of an instant. */
export function dateOf(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** The day before the same date `years` later (validity period, O2): 2026-03-01 + 5 → 2031-02-28. */
export function expiryFor(issuedOn: string, years: number): string {
  const d = new Date(`${issuedOn}T00:00:00Z`);
  const y = d.getUTCFullYear() + years;
  const m = d.getUTCMonth();
  const day = Math.min(d.getUTCDate(), new Date(Date.UTC(y, m + 1, 0)).getUTCDate());
  const end = new Date(Date.UTC(y, m, day) - 86_400_000);
  return end.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The status of a certificate on a date: events take effect from their date; the certificate is
 * valid from issuedOn to expiresOn inclusive. Revoked and replaced are final; a suspension lasts
 * until a reinstatement.
 */
export function certificateStatusOn(c: CertificateRecord, date: string): CertificateStatus {
  if (date < c.issuedOn) return "not_yet_valid";
  const events = c.events
    .filter((e) => e.effectiveOn <= date)
    .sort(
      (a, b) =>
        a.effectiveOn.localeCompare(b.effectiveOn) ||
        (a.recordedAt?.getTime() ?? 0) - (b.recordedAt?.getTime() ?? 0),
    );
  if (events.some((e) => e.kind === "revoked")) return "revoked";
  if (events.some((e) => e.kind === "replaced")) return "replaced";
  let suspended = false;
  for (const e of events) {
    if (e.kind === "suspended") suspended = true;
    if (e.kind === "reinstated") suspended = false;
  }
  if (suspended) return "suspended";
  if (date > c.expiresOn) return "expired";
  return "valid";
}

export type MayEnforce = { ok: true; certificate: CertificateRecord } | { ok: false; reason: string };

/**
 * O1, C2: may this person carry out an enforcement act in `field` on `date`? Refuses a missing
 * profile or certificate, and a certificate that is expired, suspended, revoked (or replaced, or
 * not yet valid) on that date, or that does not cover the field.
 */
export function mayEnforce(
  officer: OfficerRecord | null | undefined,
  act: { field: string; date: string },
): MayEnforce {
  if (!officer) return { ok: false, reason: "没有执法人员档案，不能从事执法活动（O1）" };
  const who = officer.displayName;
  if (officer.certificates.length === 0)
    return { ok: false, reason: `${who}未持有行政执法证件，不能从事执法活动（O1）` };
  const valid = officer.certificates.filter((c) => certificateStatusOn(c, act.date) === "valid");
  const covering = valid.find((c) => c.fields.includes(act.field));
  if (covering) return { ok: true, certificate: covering };
  if (valid.length > 0) {
    return {
      ok: false,
      reason: `${who}的执法证（${valid.map((c) => c.number).join("、")}）执法领域为「${valid[0]!.fields.join("、")}」，不包括「${act.field}」（O1）`,
    };
  }
  // No valid certificate on that date: explain with the most recent one issued by then.
  const issued = officer.certificates
    .filter((c) => c.issuedOn <= act.date)
    .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
  const latest = issued[0];
  if (!latest) return { ok: false, reason: `${who}在 ${act.date} 尚未取得执法证（O1）` };
  const status = certificateStatusOn(latest, act.date);
  const because: Record<Exclude<CertificateStatus, "valid">, string> = {
    expired: `已于 ${latest.expiresOn} 到期`,
    suspended: "已被暂扣",
    revoked: "已被收回（注销）",
    replaced: "已换发新证，旧证不再使用",
    not_yet_valid: "尚未生效",
  };
  return {
    ok: false,
    reason: `${who}的执法证 ${latest.number} 在 ${act.date} ${because[status as Exclude<CertificateStatus, "valid">]}，不能从事执法活动（O1）`,
  };
}

// ── Inputs ──────────────────────────────────────────────────────────────────────────────────

const text = (max: number) => z.string().trim().max(max);
const fieldList = z.array(text(50).min(1)).min(1, "至少填写一个执法领域").max(30);

export const createOfficerInput = z.strictObject({
  userId: z.uuid(),
  agencyId: z.uuid(),
  post: text(50).min(1),
  enforcementPost: z.boolean(),
  staffNo: text(30).default(""),
  gender: z.enum(["", "男", "女"]).default(""),
  staffKind: text(30).default(""),
  legalQualificationNo: text(40).min(1).nullable().default(null),
  legalQualificationDate: lawDate.nullable().default(null),
  /** Since when the person holds the post (first row of the rotation history); default today. */
  postSince: lawDate.optional(),
});
export type CreateOfficerInput = z.infer<typeof createOfficerInput>;

export const updateOfficerInput = z.strictObject({
  version: z.number().int().min(1),
  staffNo: text(30).optional(),
  gender: z.enum(["", "男", "女"]).optional(),
  staffKind: text(30).optional(),
  legalQualificationNo: text(40).min(1).nullable().optional(),
  legalQualificationDate: lawDate.nullable().optional(),
});
export type UpdateOfficerInput = z.infer<typeof updateOfficerInput>;

export const rotateOfficerInput = z.strictObject({
  agencyId: z.uuid(),
  post: text(50).min(1),
  enforcementPost: z.boolean(),
  effectiveOn: lawDate,
  reason: text(200).min(1),
});
export type RotateOfficerInput = z.infer<typeof rotateOfficerInput>;

export const issueCertificateInput = z.strictObject({
  number: text(40).min(4),
  issuingBody: text(100).min(2),
  fields: fieldList,
  issuedOn: lawDate,
  /** Default: issuedOn + setting certificate.validityYears (O2). */
  expiresOn: lawDate.optional(),
});
export type IssueCertificateInput = z.infer<typeof issueCertificateInput>;

export const renewCertificateInput = issueCertificateInput.extend({ fields: fieldList.optional() });
export type RenewCertificateInput = z.infer<typeof renewCertificateInput>;

export const certificateEventInput = z.strictObject({
  effectiveOn: lawDate,
  reason: text(200).min(1),
});
export type CertificateEventInput = z.infer<typeof certificateEventInput>;

export const annualReviewInput = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  reviewedOn: lawDate,
  outcome: z.enum(["passed", "failed"]),
  note: text(500).default(""),
});
export type AnnualReviewInput = z.infer<typeof annualReviewInput>;

// ── Views ───────────────────────────────────────────────────────────────────────────────────

export const certificateView = z.object({
  id: z.string(),
  number: z.string(),
  issuingBody: z.string(),
  fields: z.array(z.string()),
  issuedOn: z.string(),
  expiresOn: z.string(),
  replacesId: z.string().nullable(),
  status: z.enum(Object.keys(certificateStatuses) as [CertificateStatus, ...CertificateStatus[]]),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      effectiveOn: z.string(),
      reason: z.string(),
      recordedAt: z.date(),
    }),
  ),
  reviews: z.array(
    z.object({
      id: z.string(),
      year: z.number(),
      reviewedOn: z.string(),
      outcome: z.string(),
      note: z.string(),
      recordedAt: z.date(),
    }),
  ),
});
export type CertificateView = z.infer<typeof certificateView>;

export const officerSummaryView = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  post: z.string(),
  enforcementPost: z.boolean(),
  staffNo: z.string(),
  gender: z.string(),
  staffKind: z.string(),
  legalQualificationNo: z.string().nullable(),
  legalQualificationDate: z.string().nullable(),
  version: z.number(),
  /** The certificate in use: the newest one not replaced (null: none). */
  certificateNumber: z.string().nullable(),
  certificateStatus: z.string().nullable(),
  certificateExpiresOn: z.string().nullable(),
  certificateFields: z.array(z.string()),
});
export type OfficerSummary = z.infer<typeof officerSummaryView>;

export const officerDetailView = officerSummaryView.extend({
  certificates: z.array(certificateView),
  rotations: z.array(
    z.object({
      id: z.string(),
      fromAgencyName: z.string().nullable(),
      toAgencyName: z.string(),
      fromPost: z.string().nullable(),
      toPost: z.string(),
      enforcementPost: z.boolean(),
      effectiveOn: z.string(),
      reason: z.string(),
      recordedAt: z.date(),
    }),
  ),
  training: z.array(z.object({ year: z.number(), hours: z.number(), requiredHours: z.number() })),
});
export type OfficerDetail = z.infer<typeof officerDetailView>;

/** The certificate shown for an officer: the newest (by issue date) that was not replaced. */
export function currentCertificate<T extends CertificateRecord>(certs: T[], date: string): T | undefined {
  return [...certs]
    .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn))
    .find((c) => certificateStatusOn(c, date) !== "replaced");
}
