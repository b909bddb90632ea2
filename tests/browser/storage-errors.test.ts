/**
 * A full disk, for real (issue #7). Each browser runs with its profile on a small disk of its
 * own (a tmpfs), which the test fills with a ballast file and then frees, as a reader would.
 * The reader must be told what happened and what to do, must still see what they saved, and
 * must lose nothing: not the stored highlights, not the note being typed.
 *
 * The browsers differ at a full disk. Chromium reports the free disk space as the extension's
 * quota (unlimitedStorage), so Clearmark refuses writes while less than 32 MB is left, before
 * Chromium's own database can be damaged (without that guard, writing on at a full disk lost
 * saved highlights in our runs). Firefox reports its own limit instead, and at a full disk it
 * refuses some writes and accepts others that still fit in its files; what Clearmark must do
 * there is tell the reader about each refusal and keep each write it acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
  cardFrame,
  highlightSelection,
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
import { listedGroups, openPopup, tabIdFor } from './support/popup';
import { canMountSmallDisk, mountSmallDisk, type SmallDisk } from './support/disk';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension } from '../../scripts/browsers.mjs';
import type { Annotation } from '@/src/messages';

/** What the reader is told, in either browser: the disk is full, free some space, try again. */
const DISK_FULL = /(disk is almost full|out of storage space|disk is full).*[Ff]ree some disk space.*try again/;
/** Paragraph openings of the demo article, for highlights made while the disk is full. */
const PASSAGES = [
  'The search for survivors',
  'The old stone footbridge',
  'Shares fell 6 per cent',
  'The new line will combine',
  'Critics say the plan',
  'The council will publish',
];

// Mounting a disk needs root. CI runs as root and must run these; elsewhere they are skipped
// with a warning rather than failing a newcomer's `npm test`.
const mountable = canMountSmallDisk();
if (!mountable && !process.env.CI) console.warn('[storage-errors] skipped: mounting a small test disk needs root (CI runs these).');

