/**
 * Highlights and notes in real Chromium and Firefox: select → highlight → reload → painted again
 * on the same words; notes, colours, delete, two tabs, and an orphan when the passage is gone.
 *
 * Chromium tests press the toolbar's buttons by role and name, through the accessibility tree
 * (which reaches into our closed shadow root, as assistive technology does). Puppeteer's ARIA
 * queries over WebDriver BiDi do not enter shadow roots in Firefox, so there the same actions go
 * through the context-menu path (a command from the background) and the card's keyboard use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
  cardFrame,
  focusedCard,
  clickHighlight,
  highlightSelection,
  launch,
  openExtensionPage,
  paintedHighlights,
  selectText,
  sendFromExtension,
  serveFixtures,
  waitFor,
  type ExtensionBrowser,
} from './support/extension';
import type { Annotation } from '@/src/messages';

const START = 'Seven towns along the Ostra';

describe.each(BROWSERS)('%s: highlights and notes', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  const routes = new Map<string, () => string>();

  beforeAll(async () => {
    server = await serveFixtures(routes);
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const stored = async () => (await sendFromExtension<{ annotations: Annotation[] }>(probe, { type: 'annotations/all' })).annotations;
  const quoteOf = (a: Annotation) => a.selectors.flatMap((s) => (s.type === 'TextQuoteSelector' ? [s.exact] : []))[0];
  const clearAll = async () => {
    for (const a of await stored()) await sendFromExtension(probe, { type: 'annotation/delete', id: a.id });
  };

  const highlight = (page: Page, url: string, colour: string) => highlightSelection(name, probe, page, url, colour);
  const colourFor = (wanted: string) => (name === 'chromium' ? wanted : 'yellow');

  it('paints a highlight on the selected words, and again after a reload', async () => {
    await clearAll();
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
    const selected = await selectText(page, START, 60);
    await highlight(page, url, 'green');
    const colour = colourFor('green');
    await waitFor(async () => (await paintedHighlights(page))[colour]?.[0] === selected, 'the highlight to be painted');
    expect(await page.evaluate(() => document.querySelectorAll('mark').length)).toBe(0); // no wrappers in the page
    const [saved] = await stored();
    expect(quoteOf(saved)).toBe(selected);

    await page.reload();
    // Restored on the same words (whitespace at the ends of a quote is not part of the match).
    await waitFor(async () => (await paintedHighlights(page))[colour]?.[0] === selected.trim(), 'the highlight to come back after reload');
    expect(await paintedHighlights(page)).toEqual({ [colour]: [selected.trim()] });
    await page.close();
  });

  it('keeps a note written in the highlight’s card, across a reload', async () => {
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => Object.keys(await paintedHighlights(page)).length === 1, 'the saved highlight');
    await clickHighlight(page);
    const note = 'Check the **flood** figures';
    if (name === 'chromium') {
      const card = await cardFrame(page);
      await (await card.waitForSelector('aria/Add note', { timeout: 5000 }))!.click();
      await (await card.waitForSelector('aria/Note', { timeout: 5000 }))!.type(note);
      await (await card.waitForSelector('aria/Save note'))!.click();
    } else {
      // The card takes focus on its first control, "Add note"; Ctrl+Enter saves.
      await focusedCard(page);
      await page.keyboard.press('Enter');
      await page.keyboard.type(note);
      await page.keyboard.down('Control');
      await page.keyboard.press('Enter');
      await page.keyboard.up('Control');
    }
    await waitFor(async () => (await stored())[0]?.note === note, 'the note to be saved');
    await page.reload();
    await waitFor(async () => Object.keys(await paintedHighlights(page)).length === 1, 'the highlight after reload');
    expect((await stored())[0].note).toBe(note);
    await page.close();
  });

  it('changes the colour and deletes from the card', async () => {
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => Object.keys(await paintedHighlights(page)).length === 1, 'the saved highlight');
    await clickHighlight(page);
    if (name === 'chromium') {
      await (await (await cardFrame(page)).waitForSelector('aria/Colour blue', { timeout: 5000 }))!.click();
    } else {
      await focusedCard(page);
      // Focus starts on "Edit note"; then the colours: yellow, green, blue.
      for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    }
    await waitFor(async () => (await stored())[0]?.colour === 'blue', 'the colour to be saved');
    await waitFor(async () => !!(await paintedHighlights(page)).blue, 'the highlight to be repainted blue');

    if (name === 'chromium') {
      await (await (await cardFrame(page)).waitForSelector('aria/Delete', { timeout: 5000 }))!.click();
    } else {
      // After the five colours: "Copy quote", then "Delete".
      for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    }
    await waitFor(async () => (await stored()).length === 0, 'the highlight to be deleted');
    await waitFor(async () => Object.keys(await paintedHighlights(page)).length === 0, 'the paint to go');
    await page.close();
  });

  it('shows a highlight made in one tab in another tab of the same page', async () => {
    await clearAll();
    const url = server.url('/demo-article.html');
    const a = await ext.browser.newPage();
    await a.goto(url);
    const b = await ext.browser.newPage();
    await b.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content scripts');
    await a.bringToFront();
    const selected = await selectText(a, START, 40);
    await highlight(a, url, 'pink');
    await waitFor(async () => (await paintedHighlights(b))[colourFor('pink')]?.[0] === selected.trim(), 'the other tab to paint it');
    await a.close();
    await b.close();
  });

  it('keeps a highlight whose passage is gone as an orphan, and paints nothing in its place', async () => {
    await clearAll();
    const { readFileSync } = await import('node:fs');
    const original = readFileSync(new URL('../fixtures/demo-article.html', import.meta.url), 'utf8');
    let html = original;
    routes.set('/changing-article.html', () => html);
    const url = server.url('/changing-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
    const selected = await selectText(page, START, 60);
    await highlight(page, url, 'yellow');
    await waitFor(async () => (await stored()).length === 1, 'the highlight to be saved');

    // The publisher removes that paragraph.
    html = original.replace(/<p>[^<]*Seven towns along the Ostra[\s\S]*?<\/p>/, '');
    expect(html).not.toContain(START);
    await page.reload();
    await waitFor(async () => /1 not found/.test(await actionTitleFor(probe, url)), 'the title to report the orphan');
    expect(await paintedHighlights(page)).toEqual({});
    const [kept] = await stored();
    expect(quoteOf(kept)).toBe(selected);
    await page.close();
  });
});
