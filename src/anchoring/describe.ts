import type { Selector, TextPositionSelector, TextQuoteSelector } from './types';
import { TextIndex, normalize } from './text-index';

/** Characters of context kept on each side of a quote, counted in the normalized text. */
export const CONTEXT_CHARS = 32;

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
  const quote: TextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    // Context is compared without whitespace (see TextIndex), so runs of it carry nothing;
    // collapsed, a prefix stays ~32 characters even on pages indented with hundreds of spaces
    // (raw, it could exceed what the background accepts and the highlight would not save).
    prefix: collapse(prefixOf(text, start)),
    suffix: collapse(suffixOf(text, end)),
  };
  const position: TextPositionSelector = { type: 'TextPositionSelector', start, end };
  return [quote, position];
}

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
 * Context is 32 characters of *normalized* text, stored raw. Article HTML is full of indentation
 * and newlines between blocks; 32 raw characters there can be mostly whitespace, which would
 * leave nothing to tell two occurrences apart. So the raw slice grows until its normalized form
 * holds 32 characters (or the text runs out).
 */
function prefixOf(text: string, start: number): string {
  let len = CONTEXT_CHARS;
  for (;;) {
    const from = Math.max(0, start - len);
    const slice = text.slice(from, start);
    if (from === 0 || normalize(slice).length >= CONTEXT_CHARS) return trimNormStart(slice);
    len *= 2;
  }
}

function suffixOf(text: string, end: number): string {
  let len = CONTEXT_CHARS;
  for (;;) {
    const to = Math.min(text.length, end + len);
    const slice = text.slice(end, to);
    if (to === text.length || normalize(slice).length >= CONTEXT_CHARS) return trimNormEnd(slice);
    len *= 2;
  }
}

/** Drop leading raw chars while the normalized length stays >= CONTEXT_CHARS. */
function trimNormStart(slice: string): string {
  let lo = 0;
  let hi = slice.length;
  // Largest cut whose remainder still normalizes to >= CONTEXT_CHARS chars.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (normalize(slice.slice(mid)).length >= CONTEXT_CHARS) lo = mid;
    else hi = mid - 1;
  }
  return slice.slice(lo);
}

function trimNormEnd(slice: string): string {
  let lo = 0;
  let hi = slice.length;
  // Shortest prefix that normalizes to >= CONTEXT_CHARS chars.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (normalize(slice.slice(0, mid)).length >= CONTEXT_CHARS) hi = mid;
    else lo = mid + 1;
  }
  return slice.slice(0, lo);
}
