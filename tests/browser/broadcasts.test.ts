/**
 * Broadcasts after an import (issue #16, finding 7): an import of annotations on many pages
 * sends each tab at most one message, and only a tab showing an affected page gets one.
 *
 * Both browsers count what an extension page (the popup's stand-in) receives. The messages a
 * content script receives are counted in Chromium only, inside its own world reached through the
 * DevTools protocol; WebDriver BiDi (Firefox) gives no handle on that world.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { contentWorld } from './support/content-world';
import { BROWSERS, actionTitleFor, launch, openExtensionPage, paintedHighlights, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';

const COUNT = `(() => {
  globalThis.__broadcasts = [];
  chrome.runtime.onMessage.addListener((m) => { if (m && m.type === 'broadcast/annotationsChanged') globalThis.__broadcasts.push(m.pageKey); });
  return true;
})()`;

describe.each(BROWSERS)('%s: broadcasts after an import', (name) => {
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

  it('an import of 300 pages sends one message to the tab showing one of them, none to the others, one to the popup', async () => {
    const affected = server.url('/demo-article.html');
    const other = server.url('/clutter/ad-label.html');
    const tabs: Record<string, { page: Page; run: (e: string) => Promise<unknown> }> = {};
    for (const url of [affected, other]) {
      const page = await ext.browser.newPage();
      await page.goto(url);
      await waitFor(async () => (await actionTitleFor(probe, url)) !== '', `the content script on ${url}`);
      const run = name === 'chromium' ? await contentWorld(ext, page) : async () => undefined;
      await run(COUNT);
      tabs[url] = { page, run };
    }
    await probe.evaluate(COUNT.replace('chrome.runtime', 'browser.runtime'));
    const quote = [{ type: 'TextQuoteSelector', exact: 'Seven towns along the Ostra', prefix: '', suffix: '' }];
    const keys = [affected, ...Array.from({ length: 299 }, (_, i) => `https://imported.example/story/${i}`)];
    const annotations = keys.map((pageKey, i) => ({ id: `imp-${i}`, pageKey, selectors: quote, colour: 'purple', note: '', tags: [], created: 1, updated: 1 }));
    const res = await sendFromExtension(probe, { type: 'annotations/import', annotations, pages: keys.map((key) => ({ key, url: key, title: 't' })) });
    expect(res).toMatchObject({ added: 300 });
    // The affected tab repaints with the imported highlight.
    await waitFor(async () => !!(await paintedHighlights(tabs[affected].page)).purple, 'the imported highlight in the affected tab');
    await new Promise((r) => setTimeout(r, 1500));
    // The extension's pages (the popup) get one message, not one per page.
    expect(await probe.evaluate('globalThis.__broadcasts.length')).toBe(1);
    if (name === 'chromium') {
      expect(await tabs[affected].run('globalThis.__broadcasts')).toEqual([affected]);
      expect(await tabs[other].run('globalThis.__broadcasts')).toEqual([]);
    }
  });
});