describe.runIf(mountable || process.env.CI).each(BROWSERS)('%s: a full disk', (name) => {
  let disk: SmallDisk;
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  let page: Page;
  let url: string;

  // The profile is kept across a restart of the browser (see the last test): Firefox must keep
  // the storage of the extension, which the test installs afresh each time.
  const launch = (profile: string, firefoxUuid?: string) =>
    launchWithExtension(name, {
      profile,
      firefoxUuid,
      firefoxPrefs: { 'extensions.webextensions.keepStorageOnUninstall': true, 'extensions.webextensions.keepUuidOnUninstall': true },
    });

  beforeAll(async () => {
    disk = mountSmallDisk(256);
    server = await serveFixtures();
    ext = await launch(mkdtempSync(join(disk.dir, 'profile-')));
    probe = await openExtensionPage(ext, 'options.html');
    url = server.url('/demo-article.html');
    page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
  });
  afterAll(async () => {
    disk?.free();
    await ext?.close();
    await server?.close();
    disk?.unmount();
  });

  // Compared without spaces at the ends: Firefox keeps a trailing space of a selection, Chromium drops it.
  const quotes = (all: Annotation[]) => all.flatMap((a) => a.selectors.flatMap((s) => (s.type === 'TextQuoteSelector' ? [s.exact.trim()] : []))).sort();
  const painted = async () => ((await paintedHighlights(page)).yellow ?? []).map((t) => t.trim());
  const highlight = () => highlightSelection(name, probe, page, url);
  /** Every text the page shows a reader, our closed shadow root included (Chromium's accessibility tree). */
  const readerText = async () => {
    const texts: string[] = [];
    const walk = (node: { name?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.name) texts.push(node.name);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(await page.accessibility.snapshot({ interestingOnly: false, includeIframes: true })); // the card is an extension frame
    return texts.join('\n');
  };

  let before: Annotation[];
  let kept: string;
  const saved: string[] = [];

  it('reading still works; each highlight is either saved or refused with what to do; nothing saved is lost', async () => {
    kept = (await selectText(page, 'Seven towns along the Ostra', 59)).trim();
    await highlight();
    await waitFor(async () => (await storedAnnotations(probe)).length === 1, 'the first highlight to be stored');
    before = await storedAnnotations(probe);

    disk.fill();
    expect(disk.freeBytes()).toBeLessThan(64 * 1024);

    // Reading needs no space: the saved highlight is painted again after a reload.
    await page.reload();
    await waitFor(async () => (await painted()).length === 1, 'the saved highlight after the reload');
    expect(await painted()).toEqual([kept]);

    // The reader goes on highlighting. Each attempt ends one of two ways, and which is the
    // browser's business: saved (stored and painted) or refused (told, nothing painted).
    const refused: string[] = [];
    for (const start of PASSAGES) {
      disk.fill(); // the browser may have given some space back since
      const quote = (await selectText(page, start, 40)).trim(); // highlights leave out spaces at the ends
      const count = (await storedAnnotations(probe)).length;
      await highlight();
      const told = `The highlight “${quote}” was not saved: `;
      await waitFor(async () => (await storedAnnotations(probe)).length > count || (await actionTitleFor(probe, url)).includes(told), `“${quote}” to be saved or refused`);
      if ((await storedAnnotations(probe)).length > count) {
        saved.push(quote);
        await waitFor(async () => (await painted()).includes(quote), `“${quote}” to be painted`);
      } else {
        refused.push(quote);
        const title = await actionTitleFor(probe, url);
        expect(title.slice(title.indexOf(told) + told.length)).toMatch(DISK_FULL);
        if (name === 'chromium') expect(await readerText()).toContain(`Clearmark: ${told}`);
        expect(await painted()).not.toContain(quote);
      }
    }
    console.info(`[storage-errors] ${name}, disk full: saved ${saved.length}, refused and told ${refused.length}`);
    // The popup reads on a full disk too: this page's highlights are listed.
    const popup = await openPopup(ext, await tabIdFor(probe, url));
    const listed = await popup.$$eval('section.this-page li.annotation [data-ctl="quote"]', (els) => els.map((e) => (e.textContent ?? '').trim()));
    expect(listed.sort()).toEqual([kept, ...saved].map((q) => `Yellow: ${q}`).sort()); // the colour is read out first
    await popup.close();
    expect(refused.length).toBeGreaterThan(0);
    if (name === 'chromium') expect(saved).toEqual([]); // refused before the disk is touched
    // What was saved before is exactly as it was.
    expect((await storedAnnotations(probe)).filter((a) => a.id === before[0].id)).toEqual(before);

    // Space is freed: everything saved is there, painted after a reload; a refused passage can be highlighted now.
    disk.free();
    await page.reload();
    await waitFor(async () => (await painted()).length === 1 + saved.length, 'the saved highlights after freeing space');
    expect(quotes(await storedAnnotations(probe))).toEqual([kept, ...saved].sort());
    const again = (await selectText(page, refused[0], 40)).trim();
    await highlight();
    await waitFor(async () => quotes(await storedAnnotations(probe)).includes(again), 'the refused passage to be saved now');
    saved.push(again);
  }, 120_000);

  // Chromium only: there the guard makes the refusal certain. In Firefox a note may still fit
  // in its files at a full disk, so whether this particular save is refused is not up to us.
  if (name === 'chromium')
  it('a note that cannot be saved stays in the card and is saved when the reader tries again', async () => {
    const all = await storedAnnotations(probe);
    disk.fill(8 * 1024 * 1024); // 8 MB left: room for the browser, too little for Clearmark's reserve
    await page.reload();
    await waitFor(async () => (await painted()).length === all.length, 'the highlights after a reload');

    const note = 'Ask the council about the upper valley (typed while the disk was full)';
    await writeNoteOnHighlight(page, name, note);
    const told = /Clearmark: The change was not saved: Your disk is almost full \([\d.]+ MB free\).*Free some disk space, then try again\./;
    await waitFor(async () => told.test(await readerText()), 'the card to tell the reader');
    expect(await readerText()).toContain(note); // still in the editor, not lost
    expect(await actionTitleFor(probe, url)).toMatch(/The change was not saved: Your disk is almost full/);
    expect(await storedAnnotations(probe)).toEqual(all);

    // The popup says the same when an edit there fails, and keeps what was typed.
    const popup = await openPopup(ext, await tabIdFor(probe, url));
    const item = `section.this-page li.annotation[data-id="${all[0].id}"]`;
    await popup.locator(`${item} ::-p-aria(Edit)`).click();
    await popup.locator(`${item} ::-p-aria(Note)`).fill('typed in the popup');
    await popup.locator(`${item} ::-p-aria(Save note)`).click();
    await waitFor(async () => DISK_FULL.test(await popup.$eval('[role=alert]', (e) => e.textContent ?? '').catch(() => '')), 'the popup to tell the reader');
    expect(await popup.$eval(`${item} textarea`, (e) => (e as HTMLTextAreaElement).value)).toBe('typed in the popup');
    await popup.close();
    expect(await storedAnnotations(probe)).toEqual(all);

    // Space is freed; the same Save, with the same text, now works.
    disk.free();
    await page.bringToFront();
    await (await (await cardFrame(page)).waitForSelector('aria/Save note', { timeout: 5000 }))!.click();
    await waitFor(async () => (await storedAnnotations(probe)).some((a) => a.note === note), 'the note to be saved on the second try');
    await waitFor(async () => !(await actionTitleFor(probe, url)).includes('not saved'), 'the error to leave the toolbar title');
    expect(quotes(await storedAnnotations(probe))).toEqual(quotes(all));
  }, 60_000);

  it('after the browser is restarted, every acknowledged highlight and note is still there', async () => {
    const acknowledged = await storedAnnotations(probe);
    expect(acknowledged.length).toBe(1 + saved.length); // the first highlight, and each one saved since
    await ext.close();
    ext = await launch(ext.profile, ext.extensionOrigin.split('//')[1]);
    probe = await openExtensionPage(ext, 'options.html');
    expect(await storedAnnotations(probe)).toEqual(acknowledged);
    page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await painted()).length === acknowledged.length, 'every highlight painted after the restart');
  }, 60_000);
});

