/**
 * Firefox's own context menu, for real: the reader selects with the mouse, right-clicks the
 * selection (a real right-click opens Firefox's menu), and clicks "Highlight with Clearmark"
 * where it is drawn on the screen. The other Firefox tests send the background's message
 * themselves; this one goes through the browser's menu and the extension's menu handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { actionTitleFor, launch, openExtensionPage, paintedHighlights, serveFixtures, storedAnnotations, waitFor, type ExtensionBrowser } from './support/extension';
import { clickContextMenuItem } from './support/firefox-chrome';

const PHRASE = 'The new line will combine river gauges';

describe('firefox: the context menu', () => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch('firefox');
    probe = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('right-click on a selection → "Highlight with Clearmark" highlights it', async () => {
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => /Article/.test(await actionTitleFor(probe, url)), 'the content script');
    await page.bringToFront();
    const box = await page.evaluate((phrase) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(phrase);
        if (at < 0) continue;
        n.parentElement!.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, at + phrase.length);
        const b = r.getBoundingClientRect();
        return { left: b.left, right: b.right, y: (b.top + b.bottom) / 2 };
      }
      throw new Error('no phrase');
    }, PHRASE);
    await page.mouse.move(box.left + 1, box.y);
    await page.mouse.down();
    await page.mouse.move(box.right - 1, box.y, { steps: 5 });
    await page.mouse.up();
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(PHRASE);
    await page.mouse.click((box.left + box.right) / 2, box.y, { button: 'right' });
    let state = '';
    await waitFor(async () => (state = await clickContextMenuItem(ext.browser, 'Highlight with Clearmark')).startsWith('open→'), 'the context menu to open');
    expect(state).toBe('open→closed');
    await waitFor(async () => ((await paintedHighlights(page)).yellow ?? []).includes(PHRASE), 'the highlight from the menu');
    const stored = await storedAnnotations(probe);
    expect(JSON.stringify(stored)).toContain(PHRASE);
    await page.close();
  });
});
