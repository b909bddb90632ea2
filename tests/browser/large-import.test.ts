/**
 * Issue #16 finding 11 (item 9): a library's own export over 64 MiB imports back through the
 * popup. Chromium refuses an extension message that large, so the popup sends it in parts and
 * the background commits them together. Firefox has no such limit; the same path runs there.
 * The file (~68 MiB: 380 annotations with ~90,000-character quotes and notes) is made inside
 * the popup, so the test does not push it through the automation protocol.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, launch, openExtensionPage, waitFor, type ExtensionBrowser } from './support/extension';
import { openPopup } from './support/popup';

describe.each(BROWSERS)('%s: an import over 64 MiB', (name) => {
  let ext: ExtensionBrowser;
  let probe: Page;
  let popup: Page;

  beforeAll(async () => {
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'options.html');
    popup = await openPopup(ext);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('imports every annotation, in one go', async () => {
    const size = await popup.evaluate(() => {
      const items = Array.from({ length: 380 }, (_, i) => ({
        id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        type: 'Annotation',
        created: '2024-01-01T00:00:00.000Z',
        'clearmark:colour': 'blue',
        body: [{ type: 'TextualBody', purpose: 'commenting', format: 'text/markdown', value: `note ${i} ${'n'.repeat(90_000)}` }],
        target: { source: `https://news.example/${i % 7}`, selector: [{ type: 'TextQuoteSelector', exact: `quote ${i} ${'q'.repeat(90_000)}`, prefix: '', suffix: '' }] },
      }));
      const text = JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { type: 'AnnotationPage', items } });
      const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'clearmark-big.json', { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return text.length;
    });
    expect(size).toBeGreaterThan(64 * 1024 * 1024);
    const status = () => popup.$$eval('[role=status], [role=alert]', (els) => els.map((e) => (e as HTMLElement).innerText).join(' ')).catch(() => '');
    await waitFor(async () => /Imported: 380 new|Nothing was imported/.test(await status()), 'the import to finish', 120_000);
    expect(await status()).toMatch(/Imported: 380 new, 0 updated/);
    // Read straight from the database (an annotations/all answer this large would itself be
    // over the message limit; the popup reads the database directly too).
    const stored = await probe.evaluate(
      () =>
        new Promise<{ count: number; ok: number }>((resolve, reject) => {
          const open = indexedDB.open('clearmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const all = open.result.transaction('annotations').objectStore('annotations').getAll();
            all.onsuccess = () => {
              const rows = all.result as { note: string; colour: string }[];
              open.result.close();
              resolve({ count: rows.length, ok: rows.filter((a) => a.note.length > 90_000 && a.colour === 'blue').length });
            };
            all.onerror = () => reject(all.error);
          };
        }),
    );
    expect(stored).toEqual({ count: 380, ok: 380 });
  }, 240_000);
});
