/**
 * WCAG 2.1 AA over the extension's own pages (popup with "This page", review page, options
 * page) in light and dark, with axe-core run inside real Chromium (the engine decides the
 * colours, so contrast is measured as drawn). The in-page card is being moved to a frame of
 * its own (issue #16) and is checked there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { actionTitleFor, launch, openExtensionPage, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';
import { openPopup, tabIdFor } from './support/popup';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    }),
  )) as { violations: { id: string; nodes: { target: string[]; failureSummary?: string }[] }[] };
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`));
}

describe('chromium: accessibility (axe-core, WCAG 2.1 AA)', () => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let tabId: number;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch('chromium');
    const probe = await openExtensionPage(ext, 'options.html');
    const url = server.url('/demo-article.html');
    const make = (exact: string, colour: string, note = '', tags: string[] = []) =>
      sendFromExtension(probe, {
        type: 'annotation/create',
        page: { key: url, url, title: 'Valley towns agree shared flood warning line', site: 'The Meridian Courier' },
        annotation: { pageKey: url, colour, note, tags, selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] },
      });
    await make('Seven towns along the Ostra river agreed on Thursday', 'yellow', 'A [link](https://example.org) and **bold**', ['floods']);
    await make('The old stone footbridge at Marlow', 'green');
    await make('A passage that is not on the page any more', 'pink');
    const article = await ext.browser.newPage();
    await article.goto(url);
    await waitFor(async () => /highlights/.test(await actionTitleFor(probe, url)), 'the page to load its highlights');
    tabId = await tabIdFor(probe, url);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('the popup shows its whole search placeholder, and the tag field says what it is for', async () => {
    const popup = await openPopup(ext, tabId);
    const fits = await popup.$eval('input[type=search]', (input) => {
      const i = input as HTMLInputElement;
      const style = getComputedStyle(i);
      const ctx = document.createElement('canvas').getContext('2d')!;
      ctx.font = `${style.fontSize} ${style.fontFamily}`;
      const room = i.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { text: ctx.measureText(i.placeholder).width, room };
    });
    expect(fits.text).toBeLessThanOrEqual(fits.room);
    await popup.locator('section.all li.annotation ::-p-aria(Edit)').click();
    const tag = await popup.waitForSelector('section.all [data-ctl="tag"]');
    expect(await tag!.evaluate((e) => (e as HTMLInputElement).placeholder)).toBe('New tag');
    await popup.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`popup, review and options pages: no violations (${scheme})`, async () => {
      const found: string[] = [];
      for (const path of ['popup.html', 'review.html', 'options.html']) {
        const page = path === 'options.html' ? await openExtensionPage(ext, path) : await openPopup(ext, path === 'popup.html' ? tabId : undefined, path);
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        if (path === 'popup.html') await waitFor(async () => (await page.evaluate(() => document.documentElement.dataset.thisPage)) === 'ready', 'this page');
        // An open editor too: its fields need labels and contrast like the rest.
        if (path !== 'options.html') await page.locator('section.all li.annotation ::-p-aria(Edit)').click();
        found.push(...(await violations(page)).map((v) => `${path}: ${v}`));
        await page.close();
      }
      expect(found).toEqual([]);
    });
  }
});
