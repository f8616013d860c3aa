import { z } from "zod";
import { AppError } from "../../core/errors.ts";

/**
 * L5: the actions that need audio-video recording. "full" = the whole action must be recorded
 * (the step refuses itself without an audio or video file); "as_needed" = recorded when the
 * situation calls for it (listed for the officers, not enforced).
 */
export const recordingLevels = { full: "全过程音像记录", as_needed: "根据需要音像记录" } as const;
export type RecordingLevel = keyof typeof recordingLevels;

export type RecordingItem = { action: string; label: string; level: RecordingLevel };

/** The defaults of rule L5 (inherited by every agency that defines no list of its own). */
export const defaultRecordingList: RecordingItem[] = [
  { action: "seal_seize", label: "查封、扣押财物", level: "full" },
  { action: "forced_demolition", label: "强制拆除", level: "full" },
  {
    action: "onsite_major_rights",
    label: "直接涉及人身自由、生命健康、重大财产权益的现场执法",
    level: "full",
  },
  { action: "onsite_inspection", label: "现场检查", level: "as_needed" },
  { action: "random_inspection", label: "随机抽查", level: "as_needed" },
  { action: "evidence_collection", label: "调查取证", level: "as_needed" },
  { action: "evidence_preservation", label: "先行登记保存", level: "as_needed" },
  { action: "hearing", label: "听证", level: "as_needed" },
  { action: "compulsory_measure", label: "行政强制措施", level: "as_needed" },
  { action: "service_leaving", label: "留置送达", level: "as_needed" },
  { action: "service_public_notice", label: "公告送达", level: "as_needed" },
];

export const recordingItemInput = z.strictObject({
  action: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,63}$/, "事项代码为小写字母、数字和下划线"),
  label: z.string().trim().min(1).max(100),
  level: z.enum(["full", "as_needed"]),
});

export const changeRecordingListInput = z
  .strictObject({
    /** true: drop the agency's own list and follow the parent's again. */
    inherit: z.boolean().default(false),
    items: z.array(recordingItemInput).max(200).default([]),
    reason: z.string().trim().min(1).max(500),
  })
  .refine((v) => new Set(v.items.map((i) => i.action)).size === v.items.length, {
    message: "事项代码不能重复",
    path: ["items"],
  });
export type ChangeRecordingListInput = z.input<typeof changeRecordingListInput>;

/** The kinds of evidence that count as an audio-video record. */
export const audioVideoKinds = ["audio", "video"] as const;

/**
 * Refuses a step whose action needs full-process recording (L5) when no audio or video evidence
 * of that case and action is on file. Actions recorded "as needed", or not on the list, pass.
 */
export function requireRecording(
  list: RecordingItem[],
  action: string,
  evidence: { kind: string; action: string | null }[],
): void {
  const item = list.find((i) => i.action === action);
  if (item?.level !== "full") return;
  const recorded = evidence.some(
    (e) => e.action === action && (audioVideoKinds as readonly string[]).includes(e.kind),
  );
  if (!recorded)
    throw new AppError(
      "RECORDING_REQUIRED",
      `“${item.label}”须全过程音像记录（L5），本案尚无该环节的录音或录像，请先上传`,
    );
}
