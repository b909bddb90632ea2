/**
 * Detection against real pages: Mozilla Readability's test pages (tests/corpus/readability) and our own non-article fixtures. Prints precision/recall for detectArticle and,
 * for comparison, for Readability's isProbablyReaderable alone.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import isProbablyReaderable from '@mozilla/readability/Readability-readerable.js';
import { detectArticle, extractMetadata, type PageMetadata } from '../../../src/article';
import { loadPage } from './load-page';
import { READABILITY_DIR } from '../../corpus/paths.mjs';

// Paths, not URL objects: under happy-dom the global URL is happy-dom's, which node:fs rejects.
const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = READABILITY_DIR;
const fixturesDir = resolve(here, '../../fixtures/non-articles');

const readList = (name: string): string[] =>
  readFileSync(join(corpusDir, name), 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

interface Row {
  group: string;
  metadata?: PageMetadata;
  name: string;
  detected: boolean;
  readerable: boolean;
  score: number;
  reasons: string[];
}

async function judge(group: string, name: string, html: string, url: string): Promise<Row> {
  const { doc, close } = loadPage(html, url);
  try {
    const d = detectArticle(doc, url);
    const metadata = group === 'news-like' ? extractMetadata(doc, url) : undefined;
    return { group, name, metadata, detected: d.isArticle, readerable: isProbablyReaderable(doc), score: d.score, reasons: d.reasons };
  } finally {
    await close();
  }
}

describe('article detection on real pages', () => {
  if (!existsSync(corpusDir)) {
    it('finds the corpus', () => {
      throw new Error(`corpus missing at ${corpusDir}`);
    });
    return;
  }

  const newsLike = readList('news-like.txt');
  const borderline = readList('borderline.txt');
  const notReaderable = readdirSync(corpusDir)
    .filter((n) => existsSync(join(corpusDir, n, 'expected-metadata.json')))
    .filter((n) => JSON.parse(readFileSync(join(corpusDir, n, 'expected-metadata.json'), 'utf8')).readerable === false);
  const fixtures = readdirSync(fixturesDir).filter((f) => f.endsWith('.html'));
  const rows: Row[] = [];

  beforeAll(async () => {
    const corpusPage = async (group: string, name: string) => {
      const html = readFileSync(join(corpusDir, name, 'source.html'), 'utf8');
      // The corpus records no page URLs; a neutral URL (neither an index nor a story shape, the
      // page's name in the query) keeps the URL signals quiet.
      rows.push(await judge(group, name, html, `https://example.com/corpus/article?page=${name}`));
    };
    for (const n of newsLike) await corpusPage('news-like', n);
    for (const n of borderline) await corpusPage('borderline', n);
    for (const n of notReaderable) await corpusPage('readerable:false', n);
    for (const f of fixtures) {
      const html = readFileSync(join(fixturesDir, f), 'utf8');
      // Fixtures name their own URL in a comment on line 1: <!-- url: https://… -->
      const url = /<!--\s*url:\s*(\S+)\s*-->/.exec(html)?.[1] ?? `https://example.com/${f}`;
      rows.push(await judge('non-article fixture', f, html, url));
      // Again at an article-shaped URL: the page's shape alone must say "not an article".
      rows.push(await judge('fixture, neutral URL', f, html, 'https://example.com/2024/05/16/some-story'));
    }

    const table = ['news-like', 'borderline', 'readerable:false', 'non-article fixture', 'fixture, neutral URL'].map((group) => {
      const g = rows.filter((r) => r.group === group);
      return {
        group,
        pages: g.length,
        'detectArticle: article': g.filter((r) => r.detected).length,
        'isProbablyReaderable: true': g.filter((r) => r.readerable).length,
      };
    });
    // Precision/recall with news-like as positives and readerable:false + fixtures as negatives
    // (borderline pages are shown above, counted in neither).
    const pos = rows.filter((r) => r.group === 'news-like');
    const neg = rows.filter((r) => r.group === 'readerable:false' || r.group === 'non-article fixture');
    const pr = (pick: (r: Row) => boolean) => {
      const tp = pos.filter(pick).length;
      const fp = neg.filter(pick).length;
      return { precision: +(tp / Math.max(1, tp + fp)).toFixed(3), recall: +(tp / pos.length).toFixed(3), tp, fp };
    };
    console.log('Article detection on real pages:');
    console.table(table);
    console.table({ detectArticle: pr((r) => r.detected), isProbablyReaderable: pr((r) => r.readerable) });
    const misses = rows.filter((r) => (r.group === 'news-like') !== r.detected && r.group !== 'borderline');
    if (misses.length) console.log('Misclassified:', misses.map((r) => `${r.group} ${r.name} ${r.score} [${r.reasons.join('; ')}]`));
    console.log('Fixtures:', rows.filter((r) => r.group.includes('fixture')).map((r) => `${r.group} ${r.name} ${r.score} [${r.reasons.join('; ')}]`));
    const close = rows.filter((r) => r.group === 'news-like').sort((a, b) => a.score - b.score).slice(0, 5);
    console.log('Lowest-scoring news articles:', close.map((r) => `${r.name} ${r.score} [${r.reasons.join('; ')}]`));
    console.log('Borderline:', rows.filter((r) => r.group === 'borderline').map((r) => `${r.name}=${r.detected} (${r.score})`).join(', '));
  }, 180_000); // parses 130 real pages: ~15 s unloaded

  it('finds at least 98% of the single news articles', () => {
    const pos = rows.filter((r) => r.group === 'news-like');
    expect(pos.length).toBe(newsLike.length);
    const missed = pos.filter((r) => !r.detected).map((r) => `${r.name} (${r.score}: ${r.reasons.join('; ')})`);
    expect(pos.filter((r) => r.detected).length / pos.length, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.98);
  });

  it('calls none of the non-article fixtures an article', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
    const wrong = rows.filter((r) => r.group === 'non-article fixture' && r.detected);
    expect(wrong.map((r) => `${r.name} (${r.score}: ${r.reasons.join('; ')})`)).toEqual([]);
  });

  it('calls none of the non-article fixtures an article from page shape alone', () => {
    const wrong = rows.filter((r) => r.group === 'fixture, neutral URL' && r.detected);
    expect(wrong.map((r) => `${r.name} (${r.score}: ${r.reasons.join('; ')})`)).toEqual([]);
  });

  it('extracts metadata that agrees with Readability\'s ground truth on news articles', () => {
    const norm = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim().toLowerCase() : '');
    // "Agrees": equal after whitespace/case folding, or one contains the other (Readability
    // strips "| Site" suffixes differently; bylines differ in a leading "By").
    const agree = (a: unknown, b: unknown) => {
      const x = norm(a);
      const y = norm(b);
      return x === y || (!!x && !!y && (x.includes(y) || y.includes(x)));
    };
    const fields = ['title', 'byline', 'siteName', 'publishedTime', 'lang'] as const;
    const stats: Record<string, { expected: number; agree: number; found: number }> = {};
    for (const row of rows.filter((r) => r.group === 'news-like')) {
      const truth = JSON.parse(readFileSync(join(corpusDir, row.name, 'expected-metadata.json'), 'utf8'));
      for (const f of fields) {
        const st = (stats[f] ??= { expected: 0, agree: 0, found: 0 });
        if (!truth[f]) continue;
        st.expected++;
        if (row.metadata?.[f]) st.found++;
        if (agree(row.metadata?.[f], truth[f])) st.agree++;
      }
    }
    console.log('extractMetadata vs expected-metadata.json (news-like pages with that field):');
    console.table(stats);
    expect(stats.title.agree / stats.title.expected).toBeGreaterThanOrEqual(0.8);
  });

  it('calls none of the pages Readability finds unreadable an article', () => {
    const wrong = rows.filter((r) => r.group === 'readerable:false' && r.detected);
    expect(wrong.map((r) => `${r.name} (${r.score}: ${r.reasons.join('; ')})`)).toEqual([]);
  });
});
