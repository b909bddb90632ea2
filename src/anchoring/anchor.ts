import search from 'approx-string-match';
import type { Selector, TextPositionSelector, TextQuoteSelector } from './types';
import { TextIndex, normalize } from './text-index';
import { BRACKET_MIN_SIDE, brackets, wordEdits, wordEditsAllowed, wordSimilarity } from './bracket';

/*
 * Restoring a highlight: find where its quote is now, or say it is gone (orphan).
 *
 * The rule that shapes everything here: a wrong anchor is worse than an orphan. An orphan is
 * still listed and never lost; a highlight pinned to the wrong sentence misinforms the reader.
 * So every match, exact or fuzzy, must be backed by evidence beyond the quote itself:
 * the context it was saved with (prefix/suffix) has to agree, unless the quote is long and
 * occurs exactly once (then the quote alone is the evidence, e.g. a paragraph that was moved).
 *
 * Order, cheapest first:
 *  1. exact quote at the stored position with agreeing context (an unchanged page: one
 *     `startsWith`, no scan);
 *  2. every exact occurrence, scored by context and distance from the stored position;
 *  3. fuzzy (bit-parallel edit distance, approx-string-match), candidates scored on quote,
 *     prefix and suffix similarity and position, with minimum scores below which the result is
 *     an orphan. An exact copy elsewhere with the wrong context does not stop the search for an
 *     edited original with the right context (approx-string-match only returns the best-cost
 *     matches, so exact occurrences are masked before searching, and the text around the stored
 *     position and around the surviving prefix/suffix is searched on its own).
 */

/** Context (blend of both sides, see blend()) at which an exact match is taken without more search. */
export const SURE_CONTEXT = 0.95;
/** Minimum context (blend) for an exact match. */
export const MIN_CONTEXT = 0.6;
/** Minimum agreement (mean of prefix and suffix similarity) for a fuzzy match. */
export const MIN_AGREEMENT = 0.7;
/** Minimum quote similarity (1 - errors / quote length) for a fuzzy match. */
export const MIN_QUOTE = 0.75;
/** Minimum score (quote similarity and agreement weighted equally) for a fuzzy match. */
export const MIN_SCORE = 0.82;
/** Without any stored context, a fuzzy match must be this close to the quote. */
export const MIN_QUOTE_NO_CONTEXT = 0.9;
/** A fuzzy match with only one side of context: that side (blend) and the quote must be this close. */
export const ONE_SIDED_FUZZY_CONTEXT = 0.75;
export const ONE_SIDED_FUZZY_QUOTE = 0.9;
/** A quote this long (normalized chars) occurring exactly once is accepted on its own. */
export const DISTINCTIVE_QUOTE = 48;
/** Below this agreement (mean of both sides), an exact match has only one side of context. */
export const ONE_SIDED = 0.75;
/** A one-sided exact match needs a quote at least this long (normalized, whitespace-free). */
export const ONE_SIDED_MIN_QUOTE = 24;
/** A context side longer than this (normalized) was made longer at save time: the quote had twins. */
export const TWIN_SIDE = 40;
/** With twins, an exact match that is not sure needs this much context (blend)… */
export const TWIN_CONTEXT = 0.8;
/** …and this much more than every other occurrence. */
export const TWIN_MARGIN = 0.15;
/** A context side shorter than this (normalized, trimmed) counts as absent. */
export const MIN_CONTEXT_SIDE = 8;

export interface Anchorer {
  /** The text index built once for root; a snapshot of the DOM when the anchorer was made. */
  readonly index: TextIndex;
  /** Anchor one selector set: a Range over the live DOM, or null for an orphan. */
  anchor(selectors: Selector[]): Range | null;
  /** Like anchor(), but the matched reading-text offsets (raw), for callers that want numbers. */
  locate(selectors: Selector[]): { start: number; end: number } | null;
}

/**
 * Builds the text index of `root` once and anchors many selector sets against it: restoring
 * hundreds of highlights costs about one text walk plus one startsWith/indexOf each.
 * Rebuild it after the DOM under root changes.
 */
