/**
 * How to find the newest decisions matching a word search (C13), chosen from token statistics.
 *
 * Two ways: (a) the GIN index on the tokens gives every match, which are then sorted — cheap when
 * matches are few; (b) walking the decision-date index newest first and testing each decision's
 * tokens until the page (and the counted window) is full — cheap when matches are many. The
 * database's own estimate multiplies the tokens' frequencies as if independent, but the bigrams of
 * one word always occur together (建筑, 筑工, 工程), so it can underestimate a common phrase 100-fold
 * and pick (a) for a phrase found in a sixth of all decisions. Here a word is as frequent as its
 * rarest bigram, words are independent, and the walk is taken when the expected rows it reads
 * (window ÷ density) are fewer than the matches the index would have to fetch and sort.
 */

/** Frequencies of the most common tokens (share of decisions containing each), as ANALYZE found them. */
export type TokenFrequencies = {
  /** token → share of decisions containing it (0..1). */
  common: Map<string, number>;
  /** A token not listed is rarer than this. */
  rarerThan: number;
  /** Number of decisions. */
  rows: number;
};

/** The expected share of decisions matching every group (a group: the tokens of one word). */
export function matchDensity(groups: string[][], f: TokenFrequencies): number {
  let density = 1;
  for (const g of groups) {
    const rarest = Math.min(...g.map((t) => f.common.get(t) ?? f.rarerThan));
    density *= rarest;
  }
  return density;
}

/** Whether walking newest-first with a token filter is cheaper than fetching every match. */
export function walkNewestFirst(groups: string[][], f: TokenFrequencies, window: number): boolean {
  if (groups.length === 0 || f.rows === 0 || f.common.size === 0) return false;
  const density = matchDensity(groups, f);
  if (density <= 0) return false;
  const matches = density * f.rows;
  return window / density < matches;
}

/** A token in more decisions than this is not looked up in the index when the word has a rarer one. */
export const commonToken = 0.02;

/**
 * Which tokens the index looks up and which are only tested on the rows it returns: the index
 * intersects the short lists of a word's uncommon bigrams cheaply, but reading the long lists of
 * common ones (有限, 公司, found in most decisions) costs more than testing them on the few rows
 * found. A word whose bigrams are all common is looked up by its rarest. Without statistics: all.
 */
export function indexTokens(
  groups: string[][],
  f: TokenFrequencies,
): { indexed: string[]; tested: string[] } {
  const all = [...new Set(groups.flat())];
  if (f.common.size === 0) return { indexed: all, tested: [] };
  const freq = (t: string) => f.common.get(t) ?? 0;
  const indexed = new Set<string>();
  for (const g of groups) {
    const uncommon = g.filter((t) => freq(t) < commonToken);
    for (const t of uncommon.length ? uncommon : [g.reduce((a, t) => (freq(t) < freq(a) ? t : a), g[0]!)])
      indexed.add(t);
  }
  return { indexed: [...indexed], tested: all.filter((t) => !indexed.has(t)) };
}
