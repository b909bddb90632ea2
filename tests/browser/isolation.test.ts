/**
 * Hostile pages (issue #7): what a page's own scripts and styles can do to Clearmark, in real
 * Chromium and Firefox. A page must not read the reader's database or notes, must not get the
 * background to accept a message, must not hide or disable the toolbar with CSS, and must not
 * change what the content script does by redefining built-ins before it runs.
 *
 * Everything "the page" does here runs in the page's main world (puppeteer's `page.evaluate`
 * and inline <script>s), exactly where a site's scripts run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
  clickHighlight,
  demoArticleWith,
  highlightSelection,
  launch,
  openExtensionPage,
  paintedHighlights,
  selectText,
  sendFromExtension,
  serveFixtures,
  storedAnnotations,
  waitFor,
  writeNoteOnHighlight,
  type ExtensionBrowser,
} from './support/extension';
import type { Annotation } from '@/src/messages';

const START = 'Seven towns along the Ostra';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Built-ins a page redefines before the content script runs. Each replacement records its calls
 * (what it was called with, when that mentions a note or one of our names) into
 * `window.__recorded`; the DOM ones then throw, the ones the test's own page-side helpers need
 * (and that would make the page unusable) pass the call on.
 */
const OVERRIDES: Record<string, { target: string; key: string; mode: 'throw' | 'record' }> = {
  'Array.prototype.map': { target: 'Array.prototype', key: 'map', mode: 'record' },
  'Array.prototype.filter': { target: 'Array.prototype', key: 'filter', mode: 'record' },
  'Array.prototype.forEach': { target: 'Array.prototype', key: 'forEach', mode: 'record' },
  'Array.prototype.push': { target: 'Array.prototype', key: 'push', mode: 'record' },
  'JSON.parse': { target: 'JSON', key: 'parse', mode: 'record' },
  'JSON.stringify': { target: 'JSON', key: 'stringify', mode: 'record' },
  'Range.prototype.getBoundingClientRect': { target: 'Range.prototype', key: 'getBoundingClientRect', mode: 'throw' },
  'Range.prototype.toString': { target: 'Range.prototype', key: 'toString', mode: 'record' },
  'Range.prototype.cloneRange': { target: 'Range.prototype', key: 'cloneRange', mode: 'throw' },
  'Node.prototype.contains': { target: 'Node.prototype', key: 'contains', mode: 'throw' },
  'document.createTreeWalker': { target: 'document', key: 'createTreeWalker', mode: 'record' },
  'CSS.highlights.clear': { target: 'CSS.highlights', key: 'clear', mode: 'throw' },
  'CSS.highlights.set': { target: 'CSS.highlights', key: 'set', mode: 'throw' },
  'HighlightRegistry.prototype.set': { target: 'HighlightRegistry.prototype', key: 'set', mode: 'throw' },
  'Selection.prototype.getRangeAt': { target: 'Selection.prototype', key: 'getRangeAt', mode: 'throw' },
  'EventTarget.prototype.addEventListener': { target: 'EventTarget.prototype', key: 'addEventListener', mode: 'record' },
};

/** The inline <head> script that installs `names` (all of them when empty). */
function overrideScript(names: string[]): string {
  const list = names.map((n) => OVERRIDES[n]);
  return `<script>
(() => {
  const log = (window.__recorded = []);
  const stringify = JSON.stringify, includes = String.prototype.includes, apply = Reflect.apply;
  let busy = false;
  const record = (name, self, args) => {
    if (busy) return;
    busy = true;
    try {
      let s = '';
      try { s = apply(stringify, JSON, [args]) || ''; } catch { s = String(args && args[0]); }
      if (apply(includes, s, ['CM-SECRET']) || apply(includes, s, ['clearmark'])) log[log.length] = name + ' ' + s;
      window.__calls = (window.__calls || 0) + 1;
    } finally { busy = false; }
  };
  for (const { target, key, mode } of ${JSON.stringify(list)}) {
    const obj = target.split('.').reduce((o, k) => o && o[k], window);
    if (!obj) continue;
    const original = obj[key];
    const name = target + '.' + key;
    obj[key] = function (...args) {
      record(name, this, args);
      if (${JSON.stringify('throw')} === mode) throw new Error('page override: ' + name);
      return apply(original, this, args);
    };
  }
  window.__overridden = ${JSON.stringify(names)};
})();
</script>`;
}

