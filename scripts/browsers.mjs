// Launches real Chromium or Firefox with the built extension loaded, through puppeteer-core
// (no browser download: it drives the binary find-browser.mjs finds). Used by `npm start` and
// by the browser tests, so both run the extension the same way.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findBrowser } from './find-browser.mjs';

export const GECKO_ID = 'clearmark@clearmark.dev';
const ROOT = resolve(import.meta.dirname, '..');
export const EXTENSION_DIRS = {
  chromium: join(ROOT, '.output/chrome-mv3'),
  firefox: join(ROOT, '.output/firefox-mv3'),
};

// Without these, Chromium keeps trying to reach Google's servers, which this closed network refuses.
const QUIET_CHROMIUM = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-default-browser-check', '--disable-features=Translate,MediaRouter,OptimizationHints', '--disable-gpu'];

/**
 * @typedef {{ name: 'chromium' | 'firefox', browser: import('puppeteer-core').Browser, extensionOrigin: string, version: string, close: () => Promise<void> }} ExtensionBrowser
 * @param {'chromium' | 'firefox'} name
 * @param {import('./browsers.d.mts').LaunchOptions} [options]
 * @returns {Promise<ExtensionBrowser>}
 */
export async function launchWithExtension(name, options = {}) {
  const executablePath = findBrowser(name);
  const headless = options.headless ?? true;
  const dir = EXTENSION_DIRS[name];
  // A given profile is the caller's (kept on close, e.g. to start the browser again on it).
  const profile = options.profile ?? (await mkdtemp(join(options.profileParent ?? tmpdir(), `clearmark-${name}-`)));
  let browser;
  let extensionOrigin;
  if (name === 'chromium') {
    const args = [...QUIET_CHROMIUM, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...(options.args ?? [])];
    if (process.getuid?.() === 0) args.push('--no-sandbox'); // Chromium refuses to run as root with its sandbox
    browser = await puppeteer.launch({
      executablePath,
      headless, // puppeteer's `true` is the new headless mode, which loads extensions
      userDataDir: profile,
      args,
      ignoreDefaultArgs: ['--disable-extensions'],
      protocolTimeout: 60_000,
    });
    const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout: 20_000 });
    extensionOrigin = worker.url().split('/').slice(0, 3).join('/'); // URL.origin is "null" for this scheme in Node
  } else {
    // Firefox gives each install a random internal UUID; fix it so tests know the popup's URL.
    const uuid = options.firefoxUuid ?? randomUUID();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      userDataDir: profile,
      protocolTimeout: 60_000,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
        'datareporting.policy.dataSubmissionEnabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'app.update.enabled': false,
        'extensions.update.enabled': false,
        'browser.safebrowsing.malware.enabled': false,
        'browser.safebrowsing.phishing.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        ...options.firefoxPrefs,
      },
      // Firefox 153+ lets WebDriver open moz-extension:// pages (the popup) only with system access.
      args: ['--remote-allow-system-access', ...(options.args ?? [])],
    });
    await browser.installExtension(dir);
    extensionOrigin = `moz-extension://${uuid}`;
  }
  const version = await browser.version();
  return {
    name,
    browser,
    extensionOrigin,
    version,
    profile,
    close: async () => {
      await browser.close().catch(() => {});
      if (!options.profile) await rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}
