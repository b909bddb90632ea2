/**
 * Apache Annotator (@apache-annotator/dom 0.2): describeTextQuote picks the prefix/suffix
 * needed to make the quote unique in the scope; the matcher finds exact occurrences of
 * prefix + exact + suffix only (no fuzzy matching). The first match is taken.
 */
import { createTextQuoteSelectorMatcher, describeTextQuote } from '@apache-annotator/dom';
import type { TextQuoteSelector } from '@apache-annotator/selector';

export function describe(root: Element, range: Range): Promise<TextQuoteSelector> {
  return describeTextQuote(range, root);
}

export async function anchor(root: Element, selector: TextQuoteSelector | Promise<TextQuoteSelector>): Promise<Range | null> {
  const match = createTextQuoteSelectorMatcher(await selector);
  for await (const r of match(root)) return r;
  return null;
}
