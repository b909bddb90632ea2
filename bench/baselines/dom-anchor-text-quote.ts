/**
 * dom-anchor-text-quote (diff-match-patch bitap, Hypothesis's matcher before 2020), driven as
 * its README shows: describe = fromRange (quote + 32 chars context) plus a text position from
 * dom-anchor-text-position; anchor = toRange with the stored start as the hint.
 */
// @ts-expect-error -- no type declarations
import * as textQuote from 'dom-anchor-text-quote';
// @ts-expect-error -- no type declarations
import * as textPosition from 'dom-anchor-text-position';

interface Stored { quote: { exact: string; prefix: string; suffix: string }; position: { start: number; end: number } }

export function describe(root: Element, range: Range): Stored {
  return { quote: textQuote.fromRange(root, range), position: textPosition.fromRange(root, range) };
}

export function anchor(root: Element, s: Stored): Range | null {
  try {
    return textQuote.toRange(root, s.quote, { hint: s.position.start }) ?? null;
  } catch {
    return null;
  }
}
