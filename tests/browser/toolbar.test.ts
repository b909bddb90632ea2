/**
 * The selection toolbar's place and keyboard path, in both browsers, with real input (mouse
 * drags, right-clicks, Shift+arrows, Tab, Enter, Escape). The toolbar lives in a closed shadow
 * root, so a test finds it as the page does: `elementFromPoint` answers our host element where
 * the toolbar is drawn.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension } from '../../scripts/browsers.mjs';
import { BROWSERS, actionTitleFor, demoArticleWith, openExtensionPage, paintedHighlights, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';

type Box = { left: number; top: number; right: number; bottom: number };
const PHRASE = 'The new line will combine river gauges';

describe.each(BROWSERS)('%s: selection toolbar', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures(
      new Map([
        ['/positioned/', () => demoArticleWith('<style>body { position: relative !important; margin-top: 300px !important; }</style>')],
        ['/right/', () => demoArticleWith('<style>body, body * { max-width: none !important; } p { text-align: right; }</style>')],
      ]),
    );
    // Caret browsing lets Shift+arrows select page text in Firefox (Chromium does it anyway).
    ext = await launchWithExtension(name, { firefoxPrefs: { 'accessibility.browsewithcaret': true } });
    probe = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function open(path: string) {
    const url = server.url(path);
    const page = await ext.browser.newPage();
    await page.setViewport({ width: 1000, height: 700 });
    await page.goto(url);
    await waitFor(async () => /Article/.test(await actionTitleFor(probe, url)), 'the content script');
    await page.bringToFront();
    return page;
  }

  /** The viewport box of the first `length` characters of `start` (scrolled so its top is at `y`, if given). */
  const textBox = (page: Page, start: string, length: number, y?: number) =>
    page.evaluate(
      (start, length, y) => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          const at = n.data.indexOf(start);
          if (at < 0) continue;
          const r = document.createRange();
          r.setStart(n, at);
          r.setEnd(n, at + length);
          if (y !== undefined) window.scrollBy(0, r.getBoundingClientRect().top - y);
          const b = r.getBoundingClientRect();
          return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
        }
        throw new Error(`no text ${start}`);
      },
      start,
      length,
      y,
    ) as Promise<Box>;

  /** Selects text with a real mouse drag across `box` (one line). */
  async function drag(page: Page, box: Box) {
    const y = (box.top + box.bottom) / 2;
    await page.mouse.move(box.left + 1, y);
    await page.mouse.down();
    await page.mouse.move((box.left + box.right) / 2, y, { steps: 3 });
    await page.mouse.move(box.right - 1, y, { steps: 3 });
    await page.mouse.up();
  }

  /** Whether our UI is drawn at (x, y): the page sees only our host element there. */
  const oursAt = (page: Page, x: number, y: number) => page.evaluate((x, y) => document.elementFromPoint(x, y)?.localName === 'clearmark-ui', x, y);
  const selectionText = (page: Page) => page.evaluate(() => getSelection()?.toString() ?? '');

  it('opens below a selection, and above it at the bottom of the window', async () => {
    const page = await open('/demo-article.html');
    const mid = await textBox(page, PHRASE, PHRASE.length, 300);
    await drag(page, mid);
    await waitFor(() => oursAt(page, mid.left + 20, mid.bottom + 20), 'the toolbar below the selection');
    // (A press inside the old selection would drag the text instead of selecting.)
    await page.evaluate(() => getSelection()?.removeAllRanges());
    // 50 px from the bottom: no room below for the toolbar (and out of the drag's autoscroll zone).
    const low = await textBox(page, PHRASE, PHRASE.length, 700 - 50);
    await drag(page, low);
    await waitFor(() => oursAt(page, low.left + 20, low.top - 20), 'the toolbar above a selection at the bottom');
    expect(await oursAt(page, low.left + 20, low.bottom + 20)).toBe(false);
    await page.close();
  });

  it('on a page whose <body> is positioned, sits next to the selection (not 300 px off)', async () => {
    const page = await open('/positioned/');
    const box = await textBox(page, PHRASE, PHRASE.length, 200);
    await drag(page, box);
    await waitFor(() => oursAt(page, box.left + 20, box.bottom + 20), 'the toolbar right below the selection');
    // And it works there: a click on its first button (Highlight) highlights the selection.
    await page.mouse.click(box.left + 20, box.bottom + 20);
    await waitFor(async () => JSON.stringify(await paintedHighlights(page)).includes(PHRASE), 'the highlight');
    await page.close();
  });

  it('stays inside the window when the selection is at the right edge', async () => {
    const page = await open('/right/');
    const box = await textBox(page, 'Follow the Courier', 18, 300);
    expect(box.right).toBeGreaterThan(900);
    await drag(page, box);
    const width = await page.evaluate(() => document.documentElement.clientWidth);
    // The toolbar is wider than the 30 px between the selection's left and the window's edge
    // would allow if it were not clamped: look for it at its clamped right end.
    await waitFor(() => oursAt(page, width - 20, box.bottom + 20), 'the toolbar ending inside the window');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await page.close();
  });

  it('does not open on a right-click of a selection (the browser’s menu is there)', async () => {
    const page = await open('/demo-article.html');
    const box = await textBox(page, PHRASE, PHRASE.length, 300);
    // Selected without a mouse-up of ours (as a double-click elsewhere or a script would), then right-clicked.
    await page.evaluate((phrase) => {
      const p = [...document.querySelectorAll('p')].find((e) => e.textContent!.includes(phrase))!;
      const text = [...p.childNodes].find((n) => n.nodeType === 3 && n.textContent!.includes(phrase))!;
      const at = text.textContent!.indexOf(phrase);
      getSelection()!.setBaseAndExtent(text, at, text, at + phrase.length);
    }, PHRASE);
    await page.mouse.click((box.left + box.right) / 2, (box.top + box.bottom) / 2, { button: 'right' });
    await new Promise((r) => setTimeout(r, 500));
    expect(await oursAt(page, box.left + 20, box.bottom + 20)).toBe(false);
    await page.close();
  });

  it('from a keyboard selection: Tab enters the toolbar, Enter highlights; Escape puts focus back', async () => {
    const page = await open('/demo-article.html');
    const box = await textBox(page, PHRASE, PHRASE.length, 300);
    // A caret at the start of the phrase (Firefox, caret browsing), or its first letters selected
    // (Chromium moves a selection, not a caret, without caret browsing), then Shift+arrows.
    if (name === 'firefox') await page.mouse.click(box.left + 1, (box.top + box.bottom) / 2);
    else await drag(page, { ...box, right: box.left + 12 });
    await page.keyboard.press('Escape');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.up('Shift');
    const selected = await selectionText(page);
    expect(selected.trim().length).toBeGreaterThan(5);
    await waitFor(() => oursAt(page, box.left + 20, box.bottom + 20), 'the toolbar after a keyboard selection');
    const before = await page.evaluate(() => document.activeElement?.localName ?? '');
    await page.keyboard.press('Tab');
    // Focus is in our UI (the page sees the host), the selection untouched.
    expect(await page.evaluate(() => document.activeElement?.localName)).toBe('clearmark-ui');
    expect(await selectionText(page)).toBe(selected);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.localName ?? '')).toBe(before);
    expect(await selectionText(page)).toBe(selected);
    await waitFor(async () => !(await oursAt(page, box.left + 20, box.bottom + 20)), 'the toolbar to close');
    // Again, and this time press its first button (Highlight) with Enter.
    await page.keyboard.down('Shift');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.up('Shift');
    const longer = await selectionText(page);
    await waitFor(() => oursAt(page, box.left + 20, box.bottom + 20), 'the toolbar again');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await waitFor(async () => ((await paintedHighlights(page)).yellow ?? []).includes(longer), 'the keyboard highlight');
    await page.close();
  });
});
