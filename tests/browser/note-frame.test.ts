/**
 * The note is never in the page's document (issue #16, finding 1 a–c), in real Chromium and
 * Firefox: the reader opens a highlight's card with a real click, types a note, saves it, then
 * selects and copies the note's text in the card. A page listening in capture phase on window and
 * document for keys and input, watching the selection and copy events, and probing with
 * `window.find`, learns nothing of the note: the card is an extension frame, not part of the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
  cardFrame,
  focusedCard,
  clickHighlight,
  demoArticleWith,
  launch,
  openExtensionPage,
  paintedHighlights,
  sendFromExtension,
  serveFixtures,
  storedAnnotations,
  waitFor,
  type ExtensionBrowser,
} from './support/extension';

const START = 'Seven towns along the Ostra';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A page that records everything its scripts can hear of the reader's typing, selecting and copying. */
const LISTENING_PAGE = demoArticleWith(`<script>
  window.__heard = [];
  const hear = (what) => window.__heard.push(what);
  for (const [at, target] of [['window', window], ['document', document]]) {
    for (const type of ['keydown', 'keypress', 'keyup']) target.addEventListener(type, (e) => hear(at + ':' + type + ':' + e.key), true);
    for (const type of ['beforeinput', 'input', 'textInput', 'compositionend'])
      target.addEventListener(type, (e) => hear(at + ':' + type + ':' + (e.data ?? '') + ':' + (e.target && 'value' in e.target ? e.target.value : '')), true);
    target.addEventListener('copy', (e) => hear(at + ':copy:' + getSelection().toString() + ':' + (e.clipboardData?.getData('text/plain') ?? '')), true);
  }
  document.addEventListener('selectionchange', () => hear('selection:' + getSelection().toString()), true);
  window.addEventListener('message', (e) => hear('message:' + JSON.stringify(e.data)), true);
</script>`);

describe.each(BROWSERS)('%s: the note is out of the page’s document', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures(new Map([['/listening.html', () => LISTENING_PAGE]]));
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('typing, saving, selecting and copying a note in the card: the page hears none of it, window.find finds none of it', async () => {
    const url = server.url('/listening.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
    await sendFromExtension(probe, {
      type: 'annotation/create',
      page: { key: url, url, title: 'Listening' },
      annotation: { pageKey: url, colour: 'yellow', selectors: [{ type: 'TextQuoteSelector', exact: START, prefix: '', suffix: ' ' }] },
    });
    await page.reload();
    await waitFor(async () => (await paintedHighlights(page)).yellow?.length === 1, 'the highlight to be painted');
    // The page's listeners do hear the reader's keys on the page itself.
    await page.keyboard.press('q');
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toContain('window:keydown:q');
    await page.evaluate(() => ((window as unknown as { __heard: string[] }).__heard.length = 0));

    const note = `Quietnote${Math.random().toString(36).slice(2, 8)}`;
    // The reader clicks the highlight; the card takes focus on "Add note": Enter, type, Ctrl+Enter.
    await clickHighlight(page);
    // (Before the card was a frame, nothing to wait for: it was in the page, focused at once.)
    await focusedCard(page).catch(() => sleep(500));
    await page.keyboard.press('Enter');
    await page.keyboard.type(note);
    await page.keyboard.down('Control');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Control');
    await waitFor(async () => (await storedAnnotations(probe))[0]?.note === note, 'the note to be saved');
    // The card now shows the note; the reader selects all of it and copies.
    await sleep(300);
    // In the card, the copy happens (to show the reader's copy worked, not that nothing ran).
    const card = await cardFrame(page).catch(() => undefined);
    await card?.evaluate(() => document.addEventListener('copy', () => ((window as unknown as { __copied: string }).__copied = getSelection()!.toString())));
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.press('c');
    await page.keyboard.up('Control');
    await sleep(300);

    const seen = await page.evaluate((note) => {
      const w = window as unknown as { __heard: string[]; find(s: string): boolean };
      const found = [note, note.slice(0, 6), note.slice(-6)].map((s) => {
        getSelection()!.removeAllRanges();
        return w.find(s);
      });
      return { heard: w.__heard, found };
    }, note);
    // What the page's capture-phase listeners would reassemble: the characters typed, one per keydown, and one per input.
    for (const type of ['keydown', 'beforeinput', 'input']) {
      const chars = seen.heard.filter((h) => h.startsWith(`window:${type}:`)).map((h) => h.split(':')[2]).filter((c) => c.length === 1);
      expect(chars.join(''), `${type} on window`).not.toContain(note.slice(0, 3));
    }
    expect(seen.heard.join('\n')).not.toContain(note.slice(0, 6));
    expect(seen.heard.join('\n')).not.toContain(note.slice(-6));
    expect(seen.found).toEqual([false, false, false]);
    // The reader's selection and copy did happen, in the card.
    expect(await card?.evaluate(() => (window as unknown as { __copied?: string }).__copied)).toContain(note);
    // Escape closes the card, and the keyboard is back on the page.
    await page.keyboard.press('Escape');
    await waitFor(async () => page.frames().length === 1, 'the card to close');
    expect(await page.evaluate(() => document.hasFocus())).toBe(true);
    await page.close();
  });

  // Chrome extension ids are fixed per extension, so a web-accessible file at a known address
  // tells a page that Clearmark is installed. use_dynamic_url (Chrome only) refuses the fixed
  // address; Firefox's extension addresses carry a random id per install, which a page cannot know.
  if (name === 'chromium')
    it('a page cannot load the card’s file by the extension’s fixed address to detect Clearmark', async () => {
      const page = await ext.browser.newPage();
      await page.goto(server.url('/demo-article.html'));
      const probed = await page.evaluate(async (origin) => {
        const fetched = await fetch(`${origin}/card-frame.html`).then(
          () => 'loaded',
          () => 'refused',
        );
        const frame = document.createElement('iframe');
        frame.src = `${origin}/card-frame.html`;
        document.body.append(frame);
        await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
        return fetched;
      }, ext.extensionOrigin);
      expect(probed).toBe('refused');
      // The frame shows the browser's error page, not ours.
      expect(page.frames().map((f) => f.url())).not.toContainEqual(expect.stringContaining('card-frame.html'));
      await page.close();
    });
});