/**
 * The browser closes the database under the extension. Chromium's chrome://indexeddb-internals
 * has a "Force close" button that does just that (as a storage failure or "clear data" would,
 * without deleting anything). The background must open it again on the reader's next action,
 * and everything stored must still be there. Chromium only: Firefox has no such control.
 */
describe('chromium: the browser closes the database', () => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launchWithExtension('chromium');
    probe = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('the next highlight after a forced close is saved, and nothing stored before is lost', async () => {
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
    const highlight = async (start: string) => {
      const quote = (await selectText(page, start, 40)).trim();
      await highlightSelection('chromium', probe, page, url);
      return quote;
    };
    const first = await highlight('Seven towns along the Ostra');
    await waitFor(async () => (await storedAnnotations(probe)).length === 1, 'the first highlight to be stored');
    const before = await storedAnnotations(probe);

    const internals = await ext.browser.newPage();
    await internals.goto('chrome://indexeddb-internals');
    const openConnections = () =>
      internals.evaluate((origin) => {
        const text = document.body.innerText;
        const at = text.indexOf(`Origin: ${origin}`);
        return at < 0 ? -1 : Number(/Open connections: (\d+)/.exec(text.slice(at))?.[1] ?? -1);
      }, ext.extensionOrigin);
    const reloadInternals = async () => {
      await internals.reload();
      await waitFor(async () => (await openConnections()) >= 0, 'the extension in indexeddb-internals');
    };
    await reloadInternals();
    expect(await openConnections()).toBeGreaterThan(0);
    // A connection of our own beside the background's: its close event shows the force close happened.
    await probe.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('clearmark');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            (window as unknown as { closedByBrowser: boolean }).closedByBrowser = false;
            open.result.onclose = () => ((window as unknown as { closedByBrowser: boolean }).closedByBrowser = true);
            resolve();
          };
        }),
    );
    // The "Force close" of our origin's bucket (the page lists one block per bucket).
    await internals.evaluate((origin) => {
      const buttons = [...document.querySelectorAll<HTMLElement>('.force-close')].filter((b) => /force close/i.test(b.textContent ?? ''));
      const ours = buttons.find((b) => {
        for (let el: HTMLElement | null = b; el; el = el.parentElement) if (el.innerText?.includes(`Origin: ${origin}`)) return el.innerText.split('Origin:').length === 2;
        return false;
      });
      if (!ours) throw new Error(`no Force close button for ${origin}`);
      ours.click();
    }, ext.extensionOrigin);
    await waitFor(() => probe.evaluate(() => (window as unknown as { closedByBrowser: boolean }).closedByBrowser), 'the browser to close the database');

    const second = await highlight('The search for survivors');
    await waitFor(async () => (await storedAnnotations(probe)).length === 2, 'the highlight after the close to be stored');
    const after = await storedAnnotations(probe);
    expect(after.find((a) => a.id === before[0].id)).toEqual(before[0]);
    expect(after.flatMap((a) => a.selectors.flatMap((s) => (s.type === 'TextQuoteSelector' ? [s.exact.trim()] : []))).sort()).toEqual([first, second].sort());
    expect(await actionTitleFor(probe, url)).not.toMatch(/not saved/);
    await internals.close();
    await page.close();
  });
});

