/**
 * A Hypothesis-style anchorer, written for the benchmark after the Hypothesis client's
 * src/annotator/anchoring (html.ts, types.ts, match-quote.ts):
 * - describe: TextQuoteSelector (exact + 32 chars of prefix/suffix) and TextPositionSelector,
 *   both over root.textContent (so SVG <title>s, hidden labels etc. are part of it);
 * - anchor: the position first, accepted when the text there equals the stored quote; else
 *   matchQuote over textContent: exact occurrences first, otherwise approx-string-match with
 *   maxErrors = min(256, quote.length / 2); candidates scored quote 50 / prefix 20 / suffix 20 /
 *   position 2, the best one wins, with no minimum score.
 */
import search from 'approx-string-match';
import { offsetOf, rangeFromOffsets } from './text-offsets';

export interface HypQuote { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
export interface HypPosition { type: 'TextPositionSelector'; start: number; end: number }
export type HypSelector = HypQuote | HypPosition;

interface StringMatch { start: number; end: number; errors: number }

function searchExactFirst(text: string, str: string, maxErrors: number): StringMatch[] {
  let matchPos = 0;
  const exact: StringMatch[] = [];
  while (matchPos !== -1) {
    matchPos = text.indexOf(str, matchPos);
    if (matchPos !== -1) {
      exact.push({ start: matchPos, end: matchPos + str.length, errors: 0 });
      matchPos += 1;
    }
  }
  if (exact.length > 0) return exact;
  return search(text, str, maxErrors);
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0.0;
  const matches = searchExactFirst(text, str, str.length);
  return 1 - matches[0].errors / str.length;
}

export function matchQuote(
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number } = {},
): { start: number; end: number; score: number } | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = searchExactFirst(text, quote, maxErrors);
  if (matches.length === 0) return null;
  const scoreMatch = (match: StringMatch) => {
    const quoteWeight = 50;
    const prefixWeight = 20;
    const suffixWeight = 20;
    const posWeight = 2;
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix
      ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix)
      : 1.0;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1.0;
    let posScore = 1.0;
    if (typeof context.hint === 'number') posScore = 1.0 - Math.abs(match.start - context.hint) / text.length;
    const raw = quoteWeight * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + posWeight * posScore;
    return raw / (quoteWeight + prefixWeight + suffixWeight + posWeight);
  };
  const scored = matches.map((m) => ({ start: m.start, end: m.end, score: scoreMatch(m) }));
  scored.sort((a, b) => b.score - a.score);
  return scored[0];
}

const CONTEXT = 32;

export function describe(root: Element, range: Range): HypSelector[] {
  const text = root.textContent ?? '';
  let start = offsetOf(root, range.startContainer, range.startOffset);
  let end = offsetOf(root, range.endContainer, range.endOffset);
  if (end < start) [start, end] = [end, start];
  return [
    { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - CONTEXT), start), suffix: text.slice(end, end + CONTEXT) },
    { type: 'TextPositionSelector', start, end },
  ];
}

export function anchor(root: Element, selectors: HypSelector[]): Range | null {
  const quote = selectors.find((s): s is HypQuote => s.type === 'TextQuoteSelector');
  const position = selectors.find((s): s is HypPosition => s.type === 'TextPositionSelector');
  const text = root.textContent ?? '';
  if (position) {
    // html.ts: position first, verified against the quote.
    if (!quote || text.slice(position.start, position.end) === quote.exact) {
      const r = rangeFromOffsets(root, position.start, position.end);
      if (r) return r;
    }
  }
  if (!quote) return null;
  const m = matchQuote(text, quote.exact, { prefix: quote.prefix, suffix: quote.suffix, hint: position?.start });
  return m ? rangeFromOffsets(root, m.start, m.end) : null;
}
