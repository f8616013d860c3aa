/**
 * Search tokens for Chinese text that work the same on PostgreSQL and PGlite without an extension:
 * overlapping character bigrams of runs of Han characters, and lower-cased words of letters and
 * digits. A query matches a record whose tokens contain all the query's tokens (GIN on text[]).
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

/** The tokens a query needs (a one-character Han query matches records containing that character). */
export function queryTokens(q: string): string[] {
  return searchTokens(q);
}
