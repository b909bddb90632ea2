/**
 * The popup's search and a page's Markdown export, as a reader meets them (Chromium: nothing
 * here depends on the browser). Search folds what the reader types plainly ("China's") onto
 * the page's typography ("China’s"); a page's Markdown file is named by whole words, starts
 * with front matter, has the title once and dates a reader can read, and an imported note's
 * raw HTML and javascript: link come out as text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launch, openExtensionPage, sendFromExtension, type ExtensionBrowser } from './support/extension';
import { catchDownloads, listedGroups, openPopup, savedFiles } from './support/popup';
import { waitFor } from './support/extension';

const KEY = 'https://meridian.example/2019/11/valley-floods';
const TITLE = 'Valley towns agree shared flood warning line after record spring floods | The Meridian Courier';
const QUOTE = 'China’s exports of pumps rose — the “largest” rise since 2009';
const NOTE = 'See **this**.\n\n<img src=x onerror=alert(1)>\n\n## Forged heading\n\n[x](javascript:alert(1))';

describe('chromium: popup search and Markdown export', () => {
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    ext = await launch('chromium');
    const probe = await openExtensionPage(ext, 'options.html');
    const made = await sendFromExtension<{ annotation?: unknown }>(probe, {
      type: 'annotation/create',
      page: { key: KEY, url: KEY, title: TITLE, site: 'The Meridian Courier', published: '2019-11-19T10:48:00+00:00' },
      annotation: { pageKey: KEY, colour: 'green', note: NOTE, selectors: [{ type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' }] },
    });
    expect(made.annotation).toBeDefined();
    popup = await openPopup(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it.each([["china's exports"], ['"largest" rise'], ['pumps rose - the']])('finds the quote when the reader types %s', async (typed) => {
    const box = (await popup.waitForSelector('::-p-aria(Search annotations)'))!;
    await box.click({ count: 3 });
    await popup.keyboard.press('Backspace');
    await box.type(typed);
    await waitFor(async () => (await popup.$eval('.counts', (e) => e.textContent ?? '')).startsWith('Matching'), 'the search');
    await waitFor(async () => (await listedGroups(popup)).length === 1, `a match for ${typed}`);
    expect((await listedGroups(popup))[0]!.quotes).toEqual([QUOTE]);
  });

  it('exports a page as a Markdown file ready for a notes app', async () => {
    const box = (await popup.waitForSelector('::-p-aria(Search annotations)'))!;
    await box.click({ count: 3 });
    await popup.keyboard.press('Backspace');
    await catchDownloads(popup);
    await popup.locator('section.all section.page ::-p-aria(Export Markdown)').click();
    await waitFor(async () => (await savedFiles(popup)).length === 1, 'the export');
    const [file] = await savedFiles(popup);
    expect(file!.name).toBe('valley-towns-agree-shared-flood-warning-line-after-record.md');
    const md = file!.text;
    expect(md.startsWith('---\ntitle: ')).toBe(true);
    expect(md).toContain('\npublished: "2019-11-19T10\\u003a48\\u003a00.000Z"\n');
    expect(md).not.toContain('\\+00:00');
    expect(md.match(/^#{1,3} /gm)).toEqual(['# ']); // the title once; the note's heading is pushed down
    expect(md).toContain('published November 19, 2019');
    expect(md).toContain('> — green · ');
    expect(md).toContain('See **this**.');
    expect(md).not.toMatch(/<img|\]\(javascript:/);
  });
});
