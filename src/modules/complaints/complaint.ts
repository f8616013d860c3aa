import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { canonicalJson } from "../ledger/canonical-json.ts";
import { lawDate } from "../officers/officer.ts";

/**
 * Complaints (投诉举报) and the other sources of leads (issue 8). Seed 000 (4)1: 有案必立、立案必查,
 * with complaints, patrols and supervisors' assignments as sources; seed 001 item 20(4)
 * (first-responder responsibility, transfer with the final unit answering), item 25 (public
 * channels, confidentiality, answers to named reporters, written transfer with notice) and item 26.
 */

/** Where a lead came from (every lead records its source). */
export const complaintSources = {
  public_web: "网上投诉举报",
  phone: "来电",
  letter: "来信",
  visit: "来访",
  patrol: "巡查发现",
  assignment: "上级交办",
  transfer_in: "其他部门移送",
} as const;
export type ComplaintSource = keyof typeof complaintSources;
export const complaintSourceCodes = Object.keys(complaintSources) as [ComplaintSource, ...ComplaintSource[]];
/** Sources a case-centre clerk enters at the desk. */
export const deskSources = ["phone", "letter", "visit", "transfer_in"] as const;

/** Categories the public chooses from, with the enforcement field that handles them ("" = the clerk decides). */
export const complaintCategories = {
  street_vending: { name: "占道经营", field: "市容环境卫生" },
  litter: { name: "乱堆乱放、暴露垃圾", field: "市容环境卫生" },
  advertising: { name: "违规户外广告", field: "市容环境卫生" },
  cooking_fumes: { name: "餐饮油烟", field: "市容环境卫生" },
  illegal_building: { name: "违法建设", field: "城乡规划" },
  municipal_facility: { name: "损坏市政设施", field: "市政公用" },
  greenery: { name: "损毁绿化", field: "园林绿化" },
  other: { name: "其他", field: "" },
} as const;
export type ComplaintCategory = keyof typeof complaintCategories;
export const complaintCategoryCodes = Object.keys(complaintCategories) as [
  ComplaintCategory,
  ...ComplaintCategory[],
];

export const complaintStates = {
  received: "待分派",
  dispatched: "待受理",
  accepted: "办理中",
  verified: "已核实",
  linked: "已转案件线索",
  closed: "已办结",
  transferred: "已移送其他部门",
  merged: "已合并办理",
  reopened: "重新办理",
} as const;
export type ComplaintState = keyof typeof complaintStates;
export const complaintStateCodes = Object.keys(complaintStates) as [ComplaintState, ...ComplaintState[]];

/** Reasons to close a complaint without (or after) a case. */
export const closeReasons = {
  outside_powers: "不属于本机关职权范围",
  no_violation: "经核实不存在违法行为",
  duplicate: "重复投诉举报",
  handled: "已依法处理完毕",
} as const;
export type CloseReason = keyof typeof closeReasons;
export const closeReasonCodes = Object.keys(closeReasons) as [CloseReason, ...CloseReason[]];

/** Who acts on a step: the unit owning the complaint, or the unit it was dispatched to. */
export type StepAt = "owner" | "pending";

/**
 * The staff steps of a complaint as data (a reader can check who does what from which state).
 * "answer" keeps the state. Public steps (rating, reopen request) are in rate-complaint.ts and
 * request-reopen.ts.
 */
