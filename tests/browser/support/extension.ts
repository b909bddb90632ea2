/**
 * Browser-test support: the built extension in real Chromium and Firefox, pages served from
 * 127.0.0.1, and an extension page to look inside the extension (its database, its tabs)
 * the way the popup would.
 */
import type { Frame, Page } from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import type { Annotation } from '../../../src/messages';
import { launchWithExtension, type ExtensionBrowser } from '../../../scripts/browsers.mjs';
import { serveFolder } from '../../../scripts/static-server.mjs';
import { READABILITY_DIR } from '../../corpus/paths.mjs';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];
export type { ExtensionBrowser };

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const CORPUS = `${READABILITY_DIR}/`;

export const launch = (name: BrowserName) => launchWithExtension(name);
export const serveFixtures = (routes?: Map<string, () => string>) => serveFolder(FIXTURES, { routes });

/**
 * Opens an extension page (e.g. popup.html) in a tab. Firefox's BiDi does not report the
 * load of a moz-extension:// navigation, so we start it and wait until the page is there.
 */
export async function openExtensionPage(ext: ExtensionBrowser, path: string): Promise<Page> {
  const page = await ext.browser.newPage();
  const url = `${ext.extensionOrigin}/${path}`;
  if (ext.name === 'chromium') {
    await page.goto(url);
    return page;
  }
  page.goto(url, { timeout: 0 }).catch(() => {});
  await waitFor(async () => {
    const state = await page.evaluate(() => `${location.href} ${document.readyState}`).catch(() => '');
    return state === `${url} complete`;
  }, `extension page ${path} to load`);
  return page;
}

/** Polls until `check` is true; fails with what it was waiting for. */
export async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeout = 15_000): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The toolbar button's title for the tab showing `url`, as the content script set it. */
export async function actionTitleFor(probe: Page, url: string): Promise<string> {
  return probe.evaluate(async (u) => {
    // Filter ourselves: match patterns with ports are not handled alike in both browsers.
    const tab = (await browser.tabs.query({})).find((t) => t.url === u);
    return tab?.id === undefined ? '' : browser.action.getTitle({ tabId: tab.id });
  }, url);
}

/** Sends a protocol request from an extension page, as the popup does. */
export function sendFromExtension<T = unknown>(probe: Page, message: unknown): Promise<T> {
  return probe.evaluate((m) => browser.runtime.sendMessage(m), message) as Promise<T>;
}

/** Selects the first `length` characters of the first paragraph containing `start`, as a reader would with the mouse. */
export async function selectText(page: Page, start: string, length: number): Promise<string> {
  const selected = await page.evaluate(
    (start, length) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        const at = n.data.indexOf(start);
        if (at < 0) continue;
        const r = document.createRange();
        r.setStart(n, at);
        r.setEnd(n, Math.min(n.data.length, at + length));
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(r);
        return r.toString();
      }
      return '';
    },
    start,
    length,
  );
  if (!selected) throw new Error(`No text "${start}" on the page`);
  // The reader finishes the selection with a real (trusted) key: Clearmark offers its toolbar
  // only on the reader's own input, never on an event a page script dispatched.
  await page.keyboard.press('Shift');
  return selected;
}

/** What is painted in each Clearmark colour: colour → the text of each highlighted range. */
export function paintedHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const out: Record<string, string[]> = {};
    for (const colour of ['yellow', 'green', 'blue', 'pink', 'purple']) {
      const h = CSS.highlights.get(`clearmark-${colour}`);
      const texts = h ? [...(h as unknown as Set<Range>)].map((r) => r.toString()) : [];
      if (texts.length) out[colour] = texts;
    }
    return out;
  });
}

/** Sends a command to the content script of the tab showing `url`, as the context menu does. */
export async function commandTab(probe: Page, url: string, command: unknown): Promise<void> {
  await probe.evaluate(
    async (u, c) => {
      // Of the tabs showing the page, the one in front (where the reader selected text).
      const tabs = (await browser.tabs.query({})).filter((t) => t.url === u);
      const tab = tabs.find((t) => t.active) ?? tabs[0];
      if (tab?.id === undefined) throw new Error(`no tab for ${u}`);
      await browser.tabs.sendMessage(tab.id, c);
    },
    url,
    command,
  );
}

