import { z } from "zod";
import { lawDate } from "../officers/officer.ts";

/** Training (C04, O2): plans, sessions, attendance, exams and the trainer pool. Pure domain. */
export const sessionKinds = {
  initial: "初任培训",
  on_post: "在岗培训",
  specialised: "专项培训",
  rotation: "轮岗培训",
} as const;
export type SessionKind = keyof typeof sessionKinds;
export const sessionKindCodes = Object.keys(sessionKinds) as [SessionKind, ...SessionKind[]];

export const trainerKinds = { internal: "内部师资", external: "外部师资" } as const;

const text = (max: number) => z.string().trim().max(max);

export const createPlanInput = z.strictObject({
  agencyId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  title: text(100).min(2),
  note: text(1000).default(""),
});
export type CreatePlanInput = z.infer<typeof createPlanInput>;

export const createSessionInput = z.strictObject({
  title: text(100).min(2),
  kind: z.enum(sessionKindCodes),
  online: z.boolean(),
  heldOn: lawDate,
  hours: z.number().int().min(1).max(200),
  field: text(50).default(""),
  trainerId: z.uuid().nullable().default(null),
});
export type CreateSessionInput = z.infer<typeof createSessionInput>;

export const attendanceInput = z.strictObject({
  officerIds: z.array(z.uuid()).min(1).max(500),
  /** Hours credited to each (default: the session's hours). */
  hours: z.number().int().min(1).max(200).optional(),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

export const createExamInput = z.strictObject({
  title: text(100).min(2),
  heldOn: lawDate,
  /** Default: setting training.examPassMark (O2). */
  passMark: z.number().int().min(0).max(100).optional(),
});
export type CreateExamInput = z.infer<typeof createExamInput>;

export const examResultsInput = z.strictObject({
  results: z
    .array(
      z.strictObject({
        officerId: z.uuid(),
        /** null: absent (缺考). */
        score: z.number().int().min(0).max(100).nullable(),
      }),
    )
    .min(1)
    .max(500),
});
export type ExamResultsInput = z.infer<typeof examResultsInput>;

export const createTrainerInput = z.strictObject({
  agencyId: z.uuid(),
  name: text(50).min(1),
  kind: z.enum(["internal", "external"]),
  organisation: text(100).default(""),
  field: text(50).min(1),
  rating: z.number().int().min(1).max(5),
});
export type CreateTrainerInput = z.infer<typeof createTrainerInput>;

export const passed = (score: number | null, passMark: number): boolean =>
  score !== null && score >= passMark;

/** Exam figures: participation = sat ÷ candidates, pass rate = passed ÷ sat (percent, 1 decimal). */
export function examFigures(results: { score: number | null; passMark: number }[]) {
  const candidates = results.length;
  const sat = results.filter((r) => r.score !== null).length;
  const pass = results.filter((r) => passed(r.score, r.passMark)).length;
  return {
    candidates,
    sat,
    passed: pass,
    participationPercent: percent(sat, candidates),
    passPercent: percent(pass, sat),
  };
}

/** A ratio in percent with one decimal (null when the denominator is 0). */
export function percent(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n * 1000) / d) / 10;
}

export const planView = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  year: z.number(),
  title: z.string(),
  note: z.string(),
  sessionCount: z.number(),
  totalHours: z.number(),
  examCount: z.number(),
  createdAt: z.date(),
  version: z.number(),
  withdrawnAt: z.date().nullable(),
  withdrawnReason: z.string().nullable(),
});

export const sessionView = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  kind: z.string(),
  online: z.boolean(),
  heldOn: z.string(),
  hours: z.number(),
  field: z.string(),
  trainerId: z.string().nullable(),
  trainerName: z.string().nullable(),
  version: z.number(),
  withdrawnAt: z.date().nullable(),
  withdrawnReason: z.string().nullable(),
  attendees: z.array(z.object({ officerId: z.string(), displayName: z.string(), hours: z.number() })),
});

export const examView = z.object({
  id: z.string(),
  planId: z.string(),
  title: z.string(),
  heldOn: z.string(),
  passMark: z.number(),
  version: z.number(),
  withdrawnAt: z.date().nullable(),
  withdrawnReason: z.string().nullable(),
  results: z.array(
    z.object({
      officerId: z.string(),
      displayName: z.string(),
      score: z.number().nullable(),
      passed: z.boolean(),
    }),
  ),
  candidates: z.number(),
  sat: z.number(),
  passed: z.number(),
  participationPercent: z.number().nullable(),
  passPercent: z.number().nullable(),
});

export const planDetailView = planView.extend({ sessions: z.array(sessionView), exams: z.array(examView) });
export type PlanDetail = z.infer<typeof planDetailView>;

export const trainerView = z.object({
  id: z.string(),
  agencyId: z.string(),
  name: z.string(),
  kind: z.string(),
  organisation: z.string(),
  field: z.string(),
  rating: z.number(),
  createdAt: z.date(),
});

// ── Changes (legal records are append-only: a change is a new version with a revision row) ──

const reason = text(500).min(2, "请填写原因");

export const updatePlanInput = z.strictObject({
  version: z.number().int().min(1),
  title: text(100).min(2).optional(),
  note: text(1000).optional(),
  reason: reason.optional(),
});
export type UpdatePlanInput = z.infer<typeof updatePlanInput>;

export const updateSessionInput = z.strictObject({
  version: z.number().int().min(1),
  title: text(100).min(2).optional(),
  kind: z.enum(sessionKindCodes).optional(),
  online: z.boolean().optional(),
  heldOn: lawDate.optional(),
  hours: z.number().int().min(1).max(200).optional(),
  field: text(50).optional(),
  trainerId: z.uuid().nullable().optional(),
  reason: reason.optional(),
});
export type UpdateSessionInput = z.infer<typeof updateSessionInput>;

export const updateExamInput = z.strictObject({
  version: z.number().int().min(1),
  title: text(100).min(2).optional(),
  heldOn: lawDate.optional(),
  passMark: z.number().int().min(0).max(100).optional(),
  reason: reason.optional(),
});
export type UpdateExamInput = z.infer<typeof updateExamInput>;

export const withdrawInput = z.strictObject({ version: z.number().int().min(1), reason });
export type WithdrawInput = z.infer<typeof withdrawInput>;

/** A correction of one officer's attendance (hours 0: did not attend) — a new row, the old one kept. */
export const correctAttendanceInput = z.strictObject({
  officerId: z.uuid(),
  hours: z.number().int().min(0).max(200),
  note: reason,
});
export type CorrectAttendanceInput = z.infer<typeof correctAttendanceInput>;

export const correctResultInput = z.strictObject({
  officerId: z.uuid(),
  score: z.number().int().min(0).max(100).nullable(),
  note: reason,
});
export type CorrectResultInput = z.infer<typeof correctResultInput>;

export const trainingTargetKinds = { plan: "培训计划", session: "培训课程", exam: "考试" } as const;
export type TrainingTargetKind = keyof typeof trainingTargetKinds;