export const complaintSteps = {
  dispatch: {
    label: "分派",
    from: ["received"],
    to: "dispatched",
    permission: "complaint.dispatch",
    at: "owner",
  },
  return: {
    label: "退回",
    from: ["dispatched"],
    to: "received",
    permission: "complaint.handle",
    at: "pending",
  },
  accept: {
    label: "受理",
    from: ["received", "dispatched"],
    to: "accepted",
    permission: "complaint.handle",
    at: "pending",
  },
  transfer: {
    label: "书面移送其他部门",
    from: ["received", "accepted", "verified", "reopened"],
    to: "transferred",
    permission: "complaint.handle",
    at: "owner",
  },
  verify: {
    label: "核实",
    from: ["accepted", "reopened"],
    to: "verified",
    permission: "complaint.handle",
    at: "owner",
  },
  link: {
    label: "转为案件线索",
    from: ["verified"],
    to: "linked",
    permission: "complaint.handle",
    at: "owner",
  },
  close: {
    label: "办结",
    from: ["accepted", "verified", "linked", "reopened"],
    to: "closed",
    permission: "complaint.handle",
    at: "owner",
  },
  answer: {
    label: "答复",
    from: ["verified", "linked", "closed"],
    to: null,
    permission: "complaint.handle",
    at: "owner",
  },
  merge: {
    label: "合并办理",
    from: ["received", "dispatched", "accepted", "verified"],
    to: "merged",
    permission: "complaint.handle",
    at: "owner",
  },
} as const satisfies Record<
  string,
  {
    label: string;
    from: readonly ComplaintState[];
    to: ComplaintState | null;
    permission: "complaint.dispatch" | "complaint.handle";
    at: StepAt;
  }
>;
export type ComplaintStep = keyof typeof complaintSteps;
export const complaintStepCodes = Object.keys(complaintSteps) as [ComplaintStep, ...ComplaintStep[]];

/** States in which a public rating or reopen request refers to a finished answer. */
export const answeredStates: readonly ComplaintState[] = [
  "verified",
  "linked",
  "closed",
  "transferred",
  "merged",
];
/** States still waiting for acceptance (the accept deadline runs). */
export const unacceptedStates: readonly ComplaintState[] = ["received", "dispatched"];

// ---------------------------------------------------------------------------------------------
// Tracking codes

/** Base32 without the look-alikes 0/O and 1/I: 32 symbols, 5 bits each. */
export const trackingAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const trackingCodeLength = 10;

/** A fresh, unguessable tracking code (50 random bits; 256 is a multiple of 32, so no bias). */
export function newTrackingCode(): string {
  const bytes = randomBytes(trackingCodeLength);
  let s = "";
  for (const b of bytes) s += trackingAlphabet[b & 31];
  return s;
}

/** What a person typed as a tracking code, cleaned (case, spaces, dashes); undefined if it cannot be one. */
export function cleanTrackingCode(input: string): string | undefined {
  const s = input.toUpperCase().replace(/[\s-]/g, "");
  if (s.length !== trackingCodeLength) return undefined;
  for (const ch of s) if (!trackingAlphabet.includes(ch)) return undefined;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Places and duplicates

/** The address without spaces, punctuation and case (同一地点 compares these). */
export function normaliseAddress(address: string): string {
  return address
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "")
    .replace(/(门前|门口|附近|旁边|旁|对面)$/u, "");
}

/** Great-circle distance in metres (haversine). */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const r = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(h)));
}

type Place = { normalisedAddress: string; latitude: number | null; longitude: number | null };

/**
 * Same place: within `metres` when both have coordinates, else the same normalised address.
 */
export function samePlace(a: Place, b: Place, metres: number): boolean {
  if (a.latitude !== null && a.longitude !== null && b.latitude !== null && b.longitude !== null)
    return (
      distanceMetres({ lat: a.latitude, lng: a.longitude }, { lat: b.latitude, lng: b.longitude }) <= metres
    );
  return a.normalisedAddress.length > 0 && a.normalisedAddress === b.normalisedAddress;
}

// ---------------------------------------------------------------------------------------------
// Dispatch

export type DispatchRule = { keyword: string; category: string; agencyId: string };
export type DispatchCandidate = { id: string; areas: string[]; fields: string[] };

/**
 * The unit proposed for a complaint: the most specific matching rule of the bureau (keyword and
 * category > keyword > category), else the one unit below the bureau whose area appears in the
 * address and whose fields include the complaint's field. Undefined: the clerk picks.
 */
