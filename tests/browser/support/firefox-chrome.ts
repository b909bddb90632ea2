/**
 * Firefox's own UI (the browser chrome), reached through WebDriver BiDi's privileged scope,
 * which Firefox allows with `--remote-allow-system-access` (scripts/browsers.mjs passes it).
 * Used to press a real context-menu item: found in the chrome document, clicked with a native
 * mouse event at its place on the screen, as the reader's pointer would.
 */
import type { Browser } from 'puppeteer-core';

type BidiConnection = { send(method: string, params: unknown): Promise<{ result: Record<string, unknown> }> };
const connection = (browser: Browser) => (browser as unknown as { connection: BidiConnection }).connection;

/** Runs `expression` (awaited) in the browser window's chrome document; returns its string result. */
export async function inFirefoxChrome(browser: Browser, expression: string): Promise<string> {
  const conn = connection(browser);
  const tree = await conn.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = (tree.result.contexts as { context: string; url: string }[]).find((c) => c.url === 'chrome://browser/content/browser.xhtml')!.context;
  const res = await conn.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
  const out = res.result as { type: string; result?: { value?: unknown }; exceptionDetails?: { text: string } };
  if (out.type !== 'success') throw new Error(`chrome script failed: ${out.exceptionDetails?.text}`);
  return String(out.result?.value ?? '');
}

/**
 * Clicks the item labelled `label` of the open page context menu at its on-screen position
 * (native mouse move, down, up). Returns the menu's state before and after, e.g. "open→closed".
 */
export function clickContextMenuItem(browser: Browser, label: string): Promise<string> {
  return inFirefoxChrome(
    browser,
    `(async () => {
      const menu = document.getElementById('contentAreaContextMenu');
      const before = menu.state;
      const item = [...menu.querySelectorAll('menuitem')].find((i) => !i.hidden && i.label === ${JSON.stringify(label)});
      if (!item) return before + '→no item';
      const r = item.getBoundingClientRect();
      const scale = window.devicePixelRatio;
      const x = (window.mozInnerScreenX + r.x + r.width / 2) * scale;
      const y = (window.mozInnerScreenY + r.y + r.height / 2) * scale;
      const u = window.windowUtils;
      u.sendNativeMouseEvent(x, y, u.NATIVE_MOUSE_MESSAGE_MOVE, 0, 0, item, null);
      u.sendNativeMouseEvent(x, y, u.NATIVE_MOUSE_MESSAGE_BUTTON_DOWN, 0, 0, item, null);
      u.sendNativeMouseEvent(x, y, u.NATIVE_MOUSE_MESSAGE_BUTTON_UP, 0, 0, item, null);
      for (let i = 0; i < 20 && menu.state !== 'closed'; i++) await new Promise((res) => setTimeout(res, 100));
      return before + '→' + menu.state;
    })()`,
  );
}
