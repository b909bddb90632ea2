/**
 * Client-side navigation (issue #16, finding 6), in real Chromium and Firefox: after
 * `history.pushState` to another path, the page key is the new path's (WXT's location event
 * fires in Chromium before `location` changes), that path's highlights and only those are
 * painted, and a highlight made there is stored under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
  highlightSelection,
  launch,
  openExtensionPage,
  paintedHighlights,
  selectText,
  sendFromExtension,
  serveFixtures,
  storedAnnotations,
  waitFor,
  type ExtensionBrowser,
} from './support/extension';

const START = 'Seven towns along the Ostra';

describe.each(BROWSERS)('%s: client-side navigation', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const pageKeyOf = (url: string) =>
    probe.evaluate(async (u) => {
      const tab = (await browser.tabs.query({})).find((t) => t.url === u);
      return tab?.id === undefined ? '' : ((await browser.tabs.sendMessage(tab.id, { type: 'command/pageState' })) as { pageKey: string }).pageKey;
    }, url);

  it('follows pushState to another path: its key, its highlights only, new highlights stored under it', async () => {
    const urlA = server.url('/demo-article.html');
    const urlB = server.url('/demo-article.html').replace('/demo-article.html', '/stories/b');
    // A highlight stored for path B (pink), and one for path A (green), on different passages.
    const quote = (exact: string) => [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }];
    await sendFromExtension(probe, { type: 'annotation/create', page: { key: urlB, url: urlB, title: 'B' }, annotation: { pageKey: urlB, colour: 'pink', selectors: quote(START) } });
    await sendFromExtension(probe, { type: 'annotation/create', page: { key: urlA, url: urlA, title: 'A' }, annotation: { pageKey: urlA, colour: 'green', selectors: quote('The search for survivors') } });
    const page = await ext.browser.newPage();
    await page.goto(urlA);
    await waitFor(async () => !!(await paintedHighlights(page)).green, 'path A’s highlight');

    await page.evaluate((u) => history.pushState({}, '', u), urlB);
    await waitFor(async () => (await pageKeyOf(urlB)) === urlB, 'the key of path B');
    await waitFor(async () => JSON.stringify(await paintedHighlights(page)) === JSON.stringify({ pink: [START] }), 'only path B’s highlight');

    await page.evaluate(() => getSelection()!.removeAllRanges());
    const selected = await selectText(page, 'Shares fell 6 per cent', 20);
    await highlightSelection(name, probe, page, urlB);
    await waitFor(async () => (await storedAnnotations(probe)).length === 3, 'the new highlight');
    expect((await storedAnnotations(probe))[0]).toMatchObject({ pageKey: urlB, selectors: expect.arrayContaining([expect.objectContaining({ exact: selected })]) });

    await page.evaluate(() => history.back());
    await waitFor(async () => (await pageKeyOf(urlA)) === urlA, 'the key of path A again');
    await waitFor(async () => JSON.stringify(Object.keys(await paintedHighlights(page))) === '["green"]', 'only path A’s highlight again');
    expect(await actionTitleFor(probe, urlA)).toContain('1 highlight');
    await page.close();
  });
});
