/**
 * Chromium only: runs code in Clearmark's content-script world of a page (its isolated world),
 * reached through the DevTools protocol, as code running there (a compromised renderer, or a
 * bug of ours) would. WebDriver BiDi (Firefox) gives tests no handle on that world.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { waitFor, type ExtensionBrowser } from './extension';

export async function contentWorld(ext: ExtensionBrowser, page: Page): Promise<(expression: string) => Promise<unknown>> {
  const session: CDPSession = await page.createCDPSession();
  const contexts: { id: number; name: string; origin: string; auxData?: { type?: string } }[] = [];
  session.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await session.send('Runtime.enable');
  const find = () => contexts.find((c) => c.auxData?.type === 'isolated' && (c.name === 'Clearmark' || c.origin.startsWith(ext.extensionOrigin)));
  await waitFor(() => !!find(), 'the content script’s world');
  const contextId = find()!.id;
  return async (expression) => {
    const r = await session.send('Runtime.evaluate', { contextId, expression, awaitPromise: true, returnByValue: true });
    return r.result.value;
  };
}
