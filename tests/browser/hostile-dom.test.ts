/**
 * A page that undoes our hiding (issue #16, finding 5), in real Chromium and Firefox: its own
 * MutationObserver replaces every element we mark hidden with an unmarked copy. Declutter gives
 * up on that content after a few rounds and yields to the page between batches, so the page
 * stays responsive: its timers run and it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, demoArticleWith, launch, openExtensionPage, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';

const UNDO_HIDING = `<script>
  window.__replaced = 0;
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-clearmark-hidden]')) {
      const copy = el.cloneNode(true);
      copy.removeAttribute('data-clearmark-hidden');
      el.replaceWith(copy);
      window.__replaced++;
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
</script>`;

describe.each(BROWSERS)('%s: a page that undoes our hiding', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  const routes = new Map([['/undo-hiding.html', () => demoArticleWith(UNDO_HIDING)]]);

  beforeAll(async () => {
    server = await serveFixtures(routes);
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('stays responsive: its timers run and it answers, and the fight ends', async () => {
    const url = server.url('/undo-hiding.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
    // A hung page never answers: the race's other side says so instead of the test hanging.
    const alive = (limit: number) =>
      Promise.race([
        page.evaluate(() => new Promise<number>((r) => setTimeout(() => r((window as unknown as { __replaced: number }).__replaced), 0))),
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), limit)),
      ]);
    const first = await alive(20_000);
    expect(first).not.toBe('hung');
    expect(first).toBeGreaterThan(0); // the page did undo our hiding
    await new Promise((r) => setTimeout(r, 1000));
    const later = await alive(20_000);
    expect(later).toBe(first); // and then it stopped: we gave up on that content
    await page.close();
  });
});
