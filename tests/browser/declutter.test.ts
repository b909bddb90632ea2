/**
 * Declutter in real Chromium and Firefox: what the reader sees (`innerText`) on the demo article
 * and on one page per clutter kind, with decluttering switched off for the site and on.
 *
 * The same server is reached as 127.0.0.1 (decluttering switched off for that site, as the
 * reader can do from the popup) and as localhost (on, the default), so each page is seen both
 * ways by the same built extension.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, FIXTURES, actionTitleFor, launch, openExtensionPage, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';

interface Expectations {
  clutter: string[];
  keep: string[];
  clutterWords?: string[];
}

const pages = [
  'demo-article',
  ...readdirSync(`${FIXTURES}clutter`)
    .filter((f) => f.endsWith('.html'))
    .map((f) => `clutter/${f.replace(/\.html$/, '')}`),
];
const expectations = (name: string): Expectations => JSON.parse(readFileSync(`${FIXTURES}${name}.expect.json`, 'utf8'));
const squash = (s: string) => s.replace(/\s+/g, ' ');
const hasWord = (text: string, word: string) => new RegExp(`(^|[^\\p{L}\\p{N}_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}_])`, 'u').test(text);

describe.each(BROWSERS)('%s: declutter on the live page', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let page: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
    // The reader switched decluttering off for 127.0.0.1; localhost keeps the default (on).
    await probe.evaluate(() => browser.storage.local.set({ declutterSites: { '127.0.0.1': false } }));
    page = await ext.browser.newPage();
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function visibleText(url: string, status: RegExp): Promise<{ text: string; title: string }> {
    await page.goto(url);
    let title = '';
    await waitFor(async () => status.test((title = await actionTitleFor(probe, url))), `the content script on ${url} to report ${status}`).catch((err: Error) => {
      throw new Error(`${err.message}; the toolbar title says "${title}"`);
    });
    return { text: squash(await page.evaluate(() => document.body.innerText)), title };
  }

  it.each(pages)('%s: the clutter shows without declutter and is gone with it; the article stays', async (fixture) => {
    const expect_ = expectations(fixture);
    const port = new URL(server.origin).port;
    const off = await visibleText(`http://127.0.0.1:${port}/${fixture}.html`, /decluttering is off/);
    // Without declutter the reader sees the clutter (so the page is a fair test)…
    for (const s of expect_.clutter) expect(off.text, `"${s}" visible without declutter`).toContain(squash(s));
    for (const w of expect_.clutterWords ?? []) expect(hasWord(off.text, w), `word "${w}" visible without declutter`).toBe(true);

    const on = await visibleText(`http://localhost:${port}/${fixture}.html`, /clutter items? hidden/);
    // …and with it, every clutter string is gone and every article string is still there.
    for (const s of expect_.clutter) expect(on.text, `"${s}" hidden`).not.toContain(squash(s));
    for (const w of expect_.clutterWords ?? []) expect(hasWord(on.text, w), `word "${w}" hidden`).toBe(false);
    for (const s of expect_.keep) expect(on.text, `"${s}" kept`).toContain(squash(s));
    const hidden = Number(/(\d+) clutter items? hidden/.exec(on.title)?.[1]);
    expect(hidden).toBeGreaterThan(0);
  });

  it('copies a selection that spans hidden clutter as clean text', async () => {
    const port = new URL(server.origin).port;
    await visibleText(`http://localhost:${port}/demo-article.html`, /clutter items? hidden/);
    // What a copy puts on the clipboard as plain text: the selection's own serialization (the
    // copy cleaner takes over only where clutter stays on screen, which the demo page has not).
    const copied = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('article') ?? document.body);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    });
    const { clutter, keep } = expectations('demo-article');
    expect(copied.length).toBeGreaterThan(500);
    for (const s of clutter) expect(squash(copied), `"${s}" left out of the copy`).not.toContain(squash(s));
    for (const s of keep.slice(0, 3)) expect(squash(copied)).toContain(squash(s));
  });

  it('calls a front page "Not an article" and leaves it alone', async () => {
    const url = server.url('/non-articles/front-page.html');
    const before = await page.goto(url).then(() => page.evaluate(() => document.documentElement.outerHTML.length));
    let title = '';
    await waitFor(async () => /Not an article/.test((title = await actionTitleFor(probe, url))), 'the verdict');
    expect(title).not.toMatch(/hidden/);
    expect(await page.evaluate(() => document.querySelectorAll('[data-clearmark-hidden]').length)).toBe(0);
    expect(await page.evaluate(() => document.documentElement.outerHTML.length)).toBe(before);
  });
});