export function proposeAgency(
  c: { placeAddress: string; category: string; field: string },
  rules: DispatchRule[],
  units: DispatchCandidate[],
): { agencyId: string; by: "rule" | "area" } | undefined {
  const score = (r: DispatchRule) =>
    (r.keyword && !c.placeAddress.includes(r.keyword)) || (r.category && r.category !== c.category)
      ? -1
      : (r.keyword ? 2 : 0) + (r.category ? 1 : 0);
  const best = rules
    .map((r) => ({ r, s: score(r) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s)[0];
  if (best) return { agencyId: best.r.agencyId, by: "rule" };
  const byArea = units.filter(
    (u) => u.areas.some((a) => a && c.placeAddress.includes(a)) && (!c.field || u.fields.includes(c.field)),
  );
  return byArea.length === 1 ? { agencyId: byArea[0]!.id, by: "area" } : undefined;
}

/** The area named in the address (the first of the units' areas found in it), or "". */
export function areaOf(address: string, areas: string[]): string {
  return areas.find((a) => a && address.includes(a)) ?? "";
}

// ---------------------------------------------------------------------------------------------
// Input

const text = (max: number) => z.string().trim().max(max);
/** Mainland mobile or landline (digits, dashes, optional +86). */
const phone = z
  .string()
  .trim()
  .regex(/^(\+?86[- ]?)?(1\d{10}|0\d{2,3}-?\d{7,8})$/, "请填写正确的手机号或固定电话");

const place = {
  category: z.enum(complaintCategoryCodes),
  address: text(200).min(2, "请填写地点"),
  latitude: z.coerce.number().min(-90).max(90).optional(),
  longitude: z.coerce.number().min(-180).max(180).optional(),
  description: text(2000).min(5, "请描述问题（至少 5 个字）"),
};

const reporter = z.strictObject({
  name: text(50).min(1, "请填写姓名"),
  phone,
  email: z.email("电子邮箱格式不正确").max(100).optional(),
});

const coords = (v: { latitude?: number; longitude?: number }) =>
  (v.latitude === undefined) === (v.longitude === undefined);
const coordsIssue = { message: "经纬度须同时填写", path: ["latitude"] };

/** The public form: anonymous, or named with a phone number (answers go to named reporters). */
export const publicComplaintInput = z
  .strictObject({
    bureauId: z.uuid(),
    ...place,
    anonymous: z.preprocess((v) => v === true || v === "true", z.boolean()),
    reporter: reporter.optional(),
  })
  .refine(coords, coordsIssue)
  .refine((v) => v.anonymous === !v.reporter, {
    message: "实名投诉须填写姓名和电话；匿名投诉不填写",
    path: ["reporter"],
  });
export type PublicComplaintInput = z.input<typeof publicComplaintInput>;

/** A lead entered by staff: a call, letter or visit; a transfer in; a patrol finding; an assignment. */
export const recordComplaintInput = z
  .strictObject({
    agencyId: z.uuid(),
    source: z.enum(["phone", "letter", "visit", "transfer_in", "patrol", "assignment"]),
    ...place,
    reporter: reporter.optional(),
    /** transfer_in: the department that sent it; assignment: the instruction. */
    fromDepartment: text(100).optional(),
    receivedOn: lawDate.optional(),
  })
  .refine(coords, coordsIssue)
  .refine((v) => v.source !== "transfer_in" || !!v.fromDepartment, {
    message: "请填写移送部门",
    path: ["fromDepartment"],
  })
  .refine((v) => !v.reporter || !["patrol", "assignment"].includes(v.source), {
    message: "巡查发现和上级交办没有举报人",
    path: ["reporter"],
  });
export type RecordComplaintInput = z.input<typeof recordComplaintInput>;

const version = z.number().int().min(1);
export const dispatchInput = z.strictObject({ version, agencyId: z.uuid(), note: text(500).default("") });
export const noteInput = z.strictObject({ version, note: text(500).default("") });
export const returnInput = z.strictObject({ version, reason: text(500).min(2, "请填写退回理由") });
export const transferInput = z.strictObject({
  version,
  department: text(100).min(2, "请填写接收部门"),
  reason: text(500).min(2, "请填写移送理由"),
});
export const verifyInput = z.strictObject({ version, findings: text(2000).min(2, "请填写核实情况") });
export const linkInput = z.strictObject({
  version,
  /** An existing case to link to; otherwise a new lead is opened with `lead`. */
  caseId: z.uuid().optional(),
  lead: z
    .strictObject({
      partyType: z.enum(["individual", "organisation"]).default("individual"),
      partyName: text(200).min(1).default("待查明"),
      /** The enforcement field; defaults to the category's field. */
      field: text(50).optional(),
      actOn: lawDate.optional(),
      officerIds: z.array(z.uuid()).min(1).max(10).optional(),
    })
    .optional(),
});
export const closeInput = z.strictObject({
  version,
  reason: z.enum(closeReasonCodes),
  note: text(1000).default(""),
});
export const answerInput = z.strictObject({
  version,
  answer: text(2000).min(5, "请填写答复内容（至少 5 个字）"),
});
export const mergeInput = z.strictObject({ version, intoId: z.uuid() });
export const rateInput = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: text(500).default(""),
});
export const reopenInput = z.strictObject({
  reason: text(1000).min(5, "请说明对答复不满意的理由（至少 5 个字）"),
});

