import type { Browser } from 'puppeteer-core';
export const GECKO_ID: string;
export const EXTENSION_DIRS: { chromium: string; firefox: string };
export interface ExtensionBrowser {
  name: 'chromium' | 'firefox';
  browser: Browser;
  extensionOrigin: string;
  version: string;
  close(): Promise<void>;
}
export function launchWithExtension(name: 'chromium' | 'firefox', options?: { headless?: boolean; args?: string[] }): Promise<ExtensionBrowser>;
