/**
 * Search tokens for Chinese text that work the same on PostgreSQL and PGlite without an extension:
 * each Han character, overlapping character bigrams of runs of Han characters, and lower-cased
 * words of letters and digits. A query matches a record whose tokens contain all the query's tokens
 * (GIN on text[]).
 */
const han = /\p{Script=Han}+/gu;
const word = /[\p{L}\p{N}]+/gu;

export function searchTokens(text: string): string[] {
  const out = new Set<string>();
  for (const run of text.match(han) ?? []) {
    const chars = [...run];
    for (const ch of chars) out.add(ch);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  for (const w of text.replace(han, " ").match(word) ?? []) if (w.length >= 2) out.add(w.toLowerCase());
  return [...out].sort();
}

/**
 * The tokens a query needs, grouped by the word they come from (a run of Han characters, or a
 * word of letters and digits). A run of two or more characters needs only its bigrams (they imply
 * the characters); a one-character run matches records containing that character. Tokens of one
 * group occur together; the groups are independent words (search-plan.ts uses that).
 */
export function queryTokenGroups(q: string): string[][] {
  const groups: string[][] = [];
  for (const run of q.match(han) ?? []) {
    const chars = [...run];
    const bigrams = chars.slice(1).map((ch, i) => chars[i]! + ch);
    groups.push(chars.length === 1 ? chars : [...new Set(bigrams)]);
  }
  for (const w of q.replace(han, " ").match(word) ?? []) if (w.length >= 2) groups.push([w.toLowerCase()]);
  return groups;
}

/** All the tokens of a query, once each, sorted. */
export const queryTokens = (q: string): string[] => [...new Set(queryTokenGroups(q).flat())].sort();
