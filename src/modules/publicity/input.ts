import { z } from "zod";

/** A required text of at most max characters (trimmed). */
export const requiredText = (max: number) => z.string().trim().min(1).max(max);

/** The codes of a label table, as z.enum takes them. */
export const codesOf = <T extends Record<string, string>>(labels: T) =>
  Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