export function createAnchorer(root: Element): Anchorer {
  const index = new TextIndex(root);
  return {
    index,
    locate: (selectors) => locate(index, selectors),
    anchor(selectors) {
      const span = locate(index, selectors);
      return span ? index.rangeFromRaw(span.start, span.end) : null;
    },
  };
}

/** Anchor one selector set in `root`: a Range, or null when the passage is gone (orphan). */
export async function anchor(root: Element, selectors: Selector[]): Promise<Range | null> {
  return createAnchorer(root).anchor(selectors);
}

/** Anchor many selector sets at once, sharing one text index. */
export function anchorAll(root: Element, selectorSets: Selector[][]): (Range | null)[] {
  const a = createAnchorer(root);
  return selectorSets.map((s) => a.anchor(s));
}

interface Candidate {
  start: number; // norm offsets
  end: number;
  quote: number; // similarity 0..1
  context: number | null; // blend of prefix/suffix similarity (see blend); null = no context stored
  agreement: number | null; // mean of prefix/suffix similarity
  position: number; // 0..1, 1 = at the stored position
}

function locate(index: TextIndex, selectors: Selector[]): { start: number; end: number } | null {
  const quoteSel = selectors.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  const posSel = selectors.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
  if (!quoteSel) {
    // Position alone cannot be checked against anything; trust it while it fits the text.
    if (!posSel || posSel.start < 0 || posSel.end > index.text.length || posSel.start >= posSel.end) return null;
    return { start: posSel.start, end: posSel.end };
  }
  const norm = index.norm;
  const quote = normalize(quoteSel.exact);
  if (!quote.trim()) return null;
  // A context side with almost no text (a quote ending at the article's last word has a suffix
  // of " " or "") is no evidence: any match would agree with it. Treat it as absent.
  const side = (s: string | undefined) => {
    const n = normalize(s ?? '');
    return n.trim().length >= MIN_CONTEXT_SIDE ? n : '';
  };
  const prefix = side(quoteSel.prefix);
  const suffix = side(quoteSel.suffix);
  const hasContext = prefix.length > 0 || suffix.length > 0;
  // The stored position, moved into norm offsets of the current text (an estimate after edits).
  const expected =
    posSel && posSel.start >= 0 ? index.rawToNorm[Math.min(posSel.start, index.text.length)] : null;

  const judge = (start: number, end: number, quoteSim: number): Candidate => {
    const sides = contextSides(norm, start, end, prefix, suffix);
    return {
      start,
      end,
      quote: quoteSim,
      context: sides && blend(sides),
      agreement: sides && mean(sides),
      position: expected === null ? 0.5 : 1 - Math.min(1, Math.abs(start - expected) / Math.max(1000, norm.length)),
    };
  };
  const done = (c: Candidate) => {
    const [start, end] = index.normSpanToRaw(c.start, c.end);
    return { start, end };
  };

  // 1. Exact at the stored position with the context it was saved with: the page is unchanged
  //    up to here. One startsWith and two 32-char comparisons.
  if (expected !== null && norm.startsWith(quote, expected)) {
    const c = judge(expected, expected + quote.length, 1);
    if (c.context === null || c.context >= SURE_CONTEXT) return done(c);
  }

  // 2. Every exact occurrence, judged by context.
  const exact: Candidate[] = [];
  for (let i = norm.indexOf(quote); i !== -1 && exact.length < 1000; i = norm.indexOf(quote, i + 1)) {
    exact.push(judge(i, i + quote.length, 1));
  }
  if (!hasContext) {
    // Quote-only: nothing to check but the quote, and the position if there is one.
    if (exact.length) return done(best(exact, (c) => c.position));
  } else {
    const sure = exact.filter((c) => c.context! >= SURE_CONTEXT);
    if (sure.length) return done(best(sure, (c) => c.context! + 0.1 * c.position));
  }
  // Acceptable exact matches: one side of the context agrees (an ad inserted right before a
  // paragraph replaces the prefix of a quote that starts it).
  const scored: { c: Candidate; score: number }[] = [];
  // Twins: the quote occurs more than once now, or it did when saved (its context was made longer
  // to tell them apart, see describe.ts). Then half-agreeing context is what a twin looks like
  // when the passage itself is gone, so an exact match must agree well and clearly beat the rest.
  const twinned = exact.length > 1 || prefix.length > TWIN_SIDE || suffix.length > TWIN_SIDE;
  for (const c of exact) {
    if (hasContext && c.context! < MIN_CONTEXT) continue;
    if (hasContext && twinned && (c.context! < TWIN_CONTEXT || exact.some((d) => d !== c && d.context! > c.context! - TWIN_MARGIN))) continue;
    // Only one side agrees: for a short quote that is what a caption or pull quote restating
    // the sentence looks like (same words, same lead-in, different continuation), so it needs
    // a quote long enough to carry the rest of the evidence.
    if (hasContext && c.agreement! < ONE_SIDED && quote.length < ONE_SIDED_MIN_QUOTE) continue;
    scored.push({ c, score: score(c) });
  }

  // 3. Fuzzy, also when an exact match with imperfect context exists: an edited original with
  //    its context intact beats an exact copy (or lookalike) whose context only half agrees.
  //    A fuzzy match needs both the quote and the context (both sides on average) to agree.
  for (const f of fuzzyCandidates(norm, quote, prefix, suffix, expected, exact)) {
    if (f.quote < MIN_QUOTE || f.quote === 1) continue;
    const c = judge(f.start, f.end, f.quote);
    if (c.agreement === null) {
      if (c.quote >= MIN_QUOTE_NO_CONTEXT) scored.push({ c, score: c.quote });
      continue;
    }
    // Both sides should agree; one side is enough for a long quote that is nearly intact (a
    // word edited in a paragraph's opening sentence while an ad lands just before it).
    const oneSided = c.agreement < MIN_AGREEMENT && c.context! >= ONE_SIDED_FUZZY_CONTEXT && c.quote >= ONE_SIDED_FUZZY_QUOTE && quote.length >= ONE_SIDED_MIN_QUOTE;
    if (c.agreement < MIN_AGREEMENT && !oneSided) continue;
    const s = oneSided ? 0.5 * c.quote + 0.5 * c.context! : score(c);
    if (s >= MIN_SCORE) scored.push({ c, score: s });
  }
  // 3b. Words edited inside the quote: both sides of its context still stand, a quote-sized
  //     gap apart, around mostly the same words (see bracket.ts).
  for (const c of editedBetweenContext(index, quoteSel.exact, quote.length, prefix, suffix, expected, judge)) scored.push({ c, score: score(c) });
  if (scored.length) return done(best(scored, (s) => s.score + 0.05 * s.c.position).c);

  // 4. The quote moved (its context changed on both sides) but is long enough to be unmistakable.
  //    Unless its context still stands somewhere else: then the passage stayed there and was
  //    edited, and this occurrence is a copy (a pull quote, a twin, the old wording reused).
  if (exact.length === 1 && quote.length >= DISTINCTIVE_QUOTE && !contextStandsElsewhere(index, quoteSel.exact, quote.length, prefix, suffix, exact[0])) return done(exact[0]);
  return null;
}

