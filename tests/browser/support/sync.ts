/** Driving the options page's Sync section as a reader does, in both browsers. */
import type { Page } from 'puppeteer-core';
import { launchWithExtension } from '../../../scripts/browsers.mjs';
import { openExtensionPage, waitFor, type BrowserName, type ExtensionBrowser } from './extension';

/**
 * The browser with the extension, able to be granted a host permission: Firefox grants optional
 * permissions without its prompt (a test pref); in Chromium the test allows the server on the
 * extensions page (chrome://extensions, as a reader can), since its prompt is browser UI that
 * automation cannot answer. Either way the options page still asks with permissions.request.
 */
export async function launchForSync(name: BrowserName): Promise<ExtensionBrowser> {
  return launchWithExtension(name, { firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });
}

export async function allowHostOnExtensionsPage(ext: ExtensionBrowser, origin: string): Promise<void> {
  if (ext.name !== 'chromium') return;
  const id = ext.extensionOrigin.split('//')[1];
  const page = await ext.browser.newPage();
  await page.goto(`chrome://extensions/?id=${id}`);
  const said = await page.evaluate(
    (id, pattern) =>
      new Promise<string>((resolve) => {
        const api = (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(id: string, host: string, done: () => void): void }; runtime: { lastError?: { message: string } } } }).chrome;
        api.developerPrivate.addHostPermission(id, pattern, () => resolve(api.runtime.lastError?.message ?? 'ok'));
      }),
    id,
    `${origin}/*`,
  );
  await page.close();
  if (said !== 'ok') throw new Error(`could not allow ${origin}: ${said}`);
}

export interface SyncForm {
  url: string;
  username?: string;
  password?: string;
  passphrase: string;
}

/** Fills the Sync section and presses "Save and sync"; returns once it shows a result. */
export async function setUpSync(options: Page, form: SyncForm): Promise<{ state: string; error: string }> {
  // In front: a click in a hidden tab waits for a frame that never comes.
  await options.bringToFront();
  for (const [name, value] of Object.entries({ url: form.url, username: form.username ?? '', password: form.password ?? '', passphrase: form.passphrase })) {
    await options.$eval(`#sync input[name=${name}]`, (el) => ((el as HTMLInputElement).value = ''));
    if (value) await options.type(`#sync input[name=${name}]`, value);
  }
  await options.$eval('#sync .sync-state', (el) => (el.textContent = ''));
  await options.$eval('#sync .sync-error', (el) => (el.textContent = ''));
  await options.click('#sync button[type=submit]');
  return waitForResult(options);
}

export async function syncNow(options: Page): Promise<{ state: string; error: string }> {
  await options.bringToFront();
  await options.$eval('#sync .sync-state', (el) => (el.textContent = ''));
  await options.$eval('#sync .sync-error', (el) => (el.textContent = ''));
  await options.click('#sync button[name=sync-now]');
  return waitForResult(options);
}

async function waitForResult(options: Page) {
  let result = { state: '', error: '' };
  await waitFor(
    async () => {
      result = await options.evaluate(() => ({
        state: document.querySelector('#sync .sync-state')?.textContent ?? '',
        error: document.querySelector('#sync .sync-error')?.textContent ?? '',
      }));
      return /^Last sync|^Sync is/.test(result.state) || !!result.error;
    },
    'the Sync section to show a result',
    60_000,
  );
  return result;
}

export async function openOptions(ext: ExtensionBrowser): Promise<Page> {
  const page = await openExtensionPage(ext, 'options.html');
  await waitFor(async () => (await page.evaluate(() => document.getElementById('sync')?.dataset.ready)) === 'true', 'the Sync section');
  return page;
}

/** What the last pass did, from its status line: "sent 2, received 0, conflicts 0". */
export function counts(state: string): { sent: number; received: number; conflicts: number } {
  const m = /sent (\d+), received (\d+), conflicts (\d+)/.exec(state);
  if (!m) throw new Error(`no counts in "${state}"`);
  return { sent: Number(m[1]), received: Number(m[2]), conflicts: Number(m[3]) };
}
