/**
 * A sample of the anchoring mutation suite in real Chromium and Firefox, through the built
 * extension: highlights made with the real UI on the demo article, then the publisher changes
 * the page (an ad and a paragraph inserted, a word edited inside a quote, an exact copy of a
 * quoted sentence placed earlier while the original is edited, a quoted paragraph deleted with
 * a near-copy left elsewhere) and the reader reloads. Each highlight must come back on the
 * right words or be an orphan — never on the wrong ones.
 * (The full suite, 24 pages × 14 mutation kinds, runs in the unit tests under happy-dom.)
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, FIXTURES, highlightSelection, launch, openExtensionPage, selectText, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';

const original = readFileSync(`${FIXTURES}demo-article.html`, 'utf8');
const QUOTES = {
  edited: 'Seven towns along the Ostra river agreed on Thursday',
  copied: 'The search for survivors in the flooded lower districts of Marlow',
  deleted: 'The old stone footbridge at Marlow, an icon of the city since 1887',
  untouched: 'Critics say the plan does little to close the gap in funding',
};

function mutate(html: string): string {
  const must = (s: string, from: string, to: string) => {
    if (!s.includes(from)) throw new Error(`fixture changed: "${from}" not found`);
    return s.replace(from, to);
  };
  // An ad and a new paragraph before the article body.
  html = must(html, '<p>Seven towns', '<div class="promo">Subscribe today for 1 euro</div><p>Editor’s note: this story was updated on Friday.</p><p data-where="edited">Seven towns');
  // A word edited inside the first quote.
  html = must(html, 'river agreed on Thursday', 'river agreed late on Thursday');
  // The second quote edited in place, and an exact copy of its old wording placed earlier as a pull quote.
  html = must(html, '<p>The search for survivors in the flooded lower districts of Marlow was called off', '<p data-where="original">The search for survivors in the flooded low-lying districts of Marlow was called off');
  html = must(html, '<p class="story__standfirst"', `<blockquote data-where="copy">${QUOTES.copied}</blockquote><p class="story__standfirst"`);
  // The third quote's paragraph deleted; a near-copy stays in a caption elsewhere.
  html = html.replace(/<p>The old stone footbridge at Marlow[\s\S]*?<\/p>/, '');
  html = must(html, '</article>', '<p class="caption">The old stone footbridge at Marlow, an icon of the town since 1890</p></article>');
  return html;
}

describe.each(BROWSERS)('%s: highlights after the page changes', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let html = original;
  const routes = new Map([['/story.html', () => html]]);

  beforeAll(async () => {
    server = await serveFixtures(routes);
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('restores edited and moved quotes on the right words and leaves deleted ones as orphans', async () => {
    expect(original).toContain('<p class="story__standfirst"');
    expect(original).toContain('</article>');
    const url = server.url('/story.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => /Article/.test(await actionTitleFor(probe, url)), 'the content script');
    for (const quote of Object.values(QUOTES)) {
      await selectText(page, quote, quote.length);
      await highlightSelection(name, probe, page, url);
      await waitFor(async () => (await sendFromExtension<{ annotations: unknown[] }>(probe, { type: 'annotations/all' })).annotations.length === Object.values(QUOTES).indexOf(quote) + 1, `"${quote}" to be saved`);
    }

    html = mutate(original);
    await page.reload();
    let title = '';
    await waitFor(async () => /1 not found/.test((title = await actionTitleFor(probe, url))), 'the restore to finish with one orphan').catch(async (err: Error) => {
      const painted = await page.evaluate(() => [...((CSS.highlights.get('clearmark-yellow') as unknown as Set<Range>) ?? [])].map((r) => r.toString()));
      throw new Error(`${err.message}: title "${title}", painted ${JSON.stringify(painted)}`);
    });
    // Where each painted range is: its text and the marked element around it.
    const painted = await page.evaluate(() =>
      [...((CSS.highlights.get('clearmark-yellow') as unknown as Set<Range>) ?? [])].map((r) => ({
        text: r.toString().replace(/\s+/g, ' ').trim(),
        where: (r.startContainer.parentElement?.closest('[data-where]') as HTMLElement | null)?.dataset.where ?? r.startContainer.parentElement?.tagName,
      })),
    );
    const sorted = [...painted].sort((a, b) => a.text.localeCompare(b.text));
    expect(sorted).toEqual([
      { text: 'Critics say the plan does little to close the gap in funding', where: 'P' },
      { text: 'Seven towns along the Ostra river agreed late on Thursday', where: 'edited' },
      { text: 'The search for survivors in the flooded low-lying districts of Marlow', where: 'original' },
    ]);
    // The deleted paragraph's highlight is an orphan: still stored with its quote.
    const stored = await sendFromExtension<{ annotations: { selectors: { type: string; exact?: string }[] }[] }>(probe, { type: 'annotations/all' });
    expect(stored.annotations.map((a) => a.selectors.find((s) => s.type === 'TextQuoteSelector')?.exact?.trim())).toContain(QUOTES.deleted);
    await page.close();
  });

  it('paints a highlight when its paragraph arrives late (a "read more" expander)', async () => {
    html = original;
    const url = server.url('/late.html');
    routes.set('/late.html', () => html);
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => /Article/.test(await actionTitleFor(probe, url)), 'the content script');
    const quote = 'The council will publish the first test schedule for the sirens in June';
    const count = async () => (await sendFromExtension<{ annotations: { pageKey: string }[] }>(probe, { type: 'annotations/all' })).annotations.filter((a) => a.pageKey === url).length;
    await selectText(page, quote, quote.length);
    await highlightSelection(name, probe, page, url, 'green');
    await waitFor(async () => (await count()) === 1, 'the highlight to be saved');

    // Now the last paragraph is behind "Read more" and the page's script adds it a second later.
    const paragraph = /<p>The council will publish[\s\S]*?<\/p>/.exec(original)![0];
    html = original.replace(paragraph, '').replace('</body>', `<script>setTimeout(() => { const p = document.createElement('div'); p.innerHTML = ${JSON.stringify(paragraph)}; document.querySelector('article').append(p.firstChild); }, 1000);</script></body>`);
    await page.reload();
    await waitFor(async () => /1 not found/.test(await actionTitleFor(probe, url)), 'the highlight to be missing at first');
    const colour = name === 'chromium' ? 'green' : 'yellow';
    await waitFor(
      async () => (await page.evaluate((c) => [...((CSS.highlights.get(`clearmark-${c}`) as unknown as Set<Range>) ?? [])].map((r) => r.toString().trim()), colour)).includes(quote),
      'the highlight to be painted when the paragraph arrives',
    );
    await waitFor(async () => !/not found/.test(await actionTitleFor(probe, url)), 'the toolbar title to drop the orphan');
    await page.close();
  });
});