/**
 * Highlights the page's selection as a reader does. Chromium: the in-page toolbar's colour
 * button, pressed by its accessible name (with the tab in front, where Chromium answers ARIA
 * queries). Firefox: the context-menu command, which highlights in yellow, because puppeteer's
 * ARIA queries over BiDi do not enter shadow roots.
 */
export async function highlightSelection(browserName: BrowserName, probe: Page, page: Page, url: string, colour = 'yellow'): Promise<void> {
  if (browserName === 'chromium') {
    await page.bringToFront();
    await (await page.waitForSelector(`aria/Highlight ${colour}`, { timeout: 5000 }))!.click();
  } else await commandTab(probe, url, { type: 'command/highlight' });
}

/** Clicks the middle of the first painted range (a real pointer click). */
export async function clickHighlight(page: Page): Promise<void> {
  const point = await page.evaluate(() => {
    for (const [, h] of CSS.highlights as unknown as Map<string, Set<Range>>) {
      for (const r of h) {
        r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rect = r.getClientRects()[0];
        if (rect) return { x: rect.left + Math.min(rect.width / 2, 20), y: rect.top + rect.height / 2 };
      }
    }
    return null;
  });
  if (!point) throw new Error('Nothing is highlighted to click');
  await page.mouse.click(point.x, point.y);
}

/**
 * The highlight card's frame (an extension page inside the page, issue #16). Found by its
 * document's address: over BiDi, Firefox reports the frame's URL as about:blank, but scripts
 * evaluated in it see its moz-extension:// address.
 */
export async function cardFrame(page: Page): Promise<Frame> {
  let found: Frame | undefined;
  const isCard = (f: Frame) => f.evaluate(() => location.pathname === '/card-frame.html' && !!document.querySelector('.cm-card')).catch(() => false);
  await waitFor(async () => {
    for (const f of page.frames()) if (f !== page.mainFrame() && (await isCard(f))) return !!(found = f);
    return false;
  }, 'the card frame', 5000);
  return found!;
}

/** The card's frame once it has taken focus (it focuses its first control), for keyboard use. */
export async function focusedCard(page: Page): Promise<Frame> {
  const card = await cardFrame(page);
  await waitFor(() => card.evaluate(() => document.hasFocus() && document.activeElement !== document.body).catch(() => false), 'the card to take focus', 5000);
  return card;
}

/** The demo article with `head` put at the top of its <head> (runs before anything else on the page). */
export function demoArticleWith(head: string): string {
  const html = readFileSync(new URL('../../fixtures/demo-article.html', import.meta.url), 'utf8');
  return html.replace(/<head[^>]*>/i, (m) => `${m}\n${head}\n`);
}

/** Every annotation in the database, newest first, as the popup reads them. */
export async function storedAnnotations(probe: Page): Promise<Annotation[]> {
  const res = await sendFromExtension<{ annotations?: Annotation[]; error?: string }>(probe, { type: 'annotations/all' });
  if (!res?.annotations) throw new Error(`annotations/all failed: ${JSON.stringify(res)}`);
  return res.annotations;
}

/**
 * Writes a note on the first painted highlight through its card, as a reader does: Chromium
 * presses "Add note" by its accessible name; Firefox (ARIA queries do not enter shadow roots
 * over BiDi) uses the keyboard, since the card focuses "Add note" when it opens.
 * `beforeSave` runs while the editor is open with the note typed in.
 */
export async function writeNoteOnHighlight(page: Page, browserName: BrowserName, note: string, beforeSave?: () => Promise<void>): Promise<void> {
  await clickHighlight(page);
  if (browserName === 'chromium') {
    const card = await cardFrame(page);
    await (await card.waitForSelector('aria/Add note', { timeout: 5000 }))!.click();
    await (await card.waitForSelector('aria/Note', { timeout: 5000 }))!.type(note);
    await beforeSave?.();
    await (await card.waitForSelector('aria/Save note'))!.click();
  } else {
    await focusedCard(page);
    await page.keyboard.press('Enter');
    await page.keyboard.type(note);
    await beforeSave?.();
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
  }
}
