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
export interface LaunchOptions {
  headless?: boolean;
  args?: string[];
  /** Extra about:config preferences for Firefox. */
  firefoxPrefs?: Record<string, unknown>;
  /** Where the throwaway profile folder is made (default: the OS temp folder). */
  profileParent?: string;
}
export function launchWithExtension(name: 'chromium' | 'firefox', options?: LaunchOptions): Promise<ExtensionBrowser>;
