/**
 * Browser-test support: the built extension in real Chromium and Firefox, pages served from
 * 127.0.0.1, and an extension page to look inside the extension (its database, its tabs)
 * the way the popup would.
 */
import type { Page } from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, type ExtensionBrowser } from '../../../scripts/browsers.mjs';
import { serveFolder } from '../../../scripts/static-server.mjs';

export const BROWSERS = ['chromium', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];
export type { ExtensionBrowser };

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
export const CORPUS = fileURLToPath(new URL('../../../../shared/corpus/readability/', import.meta.url));

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
