import { z } from "zod";
import { isoDate } from "../../http/schemas.ts";

/** Levels of legal norms (效力层级), in order of authority. */
export const lawLevels = {
  law: "法律",
  administrative_regulation: "行政法规",
  local_regulation: "地方性法规",
  department_rule: "部门规章",
  local_government_rule: "地方政府规章",
  normative_document: "规范性文件",
} as const;
export type LawLevel = keyof typeof lawLevels;
export const lawLevelCodes = Object.keys(lawLevels) as [LawLevel, ...LawLevel[]];

const digits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三百一十二 → 312; "十五" → 15. Returns NaN for anything else. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in digits) current = digits[ch]!;
    else if (ch in units) {
      total += (current || 1) * units[ch]!;
      current = 0;
    } else return Number.NaN;
  }
  return total + current;
}

const articlePattern = /^第([零〇一二三四五六七八九十百千两\d]+)条(?:之([一二三四五六七八九十]+))?$/;

/** Sort key of an article number: 第五十一条 → 51000; 第二十条之一 → 20001. NaN if malformed. */
export function articleOrdinal(number: string): number {
  const m = articlePattern.exec(number);
  if (!m) return Number.NaN;
  const main = chineseNumber(m[1]!);
  const sub = m[2] ? chineseNumber(m[2]) : 0;
  return main * 1000 + sub;
}

const text = (max: number) => z.string().trim().max(max);
export const articleNumber = z
  .string()
  .trim()
  .refine((s) => Number.isFinite(articleOrdinal(s)), "条号格式应为“第五十一条”或“第二十条之一”");

export const articleInput = z.strictObject({
  number: articleNumber,
  text: text(20_000).min(1),
  effectiveOn: isoDate.nullable().optional(),
  note: text(500).optional(),
});
export type ArticleInput = z.infer<typeof articleInput>;

export const lawFields = {
  title: text(200).min(2),
  level: z.enum(lawLevelCodes),
  issuingBody: text(200).min(2),
  documentNumber: text(100).default(""),
  promulgatedOn: isoDate.nullable().default(null),
  effectiveOn: isoDate.nullable().default(null),
  repealedOn: isoDate.nullable().default(null),
};

export const createLawInput = z.strictObject({
  ...lawFields,
  articles: z.array(articleInput).max(3000).default([]),
});
export type CreateLawInput = z.infer<typeof createLawInput>;

export const updateLawInput = z.strictObject({
  version: z.number().int().min(1),
  title: lawFields.title.optional(),
  level: lawFields.level.optional(),
  issuingBody: lawFields.issuingBody.optional(),
  documentNumber: text(100).optional(),
  promulgatedOn: isoDate.nullable().optional(),
  effectiveOn: isoDate.nullable().optional(),
  repealedOn: isoDate.nullable().optional(),
});
export type UpdateLawInput = z.infer<typeof updateLawInput>;

/** The structured import file: `{ "laws": [ { title, level, …, articles: [{ number, text }] } ] }`. */
export const lawImportFile = z.strictObject({ laws: z.array(createLawInput).min(1).max(500) });
export type LawImportFile = z.infer<typeof lawImportFile>;

export const lawView = z.object({
  id: z.string(),
  title: z.string(),
  level: z.string(),
  issuingBody: z.string(),
  documentNumber: z.string(),
  promulgatedOn: z.string().nullable(),
  effectiveOn: z.string().nullable(),
  repealedOn: z.string().nullable(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const articleView = z.object({
  id: z.string(),
  lawId: z.string(),
  number: z.string(),
  ordinal: z.number(),
  version: z.number(),
  text: z.string(),
  effectiveOn: z.string().nullable(),
  note: z.string(),
  createdAt: z.date(),
});

/** How a citation is written: 《中华人民共和国行政处罚法》第三十二条, with （第2版） when not current. */
export const citationText = (lawTitle: string, number: string, version?: number) =>
  `《${lawTitle}》${number}${version ? `（第${version}版）` : ""}`;

const citationPattern = /^《(.+?)》(第.+?条(?:之[一二三四五六七八九十]+)?)(?:（第(\d+)版）)?$/;
export function parseCitation(s: string): { lawTitle: string; number: string; version?: number } | null {
  const m = citationPattern.exec(s.trim());
  if (!m) return null;
  return { lawTitle: m[1]!, number: m[2]!, version: m[3] ? Number(m[3]) : undefined };
}
