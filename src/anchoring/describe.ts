import type { Selector, TextPositionSelector, TextQuoteSelector } from './types';
import { TextIndex, normalize } from './text-index';

/** Characters of context kept on each side of a quote, counted in the normalized text. */
export const CONTEXT_CHARS = 32;
/** The most context kept on a side for a quote with twins (normalized characters). */
export const MAX_CONTEXT_CHARS = 400;

/*
 * Twins. A quote that occurs more than once on the page ("available to rent on Google Play and
 * YouTube." under every film of a list) is told apart from its twins by its context alone; when
 * the twins share their nearest 32 characters too, that is no evidence, and if the reader's
 * passage is later deleted a twin would match it perfectly. So at save time each side is made
 * long enough that no twin's context agrees with it on more than about a third: three times
 * what it shares with the closest twin. A twin's context then scores well under what the
 * anchorer accepts, while the passage's own context survives edits as before.
 */
function contextLengths(index: TextIndex, start: number, end: number): [number, number] {
  const norm = index.norm;
  const ns = index.rawToNorm[start];
  const ne = index.rawToNorm[end];
  const quote = norm.slice(ns, ne);
  let before = CONTEXT_CHARS;
  let after = CONTEXT_CHARS;
  if (!quote) return [before, after];
  let n = 0;
  for (let i = norm.indexOf(quote); i !== -1 && n < 200; i = norm.indexOf(quote, i + 1)) {
    if (i === ns) continue;
    n++;
    let p = 0;
    while (p < MAX_CONTEXT_CHARS && i - 1 - p >= 0 && ns - 1 - p >= 0 && norm[i - 1 - p] === norm[ns - 1 - p]) p++;
    let q = 0;
    const j = i + quote.length;
    while (q < MAX_CONTEXT_CHARS && j + q < norm.length && ne + q < norm.length && norm[j + q] === norm[ne + q]) q++;
    before = Math.max(before, 3 * p + 16);
    after = Math.max(after, 3 * q + 16);
  }
  return [Math.min(before, MAX_CONTEXT_CHARS), Math.min(after, MAX_CONTEXT_CHARS)];
}

/**
 * Selectors for `range` over the reading text of `root`: a TextQuoteSelector (exact quote plus
 * 32 characters of context each side) and a TextPositionSelector (raw reading-text offsets).
 * Both are computed over the reading text, so clutter inside or around the selection (a hidden
 * "Share" label, an SVG sprite title) never enters the quote or shifts the offsets.
 * Returns [] when the range holds no reading text.
 */
export function describe(root: Element, range: Range, index: TextIndex = new TextIndex(root)): Selector[] {
  let start = clampedOffset(index, root, range.startContainer, range.startOffset);
  let end = clampedOffset(index, root, range.endContainer, range.endOffset);
  if (end < start) [start, end] = [end, start];
  if (end === start) return [];
  const text = index.text;
  const [before, after] = contextLengths(index, start, end);
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    // Context is compared without whitespace (see TextIndex), so runs of it carry nothing;
    // collapsed, a prefix stays ~32 characters even on pages indented with hundreds of spaces
    // (raw, it could exceed what the background accepts and the highlight would not save).
    prefix: collapse(prefixOf(text, start, before)).slice(-MAX_SIDE_RAW),
    suffix: collapse(suffixOf(text, end, after)).slice(0, MAX_SIDE_RAW),
  };
  const position: TextPositionSelector = { type: 'TextPositionSelector', start, end };
  return [quote, position];
}

/** What the background accepts for a context side (protocol-schema.ts). */
const MAX_SIDE_RAW = 1_000;
const collapse = (s: string) => s.replace(/\s+/g, ' ');

function clampedOffset(index: TextIndex, root: Element, container: Node, offset: number): number {
  // A boundary outside root (a selection that runs past the article) clamps to its edge.
  if (container !== root && !root.contains(container)) {
    const pos = root.compareDocumentPosition(container);
    return pos & 2 /* PRECEDING */ ? 0 : index.text.length;
  }
  return index.offsetOf(container, offset);
}

/*
 * Context is 32 characters (more for a quote with twins) of *normalized* text, stored raw. Article HTML is full of indentation
 * and newlines between blocks; 32 raw characters there can be mostly whitespace, which would
 * leave nothing to tell two occurrences apart. So the raw slice grows until its normalized form
 * holds 32 characters (or the text runs out).
 */
function prefixOf(text: string, start: number, want: number): string {
  let len = want;
  for (;;) {
    const from = Math.max(0, start - len);
    const slice = text.slice(from, start);
    if (from === 0 || normalize(slice).length >= want) return trimNormStart(slice, want);
    len *= 2;
  }
}

function suffixOf(text: string, end: number, want: number): string {
  let len = want;
  for (;;) {
    const to = Math.min(text.length, end + len);
    const slice = text.slice(end, to);
    if (to === text.length || normalize(slice).length >= want) return trimNormEnd(slice, want);
    len *= 2;
  }
}

/** Drop leading raw chars while the normalized length stays >= want. */
function trimNormStart(slice: string, want: number): string {
  let lo = 0;
  let hi = slice.length;
  // Largest cut whose remainder still normalizes to >= CONTEXT_CHARS chars.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (normalize(slice.slice(mid)).length >= want) lo = mid;
    else hi = mid - 1;
  }
  return slice.slice(lo);
}

function trimNormEnd(slice: string, want: number): string {
  let lo = 0;
  let hi = slice.length;
  // Shortest prefix that normalizes to >= CONTEXT_CHARS chars.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (normalize(slice.slice(0, mid)).length >= want) hi = mid;
    else lo = mid + 1;
  }
  return slice.slice(0, lo);
}