/**
 * The browser loses the database (as Chromium reset it at a full disk, see
 * scripts/full-disk-probe.mjs). Here the database is deleted from under the extension. The
 * reader must be told how many saved annotations are missing and what to do, not find an
 * empty list without a word.
 */
describe.each(BROWSERS)('%s: the browser loses the database', (name) => {
  let ext: ExtensionBrowser;
  let probe: Page;

  beforeAll(async () => {
    ext = await launchWithExtension(name);
    probe = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  const deleteDatabase = () =>
    probe.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const del = indexedDB.deleteDatabase('clearmark');
          del.onsuccess = () => resolve();
          del.onerror = () => reject(del.error);
        }),
    );
  const byId = (list: Annotation[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));

  it('the popup says how many annotations are missing and restores them from Clearmark’s copy', async () => {
    const page = { key: 'https://news.example/lost', url: 'https://news.example/lost', title: 'Lost' };
    for (const exact of ['first passage', 'second passage', 'third passage', 'fourth passage'])
      await sendFromExtension(probe, { type: 'annotation/create', page, annotation: { pageKey: page.key, colour: 'yellow', note: `on the ${exact}`, selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] } });
    // The reader's own delete is neither a loss nor restored.
    const [mine] = await storedAnnotations(probe);
    await sendFromExtension(probe, { type: 'annotation/delete', id: mine.id });
    const before = await storedAnnotations(probe);
    expect(before).toHaveLength(3);

    let popup = await openPopup(ext);
    expect(await popup.$('.loss:not([hidden])')).toBeNull();
    await popup.close();

    // The database is gone (the background's connection steps aside for the deletion).
    await deleteDatabase();
    popup = await openPopup(ext);
    const notice = async () => (await popup.$eval('.loss:not([hidden])', (e) => e.textContent ?? '').catch(() => '')) ?? '';
    await waitFor(async () => (await notice()) !== '', 'the popup to say what was lost');
    expect(await notice()).toMatch(/^The browser lost part of Clearmark’s data \(found on .+; missing: 3 annotations\)\. Clearmark kept a copy of 3 annotations: restore them, or dismiss to let them go\.Restore 3 annotationsDismiss$/);
    expect(await storedAnnotations(probe)).toEqual([]);

    await popup.locator('.loss ::-p-aria(Restore 3 annotations)').click();
    await waitFor(async () => (await storedAnnotations(probe)).length === 3, 'the annotations to be restored');
    expect(byId(await storedAnnotations(probe))).toEqual(byId(before)); // exactly as they were: ids, notes, times
    await waitFor(async () => (await notice()) === '', 'the notice to go');
    await waitFor(async () => /Restored 3 annotations\./.test(await popup.$eval('.status', (e) => e.textContent ?? '')), 'the popup to say so');
    expect((await listedGroups(popup)).find((g) => g.title === 'Lost')?.quotes).toHaveLength(3);
    await popup.close();
  });

  it('dismissed, the lost annotations are let go and not offered again', async () => {
    await deleteDatabase();
    let popup = await openPopup(ext);
    const notice = async () => (await popup.$eval('.loss:not([hidden])', (e) => e.textContent ?? '').catch(() => '')) ?? '';
    await waitFor(async () => /missing: 3 annotations/.test(await notice()), 'the popup to say what was lost');
    await popup.locator('.loss ::-p-aria(Dismiss)').click();
    await waitFor(async () => (await notice()) === '', 'the notice to go');
    await popup.close();
    popup = await openPopup(ext);
    await new Promise((r) => setTimeout(r, 500)); // a notice would arrive by now (the background reopens 500 ms after a close)
    expect(await notice()).toBe('');
    expect(await sendFromExtension(probe, { type: 'backup/restore' })).toEqual({ restored: 0, pageKeys: [] });
    await popup.close();
  });
});