/** Both context sides must agree at least this well around an edited quote found between them. */
export const BRACKET_SIDE = 0.85;

/**
 * Candidates for a quote whose words were edited, found between its stored prefix and suffix.
 * Both sides must agree closely and the words mostly survive; where several places qualify (a
 * page of look-alike blurbs), only the one at the stored position is taken, or none.
 */
function editedBetweenContext(
  index: TextIndex,
  exact: string,
  quoteLength: number,
  prefix: string,
  suffix: string,
  expected: number | null,
  judge: (start: number, end: number, quoteSim: number) => Candidate,
): Candidate[] {
  const found: Candidate[] = [];
  const allowed = wordEditsAllowed(exact);
  for (const b of brackets(index.norm, quoteLength, prefix, suffix, expected)) {
    const sides = contextSides(index.norm, b.start, b.end, prefix, suffix);
    if (!sides || Math.min(...sides) < BRACKET_SIDE) continue;
    const [rs, re] = index.normSpanToRaw(b.start, b.end);
    const text = index.text.slice(rs, re);
    if (wordEdits(exact, text) > allowed) continue;
    found.push(judge(b.start, b.end, wordSimilarity(exact, text) ?? 0));
  }
  const distinct = found.filter((c, i) => !found.slice(0, i).some((d) => d.start < c.end && c.start < d.end));
  if (distinct.length <= 1) return found;
  if (expected === null) return [];
  const near = Math.max(600, 3 * quoteLength);
  const close = distinct.filter((c) => Math.abs(c.start - expected) <= near);
  return close.length === 1 ? found.filter((c) => c.start < close[0].end && close[0].start < c.end) : [];
}

