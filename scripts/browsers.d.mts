import type { Browser } from 'puppeteer-core';
export const GECKO_ID: string;
export const EXTENSION_DIRS: { chromium: string; firefox: string };
export interface ExtensionBrowser {
  name: 'chromium' | 'firefox';
  browser: Browser;
  extensionOrigin: string;
  version: string;
  /** The profile folder in use. */
  profile: string;
  close(): Promise<void>;
}
export interface LaunchOptions {
  headless?: boolean;
  args?: string[];
  /** Extra about:config preferences for Firefox. */
  firefoxPrefs?: Record<string, unknown>;
  /** Where the throwaway profile folder is made (default: the OS temp folder). */
  profileParent?: string;
  /** Use this profile folder and keep it on close (to start the browser again on the same data). */
  profile?: string;
  /** Firefox: the extension's internal UUID (its moz-extension:// host), to keep it across restarts. */
  firefoxUuid?: string;
}
export function launchWithExtension(name: 'chromium' | 'firefox', options?: LaunchOptions): Promise<ExtensionBrowser>;
