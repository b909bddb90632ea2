/**
 * Issue #14 item 6: a Hypothesis export (Share → Export) of several annotations on a served
 * page, imported through the popup's Import in both browsers. The page declares a same-site
 * canonical URL, so Clearmark keys it differently from the address Hypothesis saw: the imported
 * annotations must still be painted on their quotes, carry their notes, and be listed.
 * The note is checked in the card (an extension frame) in both browsers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, cardFrame, clickHighlight, demoArticleWith, launch, openExtensionPage, paintedHighlights, serveFixtures, storedAnnotations, waitFor, type ExtensionBrowser } from './support/extension';
import { chooseFile, listedGroups, openPopup, tabIdFor } from './support/popup';

const QUOTES = [
  { exact: 'Seven towns along the Ostra river agreed on Thursday', note: 'Seven towns, **one** line', tags: ['floods'] },
  { exact: 'The old stone footbridge at Marlow', note: 'Built in 1887', tags: [] },
  { exact: 'Shares fell 6 per cent in early trading at Northbank Mutual', note: 'Insurers', tags: ['money', 'insurance'] },
];

/** What Hypothesis writes: its positions count textContent (clutter included), so they are off. */
function hypothesisExport(uri: string): string {
  return JSON.stringify({
    export_date: '2024-05-01T10:00:00.000Z',
    export_userid: 'acct:reader@hypothes.is',
    client_version: '1.1400.0',
    annotations: QUOTES.map((q, i) => ({
      id: `HypId${i}AbCdEfGhIjKlMn`,
      created: `2024-04-0${i + 1}T09:00:00.000000+00:00`,
      updated: `2024-04-0${i + 1}T09:30:00.000000+00:00`,
      user: 'acct:reader@hypothes.is',
      uri,
      text: q.note,
      tags: q.tags,
      group: '__world__',
      permissions: { read: ['group:__world__'] },
      target: [{ source: uri, selector: [
        { type: 'RangeSelector', startContainer: '/main[1]/article[1]/div[2]/p[1]', startOffset: 0, endContainer: '/main[1]/article[1]/div[2]/p[1]', endOffset: q.exact.length },
        { type: 'TextPositionSelector', start: 5000 + i * 700, end: 5000 + i * 700 + q.exact.length },
        { type: 'TextQuoteSelector', exact: q.exact, prefix: '', suffix: '' },
      ] }],
      document: { title: ['The Ostra valley — Meridian Courier'] },
      links: { html: `https://hypothes.is/a/HypId${i}`, incontext: `https://hyp.is/HypId${i}/x` },
    })),
  });
}

describe.each(BROWSERS)('%s: Hypothesis import through the popup', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let popup: Page;

  beforeAll(async () => {
    // The demo article with a canonical URL on the same site, another path than the page's.
    const html = demoArticleWith('').replace(/<link rel="canonical"[^>]*>/, '<link rel="canonical" href="/news/ostra-valley-canonical">');
    server = await serveFixtures(new Map([['/hypothesis-article.html', () => html]]));
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'options.html');
    popup = await openPopup(ext);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('imports the export, paints every annotation on its quote with its note, and lists them', async () => {
    const url = server.url('/hypothesis-article.html');
    await chooseFile(popup, 'input[type=file]', 'hypothesis-export.json', hypothesisExport(`${url}?utm_source=twitter`));
    await waitFor(async () => /Imported: 3 new/.test(await popup.$eval('[role=status]', (e) => (e as HTMLElement).innerText)), 'the import message');
    const stored = await storedAnnotations(probe);
    expect(stored.map((a) => a.note).sort()).toEqual(QUOTES.map((q) => q.note).sort());
    expect(new Set(stored.map((a) => a.pageKey))).toEqual(new Set([url])); // tracking parameter dropped
    const quotes = (await listedGroups(popup)).flatMap((g) => g.quotes);
    expect(quotes.sort()).toEqual(QUOTES.map((q) => q.exact).sort());
    expect(await popup.$$eval('section.all li.annotation .note strong', (els) => els.map((e) => e.textContent))).toEqual(['one']);

    // The page keys itself by its canonical URL, not the address Hypothesis saw.
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => /3 highlights/.test(await actionTitleFor(probe, url)), 'the content script to load the imported highlights');
    expect(await actionTitleFor(probe, url)).not.toMatch(/not found/);
    const painted = await paintedHighlights(page);
    expect(Object.keys(painted)).toEqual(['yellow']);
    expect(painted.yellow!.sort()).toEqual(QUOTES.map((q) => q.exact).sort());

    // The card (an extension frame) holds the clicked annotation's note, shown rendered and in
    // its editor, in both browsers.
    await page.bringToFront();
    const clicked = await page.evaluate(() => {
      for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>) for (const r of h) return r.toString();
      return '';
    });
    await clickHighlight(page);
    const card = await cardFrame(page);
    const note = QUOTES.find((q) => q.exact === clicked)!.note;
    await waitFor(async () => (await card.$eval('textarea', (e) => (e as HTMLTextAreaElement).value).catch(() => '')) === note, 'the note in the card');
    expect(await card.$eval('.note', (e) => (e as HTMLElement).textContent)).toContain(note.replace(/\*\*/g, ''));
    // The popup's "This page" lists them too, though they are stored under the address
    // Hypothesis saw and the page keys itself by its canonical.
    const forTab = await openPopup(ext, await tabIdFor(probe, url));
    await waitFor(async () => (await forTab.$$('section.this-page li.annotation')).length === 3, '"This page" to list the imported annotations');
    await forTab.close();
    // Importing the same file again merges by Hypothesis id: nothing new, nothing changed.
    await chooseFile(popup, 'input[type=file]', 'hypothesis-export.json', hypothesisExport(`${url}?utm_source=twitter`));
    await waitFor(async () => /Imported: 0 new, 0 updated, 3 unchanged/.test(await popup.$eval('[role=status]', (e) => (e as HTMLElement).innerText)), 'the merge message');
    expect(await storedAnnotations(probe)).toHaveLength(3);
    await page.close();
  });

  it('imports in the colour the reader picks (Hypothesis has none)', async () => {
    const url = server.url('/hypothesis-green.html');
    const file = hypothesisExport(url).replace(/HypId/g, 'GreenId');
    await popup.select(`select[aria-label^="Colour for imported"]`, 'green');
    await chooseFile(popup, 'input[type=file]', 'hypothesis-green.json', file);
    await waitFor(async () => /Imported: 3 new/.test(await popup.$eval('[role=status]', (e) => (e as HTMLElement).innerText)), 'the import message');
    const imported = (await storedAnnotations(probe)).filter((a) => a.pageKey === url);
    expect(imported.map((a) => a.colour)).toEqual(['green', 'green', 'green']);
    await popup.select(`select[aria-label^="Colour for imported"]`, 'yellow');
  });

  it('refuses a file of another kind, naming the formats it reads, and stores nothing', async () => {
    const before = await storedAnnotations(probe);
    await chooseFile(popup, 'input[type=file]', 'notes.json', JSON.stringify({ notes: [{ text: 'x' }] }));
    await waitFor(async () => /Nothing was imported\..*Hypothesis export/.test(await popup.$eval('[role=alert]', (e) => (e as HTMLElement).innerText)), 'the error message');
    expect(await storedAnnotations(probe)).toEqual(before);
  });
});