/** The CSS a hostile page could use against an injected toolbar. */
const HOSTILE_CSS = `<style>
  button { display: none !important; pointer-events: none !important; }
  div { opacity: 0 !important; }
  clearmark-ui { all: unset !important; display: none !important; visibility: hidden !important; opacity: 0 !important;
    pointer-events: none !important; transform: scale(0) !important; clip-path: inset(50%) !important; position: fixed !important;
    left: -10000px !important; z-index: -1 !important; }
  clearmark-ui * { display: none !important; }
  body > :last-child, [data-wxt-shadow-root], html > body > *:not(main):not(article):not(header):not(p):not(div) { display: none !important; }
  :host { display: none !important; }
  :host(clearmark-ui) { display: none !important; }
  clearmark-ui::part(*) { display: none !important; }
  *::before, *::after { content: "x" !important; }
</style>`;

describe.each(BROWSERS)('%s: a hostile page', (name) => {
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

  const clearAll = async () => {
    for (const a of await storedAnnotations(probe)) await sendFromExtension(probe, { type: 'annotation/delete', id: a.id });
  };
  async function open(path: string): Promise<{ page: Page; url: string }> {
    const url = server.url(path);
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('clutter items hidden'), `the content script on ${path}`);
    return { page, url };
  }
  /** Highlights the current selection: the toolbar in Chromium, the context-menu command in Firefox. */
  async function highlight(page: Page, url: string) {
    await highlightSelection(name, probe, page, url);
  }
  async function highlightStart(page: Page, url: string, length = 60): Promise<Annotation> {
    const before = (await storedAnnotations(probe)).length;
    const selected = await selectText(page, START, length);
    await highlight(page, url);
    await waitFor(async () => (await paintedHighlights(page)).yellow?.includes(selected) ?? false, 'the highlight to be painted');
    await waitFor(async () => (await storedAnnotations(probe)).length === before + 1, 'the highlight to be stored');
    return (await storedAnnotations(probe))[0];
  }

  it('cannot see the database: indexedDB in the page is the page’s own, empty', async () => {
    await clearAll();
    const { page, url } = await open('/demo-article.html');
    await highlightStart(page, url);
    const fromPage = await page.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      const opened = await new Promise<{ version: number; stores: string[]; upgraded: boolean }>((resolve, reject) => {
        let upgraded = false;
        const req = indexedDB.open('clearmark');
        req.onupgradeneeded = () => (upgraded = true);
        req.onsuccess = () => {
          const db = req.result;
          resolve({ version: db.version, stores: [...db.objectStoreNames], upgraded });
          db.close();
        };
        req.onerror = () => reject(req.error);
      });
      await new Promise((r) => { const d = indexedDB.deleteDatabase('clearmark'); d.onsuccess = d.onerror = r; });
      return { names, opened };
    });
    expect(fromPage.names).not.toContain('clearmark');
    // Opening "clearmark" from the page created a new, empty database in the page's origin.
    expect(fromPage.opened).toEqual({ version: 1, stores: [], upgraded: true });
    expect(fromPage.opened.stores).not.toContain('annotations');

    // The extension's own pages see the real one, with the highlight in it.
    const fromExtension = await probe.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name);
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('clearmark');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const stores = [...db.objectStoreNames];
      const count = await new Promise<number>((resolve) => {
        const r = db.transaction('annotations').objectStore('annotations').count();
        r.onsuccess = () => resolve(r.result);
      });
      db.close();
      return { names, stores, count };
    });
    if (name === 'chromium') expect(fromExtension.names).toContain('clearmark');
    expect(fromExtension.stores).toEqual(expect.arrayContaining(['annotations', 'pages']));
    expect(fromExtension.count).toBe(1);
    await page.close();
  });

  /** Everything about the page that its scripts can read, as one string, plus what shadow roots they can reach. */
  const pageReadable = (page: Page) =>
    page.evaluate(() => {
      const parts: string[] = [document.documentElement.outerHTML, document.title, document.cookie, location.href];
      let openShadowRoots = 0;
      const hosts: string[] = [];
      const visit = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll('*')) {
          if (el.shadowRoot) {
            openShadowRoots++;
            parts.push(el.shadowRoot.innerHTML);
            visit(el.shadowRoot);
          }
          if (el.tagName.toLowerCase().startsWith('clearmark')) hosts.push(el.tagName.toLowerCase());
          if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
        }
      };
      visit(document);
      // What the page gets from the rendered text, the selection and the highlight registry.
      parts.push(document.body.innerText, document.body.textContent ?? '');
      for (const [hname, h] of CSS.highlights as unknown as Map<string, Set<Range>>) for (const r of h) parts.push(hname, r.toString());
      for (let i = 0; i < localStorage.length; i++) parts.push(localStorage.key(i)!, localStorage.getItem(localStorage.key(i)!)!);
      for (let i = 0; i < sessionStorage.length; i++) parts.push(sessionStorage.key(i)!, sessionStorage.getItem(sessionStorage.key(i)!)!);
      const active = document.activeElement;
      parts.push(active?.outerHTML ?? '');
      const sel = getSelection()!;
      const saved = sel.rangeCount ? sel.getRangeAt(0) : null;
      sel.selectAllChildren(document.documentElement);
      parts.push(sel.toString());
      sel.removeAllRanges();
      if (saved) sel.addRange(saved);
      return { text: parts.join('\n'), openShadowRoots, hosts };
    });

  it('cannot find a note in anything it can read: DOM, shadow roots, text, selection, highlights', async () => {
    await clearAll();
    const secret = `CM-SECRET-${Math.random().toString(36).slice(2)} ${name} note`;
    const { page, url } = await open('/demo-article.html');
    await highlightStart(page, url);
    const checks: string[] = [];
    const check = async (when: string) => {
      const seen = await pageReadable(page);
      checks.push(when);
      expect(seen.text, when).not.toContain('CM-SECRET');
      expect(seen.openShadowRoots, when).toBe(0); // ours is closed: element.shadowRoot is null
      return seen;
    };
    await writeNoteOnHighlight(page, name, secret, async () => void (await check('while the note is being typed')));
    await waitFor(async () => (await storedAnnotations(probe))[0]?.note === secret, 'the note to be saved');
    const seen = await check('with the card open, showing the note');
    expect(seen.hosts).toContain('clearmark-ui'); // our host is on the page; the note is in the extension frame inside it

    await page.reload();
    await waitFor(async () => (await paintedHighlights(page)).yellow?.length === 1, 'the highlight after reload');
    await check('after a reload');
    await clickHighlight(page);
    await sleep(300);
    await check('with the card reopened on the saved note');
    expect(checks).toHaveLength(4);
    await page.close();
  });

  it('cannot send a message the background accepts, nor switch the content script off', async () => {
    await clearAll();
    const { page, url } = await open('/demo-article.html');
    const mine = await highlightStart(page, url);
    const before = await storedAnnotations(probe);
    const id = ext.name === 'chromium' ? ext.extensionOrigin.split('//')[1] : 'clearmark@clearmark.dev';
    const pageInfo = { key: url, url, title: 'x' };
    const attacks = [
      { type: 'annotations/all' },
      { type: 'annotation/create', page: pageInfo, annotation: { pageKey: url, colour: 'pink', selectors: [{ type: 'TextQuoteSelector', exact: 'PWNED', prefix: '', suffix: '' }] } },
      { type: 'annotation/update', id: mine.id, patch: { note: 'PWNED' } },
      { type: 'annotation/delete', id: mine.id },
      { type: 'annotation/restore', annotation: { ...mine, note: 'PWNED' } },
      { type: 'annotations/import', annotations: [{ ...mine, id: 'evil', note: 'PWNED' }], pages: [pageInfo] },
      { type: 'command/highlight' },
      { type: 'command/reattach', id: mine.id },
      { type: 'broadcast/annotationsChanged', pageKey: url },
      { type: 'tab/status', title: 'PWNED' },
    ];
    // The page selects text first, so a command it smuggled in would have something to highlight.
    await selectText(page, 'The river', 20).catch(() => selectText(page, START.slice(0, 10), 20));
    const results = await page.evaluate(
      async (extId, attacks) => {
        const out: Record<string, unknown> = {};
        const w = window as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } }; browser?: unknown };
        out.chromeRuntime = typeof w.chrome?.runtime?.sendMessage;
        out.browserGlobal = typeof w.browser;
        // 1. The extension messaging API, if the page has one (only with externally_connectable).
        const sends: unknown[] = [];
        for (const m of attacks) {
          sends.push(
            await new Promise((resolve) => {
              try {
                const r = w.chrome?.runtime?.sendMessage?.(extId, m, (res: unknown) => resolve({ answered: res ?? null }));
                if (r === undefined && !w.chrome?.runtime?.sendMessage) resolve('no API');
                setTimeout(() => resolve('no answer'), 300);
              } catch (err) {
                resolve(`threw: ${String(err).slice(0, 80)}`);
              }
            }),
          );
        }
        out.sends = sends;
        // 2. window.postMessage, to itself and "to the extension" in every shape we can think of.
        for (const m of attacks) {
          window.postMessage(m, '*');
          window.postMessage({ ...m, source: 'clearmark' }, '*');
          window.postMessage(JSON.stringify(m), '*');
          window.postMessage({ type: 'clearmark', data: m, message: m }, '*');
        }
        // 3. DOM events with protocol-shaped detail, under our names and WXT's internal ones.
        const names = ['clearmark', 'message', 'annotation/create', 'command/highlight', 'clearmark:command', `${extId}:content:wxt:locationchange`];
        for (const m of attacks)
          for (const n of names) {
            document.dispatchEvent(new CustomEvent(n, { detail: m, bubbles: true }));
            window.dispatchEvent(new CustomEvent(n, { detail: m }));
          }
        // 4. WXT's "a newer copy of this content script started" event: a page that sends it
        // would make the running content script stop itself (unpaint, undo declutter).
        for (const target of [document, window])
          target.dispatchEvent(
            new CustomEvent(`${extId}:content:wxt:content-script-started`, { detail: { contentScriptName: 'content', messageId: 'page' } }),
          );
        window.postMessage({ type: `${extId}:content:wxt:content-script-started`, contentScriptName: 'content', messageId: 'page' }, '*');
        return out;
      },
      id,
      attacks,
    );
    // Chromium: without externally_connectable a page gets no chrome.runtime.sendMessage at all
    // (or one that refuses); Firefox pages have no extension API.
    if (results.chromeRuntime === 'function') for (const s of results.sends as unknown[]) expect(s).not.toHaveProperty('answered.annotations');
    expect(results.browserGlobal).toBe('undefined');

    await sleep(1500);
    const after = await storedAnnotations(probe);
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain('PWNED');
    expect(await actionTitleFor(probe, url)).not.toContain('PWNED');
    // The content script is still there and still working: its highlight is painted, it answers,
    // and a real highlight still saves.
    expect((await paintedHighlights(page)).yellow).toHaveLength(1);
    const state = await probe.evaluate(async (u) => {
      const tab = (await browser.tabs.query({})).find((t) => t.url === u)!;
      return browser.tabs.sendMessage(tab.id!, { type: 'command/pageState' });
    }, url);
    expect(state).toMatchObject({ pageKey: url });
    await page.evaluate(() => getSelection()!.removeAllRanges());
    const selected = await selectText(page, 'Each one', 30).catch(async () => selectText(page, START, 20));
    await highlight(page, url);
    await waitFor(async () => (await storedAnnotations(probe)).length === 2, `the next highlight (“${selected}”) to be saved`);
    await page.close();
  });

  it('cannot hide or disable the toolbar and card with its CSS', async () => {
    await clearAll();
    routes.set('/hostile-css.html', () => demoArticleWith(HOSTILE_CSS));
    const { page, url } = await open('/hostile-css.html');
    const note = `styled ${name}`;
    if (name === 'chromium') {
      // The toolbar is found by role and name (it is rendered and in the accessibility tree) and works.
      await highlightStart(page, url);
    } else {
      await highlightStart(page, url);
    }
    // The card opens on a click, takes focus and saves a note from the keyboard.
    await writeNoteOnHighlight(page, name, note);
    await waitFor(async () => (await storedAnnotations(probe))[0]?.note === note, 'the note to be saved under hostile CSS');
    // The host is rendered where we put it: on top, visible, clickable.
    const host = await page.evaluate(() => {
      const el = document.querySelector('clearmark-ui')!;
      const s = getComputedStyle(el);
      return { display: s.display, visibility: s.visibility, opacity: s.opacity, pointerEvents: s.pointerEvents, transform: s.transform };
    });
    expect(host.display).not.toBe('none');
    expect(host.visibility).toBe('visible');
    expect(host.opacity).toBe('1');
    expect(host.pointerEvents).not.toBe('none');
    expect(host.transform).toBe('none');
    await page.close();
  });

  describe('built-ins redefined by the page before the content script runs', () => {
    const names = Object.keys(OVERRIDES);
    let count = 0;
    it.each([...names.map((n) => [n]), ['all of them at once']])('%s', async (which) => {
      await clearAll();
      const installed = which === 'all of them at once' ? names : [which];
      const path = `/overridden-${++count}.html`;
      routes.set(path, () => demoArticleWith(overrideScript(installed)));
      // Declutter ran (the toolbar title counts what it hid).
      const { page, url } = await open(path);
      expect(await page.evaluate(() => (window as unknown as { __overridden: string[] }).__overridden)).toEqual(installed);
      // The replacements are really in place in the page's world.
      const live = await page.evaluate(
        (list) => list.map(({ target, key }) => String(target.split('.').reduce((o: any, k) => o?.[k], window)?.[key]).includes('page override')), // eslint-disable-line @typescript-eslint/no-explicit-any
        installed.map((n) => OVERRIDES[n]),
      );
      expect(live).toEqual(installed.map(() => true));
      const saved = await highlightStart(page, url);
      // A note goes through the card, and comes back after a reload.
      const secret = `CM-SECRET ${which}`;
      await writeNoteOnHighlight(page, name, secret);
      await waitFor(async () => (await storedAnnotations(probe))[0]?.note === secret, 'the note to be saved');
      await page.reload();
      await waitFor(async () => (await actionTitleFor(probe, url)).includes('clutter items hidden'), 'declutter after reload');
      await waitFor(async () => (await paintedHighlights(page)).yellow?.length === 1, 'the highlight restored after reload');
      expect((await storedAnnotations(probe)).map((a) => a.id)).toEqual([saved.id]);
      // The page's replacements never saw one of our calls: nothing with a note or our names.
      expect(await page.evaluate(() => (window as unknown as { __recorded: string[] }).__recorded)).toEqual([]);
      await page.close();
    });
  });
});
