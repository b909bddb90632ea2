/**
 * Re-attaching an orphan, in both browsers: the popup lists the highlight as not found, the
 * reader presses "Re-attach to a new selection", selects the passage on the page and highlights
 * it; the same annotation (its note and colour) now lives there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, highlightSelection, launch, openExtensionPage, paintedHighlights, selectText, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';
import { openPopup, tabIdFor } from './support/popup';

type All = { annotations: { id: string; note: string; colour: string; pageKey: string }[] };

describe.each(BROWSERS)('%s: re-attach an orphan', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let article: Page;
  let url: string;
  let tabId: number;
  const all = () => sendFromExtension<All>(probe, { type: 'annotations/all' });
  const text = (p: Page, sel: string) => p.$eval(sel, (e) => (e as HTMLElement).innerText);

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'options.html');
    url = server.url('/demo-article.html');
    article = await ext.browser.newPage();
    await article.goto(url);
    await waitFor(async () => /Article/.test(await actionTitleFor(probe, url)), 'the content script');
    tabId = await tabIdFor(probe, url);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('re-attaches an orphan to the passage the reader selects next, in the colour chosen', async () => {
    const lost = 'A sentence the publisher rewrote beyond recognition';
    const created = await sendFromExtension<{ annotation: { id: string } }>(probe, {
      type: 'annotation/create',
      page: { key: url, url, title: 'The Ostra valley' },
      annotation: { pageKey: url, colour: 'purple', note: 'keep me', selectors: [{ type: 'TextQuoteSelector', exact: lost, prefix: '', suffix: '' }] },
    });
    const id = created.annotation.id;
    await article.reload();
    await waitFor(async () => /not found on the page/.test(await actionTitleFor(probe, url)), 'the orphan to be reported');
    const view = await openPopup(ext, tabId);
    await waitFor(async () => (await view.evaluate(() => document.documentElement.dataset.thisPage)) === 'ready', 'this page to render');
    const item = `section.this-page li.annotation[data-id="${id}"]`;
    // Two orphans are listed; this one's button (puppeteer's ARIA query cannot be scoped by an attribute selector with a quoted value).
    const reattach = (await view.waitForSelector(`${item} .orphan button`, { timeout: 10_000 }))!;
    expect(await reattach.evaluate((b) => b.textContent)).toBe('Re-attach to a new selection');
    await reattach.click();
    await waitFor(async () => /select the passage/i.test(await text(view, item)), 'the popup to say what to do next');

    await article.bringToFront();
    const selected = await selectText(article, 'The old stone footbridge at Marlow', 34);
    // Chromium: the reader picks green in the toolbar. Firefox: the context-menu command, which
    // picks no colour, so the highlight keeps its own.
    await highlightSelection(name, probe, article, url, 'green');
    const colour = name === 'chromium' ? 'green' : 'purple';

    await waitFor(async () => (await all()).annotations.find((a) => a.id === id)?.pageKey === url && JSON.stringify((await all()).annotations.find((a) => a.id === id)).includes(selected), 'the orphan to take the new passage');
    const now = (await all()).annotations.find((a) => a.id === id)!;
    expect(now.note).toBe('keep me'); // the same annotation, not a new one
    expect(now.colour).toBe(colour);
    await waitFor(async () => ((await paintedHighlights(article))[colour] ?? []).includes(selected), 'the re-attached highlight to be painted');
    await view.close();
  });
});
