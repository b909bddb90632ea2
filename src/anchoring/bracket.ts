import search from 'approx-string-match';

/*
 * An edited quote found by its surroundings: the stored prefix and suffix both still stand, a
 * quote-sized gap apart, and the gap holds mostly the same words as the quote. This is how a
 * reader recognises a corrected passage ("…said the mayor, Jon Smith, on Tuesday…" became
 * "…said the mayor, John Smith, on Tuesday…"): a one-word edit in a four-word quote changes a
 * third of its characters, too many for character-level fuzzy matching, yet both sides of
 * context confirm the place. The word test keeps a rewritten passage of the same length out.
 */

/** A span between a prefix hit and a suffix hit (norm offsets). */
export interface Bracket {
  start: number;
  end: number;
}

/** Context shorter than this (normalized) is too little to bracket with. */
export const BRACKET_MIN_SIDE = 16;

/**
 * Spans of `norm` that sit right after a close match of `prefix` and right before a close match
 * of `suffix`, about as long as the quote (norm length `quoteLength`). `around`: where to look
 * first (the stored position), since the best-cost search over the whole text can return
 * another place whose context matches as well (a twin), hiding the edited original.
 */
export function brackets(norm: string, quoteLength: number, prefix: string, suffix: string, around: number | null): Bracket[] {
  if (prefix.length < BRACKET_MIN_SIDE || suffix.length < BRACKET_MIN_SIDE) return [];
  const maxGap = Math.ceil(quoteLength * 1.6) + 32;
  const minGap = Math.max(1, Math.floor(quoteLength * 0.4) - 8);
  const pErr = Math.floor(prefix.length / 8);
  const sErr = Math.floor(suffix.length / 8);
  const ends = new Set<number>();
  const addPrefixHits = (from: number, to: number) => {
    from = Math.max(0, from);
    for (const m of search(norm.slice(from, Math.min(norm.length, to)), prefix, pErr).slice(0, 16)) ends.add(from + m.end);
  };
  if (around !== null) addPrefixHits(around - prefix.length - maxGap, around + maxGap);
  addPrefixHits(0, norm.length);
  const out: Bracket[] = [];
  const seen = new Set<string>();
  for (const pe of ends) {
    const window = norm.slice(pe, pe + maxGap + suffix.length + sErr);
    for (const m of search(window, suffix, sErr).slice(0, 8)) {
      const gap = m.start;
      if (gap < minGap || gap > maxGap) continue;
      const key = `${pe}:${pe + gap}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ start: pe, end: pe + gap });
    }
  }
  return out;
}

const WORD = /[\p{L}\p{N}]+/gu;
const words = (s: string) => (s.toLowerCase().match(WORD) ?? []).slice(0, 400);

/**
 * Word-level agreement of a candidate passage with the quote: 1 - (words edited / words).
 * Edits are counted as an LCS diff (a replaced word costs one removal and one insertion,
 * counted as one edit); null when fewer than half the quote's words survive in order.
 */
export function wordSimilarity(quote: string, candidate: string): number | null {
  const a = words(quote);
  const b = words(candidate);
  if (!a.length || !b.length) return null;
  let prev = new Uint16Array(b.length + 1);
  let cur = new Uint16Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    [prev, cur] = [cur, prev];
  }
  const common = prev[b.length];
  if (common * 2 < a.length) return null;
  const edits = Math.max(a.length, b.length) - common;
  return 1 - edits / Math.max(a.length, b.length);
}

/** How many words may differ: two in a short quote (one replaced by two), about one in six in a longer one. */
export function wordEditsAllowed(quote: string): number {
  return Math.max(2, Math.ceil(words(quote).length / 6));
}

/** Words of `quote` edited to get `candidate` (see wordSimilarity), or Infinity. */
export function wordEdits(quote: string, candidate: string): number {
  const sim = wordSimilarity(quote, candidate);
  if (sim === null) return Infinity;
  const n = Math.max(words(quote).length, words(candidate).length);
  return Math.round((1 - sim) * n);
}
