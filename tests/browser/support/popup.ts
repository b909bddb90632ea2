/**
 * Helpers for the popup's browser tests: seed the database the way the extension's pages see
 * it, open the popup standing for a given tab, and catch what an export button saves.
 */
import type { Page } from 'puppeteer-core';
import { openExtensionPage, waitFor, type ExtensionBrowser } from './extension';

/** The id of the tab showing `url` (as the extension sees it). */
export function tabIdFor(probe: Page, url: string): Promise<number> {
  return probe.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url);
}

/** Opens the popup in a tab of its own, standing for the tab `tabId` (the toolbar popup would use the active tab). */
export async function openPopup(ext: ExtensionBrowser, tabId?: number, path = 'popup.html'): Promise<Page> {
  const page = await openExtensionPage(ext, tabId === undefined ? path : `${path}?tab=${tabId}`);
  await waitFor(async () => (await page.evaluate(() => document.documentElement.dataset.ready).catch(() => '')) === 'true', 'the popup to paint');
  return page;
}

/**
 * Records what the page saves through Blob URLs (the export buttons' <a download>) and stops
 * the actual download, so a test can read the exported file.
 */
export async function catchDownloads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __saved: { name: string; text: Promise<string> }[] };
    w.__saved = [];
    const blobs = new Map<string, Blob>();
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (b: Blob | MediaSource) => {
      const url = create(b);
      if (b instanceof Blob) blobs.set(url, b);
      return url;
    };
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.href);
      if (this.download && blob) w.__saved.push({ name: this.download, text: blob.text() });
    };
  });
}

/** The files saved since `catchDownloads`, oldest first. */
export function savedFiles(page: Page): Promise<{ name: string; text: string }[]> {
  return page.evaluate(async () => {
    const w = window as unknown as { __saved: { name: string; text: Promise<string> }[] };
    return Promise.all(w.__saved.map(async (f) => ({ name: f.name, text: await f.text })));
  });
}

/** Chooses a file in a file input, as the reader does in the file picker. */
export async function chooseFile(page: Page, selector: string, name: string, text: string): Promise<void> {
  await page.evaluate(
    (sel, n, t) => {
      const input = document.querySelector<HTMLInputElement>(sel)!;
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    selector,
    name,
    text,
  );
}

/** The text of the popup's list of all annotations, group by group. */
export function listedGroups(page: Page): Promise<{ title: string; quotes: string[] }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section.all section.page')].map((s) => ({
      title: s.querySelector('h3')!.textContent ?? '',
      quotes: [...s.querySelectorAll('li.annotation .quote span:last-child')].map((q) => q.textContent ?? ''),
    })),
  );
}

/** Writes many annotations straight into the extension's database (same origin as the background). */
export function seedDirect(probe: Page, count: number, pages: number): Promise<number> {
  return probe.evaluate(
    async (count, pages) => {
      // The background creates the database (and its stores) on its first request; opening it
      // here first would create an empty one.
      await browser.runtime.sendMessage({ type: 'annotations/all' });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('clearmark');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const tx = db.transaction(['annotations', 'pages'], 'readwrite');
      const colours = ['yellow', 'green', 'blue', 'pink', 'purple'];
      const words = ['flood', 'river', 'council', 'tariffs', 'election', 'hotline', 'budget', 'harbour', 'school', 'vaccine'];
      const base = Date.UTC(2025, 0, 1);
      for (let p = 0; p < pages; p++) {
        const key = `https://seed.example/story/${p}`;
        tx.objectStore('pages').put({ key, url: key, title: `Seeded story ${p} about ${words[p % 10]}`, site: 'seed.example', lastSeen: base });
      }
      for (let i = 0; i < count; i++) {
        const p = i % pages;
        tx.objectStore('annotations').put({
          id: `seed-${i}`,
          pageKey: `https://seed.example/story/${p}`,
          selectors: [
            { type: 'TextQuoteSelector', exact: `Passage ${i} on the ${words[i % 10]} and the ${words[(i * 7) % 10]} in paragraph ${i % 37}`, prefix: 'before ', suffix: ' after' },
            { type: 'TextPositionSelector', start: i * 10, end: i * 10 + 40 },
          ],
          colour: colours[i % 5],
          note: i % 4 === 0 ? `Note ${i}: check the ${words[(i * 3) % 10]} figures` : '',
          tags: i % 6 === 0 ? [words[(i * 5) % 10]] : [],
          created: base + i * 1000,
          updated: base + i * 1000,
        });
      }
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
      return count;
    },
    count,
    pages,
  );
}
