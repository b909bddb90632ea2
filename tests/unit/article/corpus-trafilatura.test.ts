/**
 * Trafilatura's evaluation pages (tests/corpus/trafilatura): 884 real pages of many sites and
 * languages, labelled by us as one article, not an article, or neither (labels.tsv). One parse
 * per page serves two checks, because parsing is most of the cost:
 *  - detection: recall on the articles, and no non-article called an article;
 *  - declutter: every `with` snippet (a piece of the page's main text) that is in the page's
 *    reading text before declutter is still there after.
 * The browser test (tests/browser/corpus-declutter-trafilatura.test.ts) checks the snippets on
 * screen in real browsers for a sample; this one covers every page.
 */
import { detectArticle } from '../../../src/article';
import { readingText, startDeclutter } from '../../../src/declutter';
import { trafilaturaHtml, trafilaturaPages, type TrafilaturaPage } from '../../corpus/trafilatura/corpus.mjs';
import { loadPage } from './load-page';

interface Row {
  page: TrafilaturaPage;
  detected: boolean;
  score: number;
  reasons: string[];
  /** `with` snippets found in the reading text before declutter, and those gone after. */
  present: number;
  lost: string[];
}

const norm = (s: string) => s.replace(/[\s\u00a0\u200b]+/g, ' ').trim();

async function judge(page: TrafilaturaPage): Promise<Row> {
  const { doc, close } = loadPage(trafilaturaHtml(page.file), page.url);
  try {
    const d = detectArticle(doc, page.url);
    const before = norm(readingText(doc.body));
    const present = page.with.map(norm).filter((s) => s && before.includes(s));
    const c = startDeclutter(doc);
    const after = norm(readingText(doc.body));
    c.undo();
    const lost = present.filter((s) => !after.includes(s));
    return { page, detected: d.isArticle, score: d.score, reasons: d.reasons, present: present.length, lost };
  } finally {
    await close();
  }
}

const describeLine = (r: Row) => `${r.page.file} ${r.score} [${r.reasons.join('; ')}] ${r.page.url}`;

describe('trafilatura corpus: detection and declutter on 884 real pages', { timeout: 900_000 }, () => {
  const pages = trafilaturaPages();
  const rows: Row[] = [];

  beforeAll(async () => {
    for (const p of pages) rows.push(await judge(p));
    const of = (label: string) => rows.filter((r) => r.page.label === label);
    const articles = of('article');
    const non = of('non-article');
    const tp = articles.filter((r) => r.detected).length;
    const fp = non.filter((r) => r.detected).length;
    const snippets = rows.reduce((n, r) => n + r.page.with.length, 0);
    const present = rows.reduce((n, r) => n + r.present, 0);
    const lost = rows.reduce((n, r) => n + r.lost.length, 0);
    console.log('Trafilatura corpus:');
    console.table({
      detection: {
        articles: articles.length,
        'found (recall)': `${tp} (${(tp / articles.length).toFixed(3)})`,
        'non-articles': non.length,
        'called articles': fp,
        precision: +(tp / Math.max(1, tp + fp)).toFixed(3),
        'other pages called articles': `${of('other').filter((r) => r.detected).length}/${of('other').length}`,
      },
    });
    console.log(
      `declutter: ${present}/${snippets} 'with' snippets in the reading text before declutter; ` +
        `${present - lost}/${present} kept after (${lost} lost)`,
    );
    const missed = articles.filter((r) => !r.detected);
    if (missed.length) console.log('Articles not found:\n  ' + missed.map(describeLine).join('\n  '));
    console.log('Non-articles:\n  ' + non.map((r) => `${r.detected ? 'ARTICLE' : 'not'} ${describeLine(r)}`).join('\n  '));
  }, 900_000);

  it('reads every labelled page', () => {
    expect(rows.length).toBe(pages.length);
    expect(pages.filter((p) => p.label === 'article').length).toBeGreaterThan(700);
    expect(pages.filter((p) => p.label === 'non-article').length).toBeGreaterThanOrEqual(9);
  });

  // Issue #13 asks for 0.98; 0.970 is what detection reaches now (23 of 777 missed, listed by
  // the summary above). This holds the ground gained until the rest is done.
  it('finds at least 97% of the articles', () => {
    const articles = rows.filter((r) => r.page.label === 'article');
    const missed = articles.filter((r) => !r.detected);
    expect(1 - missed.length / articles.length, `missed:\n${missed.map(describeLine).join('\n')}`).toBeGreaterThanOrEqual(0.97);
  });

  it('calls none of the non-article pages an article', () => {
    const wrong = rows.filter((r) => r.page.label === 'non-article' && r.detected);
    expect(wrong.map(describeLine)).toEqual([]);
  });

  it("keeps every 'with' snippet of the main text in the reading text after declutter", () => {
    expect(rows.reduce((n, r) => n + r.present, 0)).toBeGreaterThan(1500);
    const lost = rows.filter((r) => r.lost.length).map((r) => `${r.page.file}: ${JSON.stringify(r.lost)}`);
    expect(lost).toEqual([]);
  });
});