/**
 * Does a stored context side stand somewhere other than beside candidate c, next to text that
 * still reads mostly like the quote? Then the passage is there, edited, and c is a copy. (A
 * context side alone is not enough: when a paragraph moves, its old neighbours stay behind.)
 */
function contextStandsElsewhere(index: TextIndex, exact: string, quoteLength: number, prefix: string, suffix: string, c: Candidate): boolean {
  const norm = index.norm;
  const near = (at: number, edge: number) => Math.abs(at - edge) <= 8;
  const readsLikeQuote = (start: number, end: number) => {
    const [rs, re] = index.normSpanToRaw(Math.max(0, start), Math.min(norm.length, end));
    return (wordSimilarity(exact, index.text.slice(rs, re)) ?? 0) >= 0.5;
  };
  if (prefix.length >= BRACKET_MIN_SIDE)
    for (const m of search(norm, prefix, Math.floor(prefix.length / 8)))
      if (!near(m.end, c.start) && readsLikeQuote(m.end, m.end + quoteLength)) return true;
  if (suffix.length >= BRACKET_MIN_SIDE)
    for (const m of search(norm, suffix, Math.floor(suffix.length / 8)))
      if (!near(m.start, c.end) && readsLikeQuote(m.start - quoteLength, m.start)) return true;
  return false;
}

/** Quote and context weigh the same; context here is the mean of both sides. */
function score(c: Candidate): number {
  return c.agreement === null ? c.quote : 0.5 * c.quote + 0.5 * c.agreement;
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * One side matching fully is strong evidence for an exact quote (an ad or a new paragraph
 * inserted right before a quote replaces its prefix, not its suffix), so the better side
 * weighs three times the worse. An exact copy dropped elsewhere has neither side and scores
 * ~0.2-0.3 (random text, measured on the corpus).
 */
function blend(sides: number[]): number {
  const hi = Math.max(...sides);
  const lo = Math.min(...sides);
  return 0.75 * hi + 0.25 * lo;
}

function best<T>(items: T[], score: (t: T) => number): T {
  let top = items[0];
  let topScore = score(top);
  for (let i = 1; i < items.length; i++) {
    const s = score(items[i]);
    if (s > topScore) [top, topScore] = [items[i], s];
  }
  return top;
}

/** Similarity (0..1) of each stored context side to the text around [start, end); null if none. */
function contextSides(norm: string, start: number, end: number, prefix: string, suffix: string): number[] | null {
  const sims: number[] = [];
  if (prefix.length) {
    // Compare backwards from the match start; the window has slack so an inserted word in the
    // prefix costs only its own length.
    const slack = 8 + (prefix.length >> 1);
    const window = norm.slice(Math.max(0, start - prefix.length - slack), start);
    sims.push(Math.max(0, 1 - anchoredDistance(reverse(prefix), reverse(window)) / prefix.length));
  }
  if (suffix.length) {
    const slack = 8 + (suffix.length >> 1);
    const window = norm.slice(end, end + suffix.length + slack);
    sims.push(Math.max(0, 1 - anchoredDistance(suffix, window) / suffix.length));
  }
  return sims.length ? sims : null;
}

function reverse(s: string): string {
  let r = '';
  for (let i = s.length - 1; i >= 0; i--) r += s[i];
  return r;
}

/**
 * Edit distance between `pattern` and some prefix of `text` (both start anchored, the text's
 * tail is free). Context strings are ~32 chars, so the O(m·n) table is tiny.
 */
function anchoredDistance(pattern: string, text: string): number {
  const m = pattern.length;
  const n = text.length;
  let prev = new Int32Array(n + 1);
  let cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    const pc = pattern.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (pc === text.charCodeAt(j - 1) ? 0 : 1);
      cur[j] = Math.min(sub, prev[j] + 1, cur[j - 1] + 1);
    }
    [prev, cur] = [cur, prev];
  }
  let min = m;
  for (let j = 0; j <= n; j++) if (prev[j] < min) min = prev[j];
  return min;
}

