/**
 * The popup, in both real browsers: this page first, all annotations grouped by page, search
 * and filters, jump to passage, edit, delete and undo, export → import → export, bad imports.
 * Controls are found by role and accessible name, as assistive technology finds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, launch, openExtensionPage, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';
import { catchDownloads, chooseFile, listedGroups, openPopup, savedFiles, tabIdFor } from './support/popup';

const Q1 = 'Seven towns along the Ostra river agreed on Thursday';
const Q2 = 'The old stone footbridge at Marlow';
const ORPHAN = 'A passage that is not on the page any more';
const OTHER = 'https://elsewhere.example/budget';

type All = { annotations: { id: string; note: string; colour: string; tags: string[]; pageKey: string }[] };

describe.each(BROWSERS)('%s: popup', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let article: Page;
  let url: string;
  let tabId: number;
  let popup: Page;
  const all = () => sendFromExtension<All>(probe, { type: 'annotations/all' });
  const text = (p: Page, sel: string) => p.$eval(sel, (e) => (e as HTMLElement).innerText);

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'options.html');
    url = server.url('/demo-article.html');
    const make = (exact: string, start: number, colour: string, pageKey: string, title: string, extra = {}) =>
      sendFromExtension(probe, {
        type: 'annotation/create',
        page: { key: pageKey, url: pageKey, title },
        annotation: {
          pageKey,
          colour,
          selectors: [
            { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
            { type: 'TextPositionSelector', start, end: start + exact.length },
          ],
          ...extra,
        },
      });
    // Created out of reading order, on purpose.
    await make('Budget talks stalled <b>again</b>', 0, 'pink', OTHER, 'Budget <script>alert(1)</script> talks', { tags: ['money'] });
    await make(Q2, 1500, 'blue', url, 'The Ostra valley', { note: 'Built **1887**' });
    await make(Q1, 200, 'yellow', url, 'The Ostra valley');
    await make(ORPHAN, 900, 'green', url, 'The Ostra valley');
    article = await ext.browser.newPage();
    await article.goto(url);
    await waitFor(async () => /3 highlights/.test(await actionTitleFor(probe, url)), 'the content script to load the highlights');
    tabId = await tabIdFor(probe, url);
    popup = await openPopup(ext, tabId);
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('shows this page first (verdict, switch, highlights in reading order, orphans), then everything grouped by page', async () => {
    await waitFor(async () => (await popup.evaluate(() => document.documentElement.dataset.thisPage)) === 'ready', 'this page to render');
    const here = await text(popup, 'section.this-page');
    expect(here).toMatch(/^This page/);
    expect(here).toMatch(/Article — \d+ clutter items hidden/);
    expect(here).toMatch(/not found on this page/i);
    // The content script says which one is the orphan; the popup marks it.
    expect(await popup.$$eval('section.this-page li.annotation:has(.orphan) .quote span:last-child', (els) => els.map((e) => e.textContent))).toEqual([ORPHAN]);
    const quotes = await popup.$$eval('section.this-page li.annotation .quote span:last-child', (els) => els.map((e) => e.textContent));
    expect(quotes).toEqual([Q1, ORPHAN, Q2]); // reading order
    expect(await popup.$('::-p-aria(Hide clutter on 127.0.0.1)')).not.toBeNull();
    // The note is rendered Markdown; the page-controlled title is text.
    expect(await popup.$eval('section.this-page .note strong', (e) => e.textContent)).toBe('1887');
    const groups = await listedGroups(popup);
    // The content script refreshed the page's title on its visit.
    const stored = await sendFromExtension<{ pages: { key: string; title: string }[] }>(probe, { type: 'annotations/all' });
    const title = stored.pages.find((p) => p.key === url)!.title;
    expect(title).not.toBe('The Ostra valley');
    expect(groups.map((g) => g.title)).toEqual([title, 'Budget <script>alert(1)</script> talks']);
    expect(groups[0]!.quotes).toHaveLength(3);
    expect(await popup.$('section.all script')).toBeNull();
    await waitFor(async () => (await text(popup, '.counts')) === '4 annotations on 2 pages', 'the counts');
  });

  it('searches as you type over quotes, notes, titles and tags, and filters by colour and tag', async () => {
    const box = (await popup.waitForSelector('::-p-aria(Search annotations)'))!;
    await box.type('1887');
    await waitFor(async () => (await listedGroups(popup)).length === 1, 'the search for a note');
    expect((await listedGroups(popup))[0]!.quotes).toEqual([Q2]);
    await box.click({ count: 3 });
    await popup.keyboard.press('Backspace');
    await box.type('budget <script>');
    await waitFor(async () => JSON.stringify(await listedGroups(popup)).includes('Budget talks'), 'the search for a title');
    await box.click({ count: 3 });
    await popup.keyboard.press('Backspace');
    await box.type('money');
    await waitFor(async () => (await listedGroups(popup)).length === 1 && (await listedGroups(popup))[0]!.quotes[0]!.startsWith('Budget'), 'the search for a tag');
    await box.click({ count: 3 });
    await popup.keyboard.press('Backspace');
    await popup.select('select[aria-label="Filter by colour"]', 'blue');
    await waitFor(async () => JSON.stringify((await listedGroups(popup)).map((g) => g.quotes)) === JSON.stringify([[Q2]]), 'the colour filter');
    await popup.select('select[aria-label="Filter by colour"]', '');
    await popup.select('select[aria-label="Filter by tag"]', 'money');
    await waitFor(async () => (await listedGroups(popup)).length === 1 && (await listedGroups(popup))[0]!.title.startsWith('Budget'), 'the tag filter');
    await popup.select('select[aria-label="Filter by tag"]', '');
    await waitFor(async () => (await listedGroups(popup)).length === 2, 'the full list again');
  });

  it('jumps to the passage: focuses the tab that has the page and flashes the highlight', async () => {
    await popup.bringToFront();
    const before = (await probe.evaluate(() => browser.tabs.query({}))).length;
    await popup.locator(`section.all ::-p-aria(Yellow: ${Q1})`).click();
    // The flash is a highlight of its own for 1.6 s, in the registry the page shares with the content script.
    await waitFor(() => article.evaluate(() => CSS.highlights.has('clearmark-flash')), 'the passage to flash');
    expect(await article.evaluate(() => [...(CSS.highlights.get('clearmark-flash') as unknown as Set<Range>)].map((r) => r.toString()))).toEqual([Q1]);
    expect(await probe.evaluate(async (id) => (await browser.tabs.get(id)).active, tabId)).toBe(true);
    expect((await probe.evaluate(() => browser.tabs.query({}))).length).toBe(before); // no new tab
  });

  it('jumps to a passage whose page is not open: opens it in a new tab and flashes the highlight', async () => {
    await article.close();
    await popup.bringToFront();
    await popup.locator(`section.all ::-p-aria(Blue: ${Q2})`).click();
    let opened: Page | undefined;
    await waitFor(async () => {
      opened = (await ext.browser.pages()).find((p) => p.url() === url);
      return !!opened && (await opened.evaluate(() => CSS.highlights.has('clearmark-flash')).catch(() => false));
    }, 'the page to open and flash');
    expect(await opened!.evaluate(() => [...(CSS.highlights.get('clearmark-flash') as unknown as Set<Range>)].map((r) => r.toString()))).toEqual([Q2]);
    article = opened!;
  });

  it('edits a note, changes the colour, adds and removes a tag', async () => {
    await popup.bringToFront();
    const item = `section.all li.annotation[data-id="${(await all()).annotations.find((a) => a.note === '' && a.colour === 'yellow')!.id}"]`;
    await popup.locator(`${item} ::-p-aria(Edit)`).click();
    await popup.locator(`${item} ::-p-aria(Note)`).fill('Check the *siren* budget');
    await popup.locator(`${item} ::-p-aria(Save note)`).click();
    await waitFor(async () => (await all()).annotations.some((a) => a.note === 'Check the *siren* budget'), 'the note to be saved');
    await waitFor(async () => (await popup.$(`${item} .note em`)) !== null, 'the note to be shown');
    await popup.locator(`${item} ::-p-aria(Edit)`).click();
    await popup.select(`${item} select[aria-label="Colour"]`, 'green');
    await waitFor(async () => (await all()).annotations.some((a) => a.note.startsWith('Check') && a.colour === 'green'), 'the colour to change');
    await popup.locator(`${item} input[aria-label="Add tag"]`).fill('sirens');
    await popup.keyboard.press('Enter');
    await waitFor(async () => (await all()).annotations.some((a) => a.tags.includes('sirens')), 'the tag to be added');
    await popup.locator(`${item} ::-p-aria(Remove tag sirens)`).click();
    await waitFor(async () => !(await all()).annotations.some((a) => a.tags.includes('sirens')), 'the tag to be removed');
  });

  it('deletes with undo', async () => {
    const target = (await all()).annotations.find((a) => a.pageKey === OTHER)!;
    const item = `section.all li.annotation[data-id="${target.id}"]`;
    await popup.locator(`${item} ::-p-aria(Delete)`).click();
    await waitFor(async () => (await all()).annotations.length === 3 && (await popup.$(item)) === null, 'the delete');
    await waitFor(async () => (await text(popup, '.counts')) === '3 annotations on 1 page', 'the counts after the delete');
    await popup.locator('::-p-aria(Undo)').click();
    await waitFor(async () => (await all()).annotations.length === 4 && (await popup.$(item)) !== null, 'the undo');
    expect((await all()).annotations.find((a) => a.id === target.id)).toEqual(target);
  });

  it('export → import → export gives identical files; Markdown and clipboard exports', async () => {
    await catchDownloads(popup);
    await popup.locator('::-p-aria(Export all as JSON)').click();
    await popup.locator('::-p-aria(Export all as Markdown)').click();
    await waitFor(async () => (await savedFiles(popup)).length === 2, 'two exports');
    const [json, md] = await savedFiles(popup);
    expect(json!.name).toMatch(/^clearmark-\d{4}-\d\d-\d\d\.json$/);
    const parsed = JSON.parse(json!.text);
    expect(parsed.type).toBe('AnnotationCollection');
    expect(parsed.first.items).toHaveLength(4);
    expect(parsed.first.items[0].target.selector[0].type).toBe('TextQuoteSelector');
    expect(md!.text).toContain('## Budget \\<script\\>'.replace(/\\</g, '&lt;').replace(/\\>/g, '&gt;'));
    expect(md!.text).toContain(`> ${Q1}`);

    // Wipe everything, import the file, export again.
    for (const a of (await all()).annotations) await sendFromExtension(probe, { type: 'annotation/delete', id: a.id });
    expect((await all()).annotations).toHaveLength(0);
    await chooseFile(popup, 'input[type=file]', 'backup.json', json!.text);
    await waitFor(async () => /Imported: 4 new/.test(await text(popup, '[role=status]')), 'the import');
    await waitFor(async () => (await listedGroups(popup)).length === 2, 'the list to show the imported annotations');
    await popup.locator('::-p-aria(Export all as JSON)').click();
    await waitFor(async () => (await savedFiles(popup)).length === 3, 'the second export');
    expect((await savedFiles(popup))[2]!.text).toBe(json!.text);
    // Importing the same file again merges by id: nothing new.
    await chooseFile(popup, 'input[type=file]', 'backup.json', json!.text);
    await waitFor(async () => /Imported: 0 new, 0 updated, 4 unchanged/.test(await text(popup, '[role=status]')), 'the merge');
    expect((await all()).annotations).toHaveLength(4);
  });

  it('copies one page’s notes to the clipboard as Markdown', async () => {
    await popup.evaluate(() => {
      const w = window as unknown as { __copied?: string };
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (t: string) => ((w.__copied = t), write(t).catch(() => {}));
    });
    const group = 'section.all section.page:first-of-type';
    await popup.locator(`${group} ::-p-aria(Copy as Markdown)`).click();
    await waitFor(async () => !!(await popup.evaluate(() => (window as unknown as { __copied?: string }).__copied)), 'the copy');
    const copied = (await popup.evaluate(() => (window as unknown as { __copied: string }).__copied))!;
    expect(copied).toMatch(/^## .+\n\n<http:\/\/127\.0\.0\.1:\d+\/demo-article\.html>\n/);
    // The quote's block ends with its colour and date; the note follows as written.
    expect(copied).toMatch(new RegExp(`> ${Q2}\\n>\\n> — blue · [^\\n]+\\n\\nBuilt \\*\\*1887\\*\\*`));
  });

  it('refuses a malformed import with a clear message and changes nothing', async () => {
    const before = await all();
    await chooseFile(popup, 'input[type=file]', 'bad.json', '{"type":"AnnotationCollection","first":{"type":"AnnotationPage","items":[{"id":"urn:uuid:0b0c8f0e-1111-4222-8333-444455556666","type":"Annotation","clearmark:colour":"red","target":{"source":"x","selector":[]}}]}}');
    await waitFor(async () => /Nothing was imported\. Annotation 1: /.test(await text(popup, '[role=alert]')), 'the error message');
    await chooseFile(popup, 'input[type=file]', 'bad.json', 'not json at all');
    await waitFor(async () => /Nothing was imported\. This file is not JSON/.test(await text(popup, '[role=alert]')), 'the JSON error');
    expect(await all()).toEqual(before);
  });

  it('opens the same view as a full page, and the options page', async () => {
    const review = await openPopup(ext, undefined, 'review.html');
    expect(await review.$('section.this-page:not([hidden])')).toBeNull();
    expect((await listedGroups(review)).length).toBe(2);
    expect(await review.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search annotations');
    await review.close();
    await probe.bringToFront(); // Chromium answers aria queries for the tab in front
    expect(await probe.$('::-p-aria(Hide icon-label clutter on articles by default)')).not.toBeNull();
    expect(await probe.$('::-p-aria(Meaning of Yellow)')).not.toBeNull();
  });
});
