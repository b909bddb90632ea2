/**
 * Trafilatura's real pages (tests/corpus/trafilatura) in real browsers with the built extension:
 * every `with` snippet (a piece of the page's main text) that the reader sees without declutter
 * is still on screen with it, and Chromium and Firefox agree on each page's verdict and on how
 * many clutter items they hid.
 *
 * A fixed sample (every 22nd page in file-name order, 40 pages) in both browsers: all 884 pages
 * in one browser would take several times the whole browser-test budget. Every page is checked
 * at unit level, in happy-dom, by tests/unit/article/corpus-trafilatura.test.ts.
 *
 * Each page is served twice by one server: as 127.0.0.1 (decluttering switched off for that
 * site) and as localhost (on). Pages are served without their <script> elements, so both
 * browsers see the same static snapshot, with a CSP that refuses every other load (NO_LOADS).
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { TRAFILATURA_DIR } from '../corpus/paths.mjs';
import { trafilaturaPages } from '../corpus/trafilatura/corpus.mjs';
import { BROWSERS, actionTitleFor, launch, openExtensionPage, waitFor, type BrowserName, type ExtensionBrowser } from './support/extension';

const SAMPLE_STEP = 22;
const sample = trafilaturaPages().filter((_, i) => i % SAMPLE_STEP === 0);

interface Seen {
  verdict: 'Article' | 'Not an article';
  hidden: number;
  /** Snippets visible with decluttering off, and those of them gone with it on. */
  visible: number;
  lost: string[];
}
const seen: Record<BrowserName, Map<string, Seen>> = { chromium: new Map(), firefox: new Map() };

/**
 * Refuse the pages' third-party loads (images, fonts, stylesheets, frames) at once. There is no
 * network; Firefox would otherwise wait for each of them to fail before the page is complete,
 * and our content script runs at document_idle.
 */
const NO_LOADS = "img-src data:; media-src data:; font-src data:; style-src 'unsafe-inline'; frame-src 'none'; object-src 'none'; connect-src 'none'";

const squash = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();

function serve(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const i = Number(/^\/p\/(\d+)\.html$/.exec(req.url ?? '')?.[1] ?? -1);
    const page = sample[i];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    // The saved bytes (the browser decodes them by the charset the page declares), scripts
    // removed byte-for-byte through latin1, which maps every byte to one character.
    const raw = gunzipSync(readFileSync(join(TRAFILATURA_DIR, 'pages', `${page.file}.gz`))).toString('latin1');
    const html = Buffer.from(raw.replace(/<script\b[\s\S]*?<\/script\s*>/gi, ''), 'latin1');
    res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': NO_LOADS, 'cache-control': 'no-store' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

describe.each(BROWSERS)('%s: trafilatura sample, main text stays visible', (name) => {
  let ext: ExtensionBrowser;
  let served: { server: Server; port: number };
  let probe: Page;
  let page: Page;

  beforeAll(async () => {
    served = await serve();
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
    await probe.evaluate(() => browser.storage.local.set({ declutterSites: { '127.0.0.1': false } }));
    page = await ext.browser.newPage();
  });
  afterAll(async () => {
    const rows = [...seen[name].values()];
    const visible = rows.reduce((n, r) => n + r.visible, 0);
    const lost = rows.reduce((n, r) => n + r.lost.length, 0);
    console.log(
      `${name}: ${rows.length} trafilatura pages, ${rows.filter((r) => r.verdict === 'Article').length} called articles, ` +
        `${rows.reduce((n, r) => n + r.hidden, 0)} clutter items hidden; 'with' snippets visible ${visible - lost}/${visible} after declutter`,
    );
    await ext?.close();
    await new Promise((resolve) => served?.server.close(resolve));
  });

  async function load(url: string): Promise<{ text: string; title: string }> {
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 20_000 }).catch(() => {}); // a slow subresource is not our concern
    let title = '';
    await waitFor(async () => /Article|Not an article/.test((title = await actionTitleFor(probe, url))), `the content script on ${url}`).catch(async (e: Error) => {
      const tabs = await probe.evaluate(async () => (await browser.tabs.query({})).map((t) => `${t.url} ${t.status}`));
      throw new Error(`${e.message}; title "${title}"; tabs: ${tabs.join(' | ')}; readyState ${await page.evaluate(() => document.readyState).catch(() => '?')}`);
    });
    return { text: squash(await page.evaluate(() => document.body?.innerText ?? '')), title };
  }

  it.each(sample.map((p, i) => [p.file, i] as const))('%s', async (file, i) => {
    const off = await load(`http://127.0.0.1:${served.port}/p/${i}.html`);
    const on = await load(`http://localhost:${served.port}/p/${i}.html`);
    const snippets = sample[i].with.map(squash).filter((s) => off.text.includes(s));
    const lost = snippets.filter((s) => !on.text.includes(s));
    const hidden = Number(/(\d+) clutter items? hidden/.exec(on.title)?.[1] ?? 0);
    seen[name].set(file, { verdict: /Not an article/.test(on.title) ? 'Not an article' : 'Article', hidden, visible: snippets.length, lost });
    expect(lost, `${file}: main-text snippets hidden by declutter`).toEqual([]);
  });
});

describe('chromium and firefox agree on the trafilatura sample', () => {
  it('same verdict and the same number of clutter items hidden on every page', () => {
    expect(seen.chromium.size).toBe(sample.length);
    expect(seen.firefox.size).toBe(sample.length);
    const differ = sample
      .map((p) => [p.file, seen.chromium.get(p.file), seen.firefox.get(p.file)] as const)
      .filter(([, c, f]) => c?.verdict !== f?.verdict || c?.hidden !== f?.hidden)
      .map(([file, c, f]) => `${file}: chromium ${c?.verdict}/${c?.hidden}, firefox ${f?.verdict}/${f?.hidden}`);
    expect(differ).toEqual([]);
  });
});