function maxErrorsFor(quote: string): number {
  return Math.max(1, Math.min(32, Math.floor(quote.length / 4)));
}

type Fuzzy = { start: number; end: number; quote: number };

/**
 * Fuzzy candidates for the quote. approx-string-match returns only the lowest-cost matches in
 * the text it is given, so one global search would return an exact copy elsewhere and hide the
 * edited original (the mistake Hypothesis makes). We therefore search:
 *  - around the stored position (an edited original usually stays near where it was);
 *  - next to each fuzzy occurrence of the stored prefix and suffix (an edited original keeps its
 *    context even when it moved);
 *  - the whole text with the exact occurrences masked out, a few rounds, masking each round's
 *    best matches so the next round finds the next best.
 */
function fuzzyCandidates(
  norm: string,
  quote: string,
  prefix: string,
  suffix: string,
  expected: number | null,
  exact: Candidate[],
): Fuzzy[] {
  const maxErrors = maxErrorsFor(quote);
  const out: Fuzzy[] = [];
  const seen = new Set<string>();
  const add = (start: number, end: number, errors: number) => {
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ start, end, quote: 1 - errors / quote.length });
  };
  // Exact occurrences are judged already; masked out, they cannot hide the next-best matches
  // (an exact copy inside the window around the stored position would otherwise be the only
  // result there). Masking a whole occurrence can also erase part of an edited original that
  // overlaps it (repetitive text: "list: [ list: [ list:"), so windows are searched twice:
  // with occurrences fully masked, and with one character of each masked (they then cost one
  // error, which is as good as an original with a one-letter edit).
  let masked = norm;
  const mask = (s: number, e: number) => {
    masked = masked.slice(0, s) + '\u0000'.repeat(e - s) + masked.slice(e);
  };
  for (const c of exact) mask(c.start, c.end);
  let light = norm;
  for (const c of exact) {
    const mid = (c.start + c.end) >> 1;
    light = light.slice(0, mid) + '\u0000' + light.slice(mid + 1);
  }

  const searchIn = (from: number, to: number) => {
    from = Math.max(0, from);
    to = Math.min(norm.length, to);
    if (to - from < quote.length - maxErrors) return;
    for (const m of search(masked.slice(from, to), quote, maxErrors)) add(from + m.start, from + m.end, m.errors);
    if (exact.length) for (const m of search(light.slice(from, to), quote, maxErrors)) add(from + m.start, from + m.end, m.errors);
  };
  const reach = quote.length + maxErrors + 16;

  if (expected !== null) searchIn(expected - 2 * reach, expected + 3 * reach);

  const near = (ctx: string, side: 'prefix' | 'suffix') => {
    if (ctx.length < 12) return;
    const hits = search(norm, ctx, Math.floor(ctx.length / 4)).slice(0, 8);
    for (const h of hits) {
      if (side === 'prefix') searchIn(h.end - 8, h.end + reach);
      else searchIn(h.start - reach, h.start + 8);
    }
  };
  near(prefix, 'prefix');
  near(suffix, 'suffix');

  // Global rounds, masking each round's finds.
  for (let round = 0; round < 3; round++) {
    const matches = search(masked, quote, maxErrors);
    if (!matches.length || matches.length > 200) break;
    for (const m of matches) {
      add(m.start, m.end, m.errors);
      mask(m.start, m.end);
    }
  }
  return out;
}