// ---------------------------------------------------------------------------------------------
// Confidentiality and documents

export type ReporterIdentity = { name: string; phone: string; email: string };

/**
 * What the ledger keeps of a reporter: a salted SHA-256 commitment, never the identity (seed 001
 * item 25). Whoever holds the identity and the salt can prove it was the one recorded.
 */
export function identityCommitment(r: ReporterIdentity, salt: string): string {
  return createHash("sha256")
    .update(canonicalJson({ salt, name: r.name, phone: r.phone, email: r.email }))
    .digest("hex");
}

/**
 * The text with the reporter's own name, phone and e-mail replaced by "***": a reporter may write
 * them into the description, which goes into leads, transfer letters and staff pages.
 */
export function maskIdentity(text: string, r: ReporterIdentity | undefined): string {
  if (!r) return text;
  let out = text;
  const digits = r.phone.replace(/\D/g, "");
  for (const secret of [r.name, r.phone, r.email, digits])
    if (secret && secret.length >= 2) out = out.split(secret).join("***");
  return out;
}

const cn = (day: string) => {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
};

/**
 * The written notice to the reporter of a transfer (seed 001 item 25: 书面移送其他部门，并同时通知
 * 投诉、举报人). It names the complaint by its tracking code only, never the reporter.
 */
export function transferNotice(v: {
  agencyName: string;
  trackingCode: string;
  receivedOn: string;
  categoryName: string;
  department: string;
  on: string;
}): string {
  return [
    "投诉举报移送告知书",
    `您于${cn(v.receivedOn)}反映的“${v.categoryName}”问题（查询码 ${v.trackingCode}），经审查不属于本机关职责范围，本机关已于${cn(v.on)}书面移送${v.department}依法处理，请向该部门了解处理情况。`,
    "特此告知。",
    `${v.agencyName}`,
    cn(v.on),
  ].join("\n");
}

/** The transfer letter to the receiving department: the facts, never the reporter (confidential). */
export function transferLetter(v: {
  agencyName: string;
  trackingCode: string;
  receivedOn: string;
  categoryName: string;
  placeAddress: string;
  description: string;
  department: string;
  reason: string;
  on: string;
}): string {
  return [
    "投诉举报移送函",
    `${v.department}：`,
    `本机关于${cn(v.receivedOn)}收到反映“${v.categoryName}”问题的投诉举报（编号 ${v.trackingCode}）。地点：${v.placeAddress}。内容：${v.description}`,
    `移送理由：${v.reason}。根据首问负责制和案件移送抄告制度，现移送你单位依法处理，并请将处理结果告知本机关。`,
    "举报人信息依法保密；需要联系举报人的，请与本机关联系。",
    v.agencyName,
    cn(v.on),
  ].join("\n");
}

/** The text sent to a named reporter with an answer (SMS / e-mail): the code and the answer only. */
export function answerMessage(v: { agencyName: string; trackingCode: string; answer: string }): string {
  return `【${v.agencyName}】您反映的问题（查询码 ${v.trackingCode}）已有答复：${v.answer} 如不满意，可凭查询码在网上申请重新办理。`;
}
