/**
 * The plumbing, in both real browsers: content script ↔ background ↔ database ↔ popup, and
 * the database out of the page's reach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
  launch,
  openExtensionPage,
  sendFromExtension,
  serveFixtures,
  waitFor,
  type ExtensionBrowser,
} from './support/extension';

const QUOTE = 'a military hotline between the two defence ministries';

describe.each(BROWSERS)('%s: extension plumbing', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch(name);
    console.log(`${name}: ${ext.version}`);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('answers the content script from the database and shows the result on the toolbar button', async () => {
    const url = server.url('/demo-article.html');
    const created = await sendFromExtension<{ annotation: { id: string } }>(probe, {
      type: 'annotation/create',
      page: { key: url, url, title: 'Demo' },
      annotation: {
        pageKey: url,
        colour: 'green',
        selectors: [{ type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' }],
      },
    });
    expect(created.annotation.id).toBeTruthy();

    const page = await ext.browser.newPage();
    await page.goto(url);
    // The content script asked the background for this page's annotations; the count it got
    // back from the database is in the button's title.
    await waitFor(async () => /\b1 highlight\b/.test(await actionTitleFor(probe, url)), 'the toolbar title to count 1 highlight');
    await page.close();
  });

  it('lists what the background stored in the popup', async () => {
    const popup = await openExtensionPage(ext, 'popup.html');
    await waitFor(async () => (await popup.evaluate(() => document.body.innerText)).includes(QUOTE), 'the popup to list the quote');
    await popup.close();
  });

  it('keeps the database out of the page’s reach', async () => {
    const page = await ext.browser.newPage();
    await page.goto(server.url('/demo-article.html'));
    const pageDatabases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    const extensionDatabases = await probe.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(extensionDatabases).toContain('clearmark'); // it exists, in the extension's origin…
    expect(pageDatabases).not.toContain('clearmark'); // …and the page cannot see it
    expect(pageDatabases).toEqual([]);
    await page.close();
  });

  it('rejects a request of the wrong shape without touching the database, and counts it', async () => {
    const stats = () => sendFromExtension<{ rejected: number }>(probe, { type: 'background/stats' });
    const before = (await stats()).rejected;
    const bad = await sendFromExtension<{ error?: string }>(probe, { type: 'annotation/delete', id: 42 });
    expect(bad.error).toMatch(/Invalid message/);
    await sendFromExtension(probe, { type: 'annotations/drop-everything' });
    expect((await stats()).rejected).toBe(before + 2);
    const all = await sendFromExtension<{ annotations: unknown[] }>(probe, { type: 'annotations/all' });
    expect(all.annotations).toHaveLength(1);
  });
});
