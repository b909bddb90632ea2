/**
 * The anchoring mutation suite, every system on the same mutated copy.
 *
 * Reuses tests/unit/anchoring/mutations.ts (quote picking, the 16 mutation kinds, ground-truth
 * helpers, including parse / plantSentinels / harvestSentinels). Its runSuite() runs one
 * implementation per pass; this loop scores one mutated copy for all four systems: the same
 * quotes, the same mutations, a quarter of the mutation work.
 * Scoring is the harness's: reading-text offsets of the returned Range vs the sentinels,
 * correct when they overlap by >= 50% (IoU), wrong otherwise, orphan when null.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import {
  MUTATIONS,
  MutationContext,
  harvestSentinels,
  hash,
  loadPages,
  mulberry32,
  newsLikePages,
  parse,
  pickQuotes,
  plantSentinels,
  rangeFor,
  rangeOffsets,
  textView,
  type Outcome,
  type QuoteKind,
} from '../../tests/unit/anchoring/mutations';
import { anchor as cmAnchor, describe as cmDescribe } from '../../src/anchoring';
import * as hyp from '../baselines/hypothesis-style';
import * as dat from '../baselines/dom-anchor-text-quote';
import * as apache from '../baselines/apache-annotator';
import { installFastIntersectsNode, installSpecNodeIterator } from './node-iterator';

export interface System {
  name: string;
  describe(root: Element, range: Range): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  anchor(root: Element, selectors: any): Promise<Range | null> | Range | null;
}

export const SYSTEMS: System[] = [
  { name: 'clearmark', describe: cmDescribe, anchor: cmAnchor },
  { name: 'hypothesis-style', describe: hyp.describe, anchor: hyp.anchor },
  { name: 'dom-anchor-text-quote', describe: dat.describe, anchor: dat.anchor },
  { name: 'apache-annotator', describe: apache.describe, anchor: apache.anchor },
];

export interface Cell { total: number; correct: number; wrong: number; orphan: number }
export interface ShardResult {
  pages: string[];
  quotes: Record<QuoteKind, number>;
  skipped: Record<string, number>;
  /** system -> mutation -> counts */
  cells: Record<string, Record<string, Cell>>;
  /** system -> quote kind -> counts (mutations that keep the passage) */
  byQuote: Record<string, Record<string, Cell>>;
  /** system -> ms spent in anchor() */
  anchorMs: Record<string, number>;
  expect: Record<string, 'anchor' | 'orphan'>;
  /** a few wrong anchors per system, to read */
  samples: Record<string, { page: string; mutation: string; quote: string; exact: string; got?: string; want?: string }[]>;
}

const cell = (): Cell => ({ total: 0, correct: 0, wrong: 0, orphan: 0 });

export async function runShard(shard: number, shards: number, corpusDir: string, out: string, quotesPerKind = 5, maxPages = Infinity): Promise<ShardResult> {
  installSpecNodeIterator(document);
  installFastIntersectsNode(window as unknown as { Range: typeof Range });
  const names = newsLikePages(corpusDir).slice(0, maxPages).filter((_, i) => i % shards === shard);
  const pages = loadPages(names, corpusDir);
  const res: ShardResult = { pages: names, quotes: { words: 0, sentence: 0, sentences: 0, inline: 0 }, skipped: {}, cells: {}, byQuote: {}, anchorMs: {}, expect: {}, samples: {} };
  for (const m of MUTATIONS) {
    res.skipped[m.name] = 0;
    res.expect[m.name] = m.expect;
  }
  for (const s of SYSTEMS) {
    res.cells[s.name] = Object.fromEntries(MUTATIONS.map((m) => [m.name, cell()]));
    res.byQuote[s.name] = { words: cell(), sentence: cell(), sentences: cell(), inline: cell() };
    res.anchorMs[s.name] = 0;
    res.samples[s.name] = [];
  }
  for (const page of pages) {
    const root = parse(page.html);
    document.body.appendChild(root);
    const rnd = mulberry32(hash(page.name) ^ 1);
    const quotes = pickQuotes(root, rnd, quotesPerKind);
    const original = textView(root).text;
    for (const [qi, q] of quotes.entries()) {
      res.quotes[q.kind]++;
      const stored: unknown[] = [];
      for (const s of SYSTEMS) stored.push(await s.describe(root, rangeFor(root, q.start, q.end)));
      const exact = original.slice(q.start, q.end);
      for (const m of MUTATIONS) {
        const copy = root.cloneNode(true) as Element;
        root.replaceWith(copy);
        try {
          plantSentinels(copy, q.start, q.end);
          const ctx = new MutationContext(copy, mulberry32(hash(`${page.name}/${qi}/${m.name}`) ^ 1), exact);
          if (!m.apply(ctx)) {
            res.skipped[m.name]++;
            continue;
          }
          const want = harvestSentinels(copy);
          if ((want === null) !== (m.expect === 'orphan')) {
            res.skipped[m.name]++;
            continue;
          }
          const text = textView(copy).text;
          for (const [si, s] of SYSTEMS.entries()) {
            const t0 = performance.now();
            let range: Range | null = null;
            try {
              range = await s.anchor(copy, stored[si]);
            } catch {
              range = null; // a baseline that throws has not anchored
            }
            res.anchorMs[s.name] += performance.now() - t0;
            const got = range ? rangeOffsets(copy, range) : null;
            let outcome: Outcome;
            if (!got) outcome = 'orphan';
            else if (!want) outcome = 'wrong';
            else {
              const inter = Math.max(0, Math.min(got[1], want[1]) - Math.max(got[0], want[0]));
              const union = Math.max(got[1], want[1]) - Math.min(got[0], want[0]);
              outcome = union > 0 && inter / union >= 0.5 ? 'correct' : 'wrong';
            }
            // By quote length: only trials whose passage is still there (the anchoring ones).
            for (const c of [res.cells[s.name][m.name], ...(m.expect === 'anchor' ? [res.byQuote[s.name][q.kind]] : [])]) {
              c.total++;
              c[outcome]++;
            }
            if (outcome === 'wrong' && res.samples[s.name].length < 12) {
              res.samples[s.name].push({
                page: page.name,
                mutation: m.name,
                quote: q.kind,
                exact: exact.slice(0, 200),
                got: got ? text.slice(got[0], got[1]).slice(0, 200) : undefined,
                want: want ? text.slice(want[0], want[1]).slice(0, 200) : undefined,
              });
            }
          }
        } finally {
          copy.replaceWith(root);
        }
      }
    }
    root.remove();
  }
  mkdirSync(out.replace(/\/[^/]+$/, ''), { recursive: true });
  writeFileSync(out, JSON.stringify(res, null, 1));
  return res;
}
