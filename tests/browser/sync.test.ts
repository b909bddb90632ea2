/**
 * Sync end to end (issue #17): real Chromium and real Firefox, each with its own profile and
 * the built extension, syncing through one pouchdb-server on 127.0.0.1 started by the test.
 * The reader's path throughout: highlight and write a note on the page, set up sync on the
 * options page, read in the other browser's popup and page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import type { Annotation } from '../../src/messages';
import {
  actionTitleFor,
  highlightSelection,
  paintedHighlights,
  selectText,
  sendFromExtension,
  serveFixtures,
  storedAnnotations,
  waitFor,
  writeNoteOnHighlight,
  type ExtensionBrowser,
} from './support/extension';
import { openPopup, tabIdFor } from './support/popup';
import { PASSWORD, USER, startSyncServer, type SyncServer } from './support/sync-server';
import { allowHostOnExtensionsPage, counts, launchForSync, openOptions, setUpSync, syncNow } from './support/sync';

const QUOTE = 'Seven towns along the Ostra river agreed on Thursday';
const NOTE = 'Check the minutes of the Marlow council';
const PASSPHRASE = 'otter lantern quarry 42';

describe('sync between Chromium and Firefox through a CouchDB-protocol server', () => {
  let couch: SyncServer;
  let fixtures: Awaited<ReturnType<typeof serveFixtures>>;
  let chromium: ExtensionBrowser;
  let firefox: ExtensionBrowser;
  let cOptions: Page;
  let fOptions: Page;
  let url: string;
  const account = () => ({ url: couch.url, username: USER, password: PASSWORD });

  beforeAll(async () => {
    couch = await startSyncServer();
    fixtures = await serveFixtures();
    url = fixtures.url('/demo-article.html');
    [chromium, firefox] = await Promise.all([launchForSync('chromium'), launchForSync('firefox')]);
    await allowHostOnExtensionsPage(chromium, couch.origin);
    cOptions = await openOptions(chromium);
    fOptions = await openOptions(firefox);
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await firefox?.close();
    await fixtures?.close();
    await couch?.close();
  });

  async function highlightWithNote(ext: ExtensionBrowser, probe: Page): Promise<Page> {
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => /Article/.test(await actionTitleFor(probe, url)), 'the content script');
    await selectText(page, QUOTE, QUOTE.length);
    await highlightSelection(ext.name, probe, page, url);
    await waitFor(async () => (await paintedHighlights(page)).yellow?.length === 1, 'the highlight to paint');
    await writeNoteOnHighlight(page, ext.name, NOTE);
    await waitFor(async () => (await storedAnnotations(probe))[0]?.note === NOTE, 'the note to be saved');
    return page;
  }

  it('a wrong password is refused in plain words, and nothing is set up or sent', async () => {
    const result = await setUpSync(cOptions, { ...account(), password: 'not-the-password', passphrase: PASSPHRASE });
    expect(result.error).toMatch(/refused the user name or password/);
    expect(result.state).toBe('Sync is off.');
    expect(await couch.docCount()).toBe(0);
  });

  let chromiumPage: Page;
  let made: Annotation;
  it('a highlight with a note made in Chromium appears in Firefox, in its popup and painted on the page', async () => {
    chromiumPage = await highlightWithNote(chromium, cOptions);
    [made] = await storedAnnotations(cOptions);
    const first = await setUpSync(cOptions, { ...account(), passphrase: PASSPHRASE });
    expect(first.error).toBe('');
    expect(counts(first.state)).toMatchObject({ sent: 2, conflicts: 0 }); // the annotation and its page record

    const second = await setUpSync(fOptions, { ...account(), passphrase: PASSPHRASE });
    expect(second.error).toBe('');
    expect(counts(second.state)).toMatchObject({ received: 2, conflicts: 0 });
    expect(await storedAnnotations(fOptions)).toEqual([made]);

    const page = await firefox.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await paintedHighlights(page)).yellow?.[0] === QUOTE, 'the synced highlight to paint in Firefox');
    const popup = await openPopup(firefox, await tabIdFor(fOptions, url));
    await waitFor(async () => (await popup.evaluate(() => document.body.innerText)).includes(NOTE), 'the note in the popup');
    await popup.close();
    await page.close();
  }, 120_000);

  it('the server holds no quote, note, address or title in plain text', async () => {
    const data = await couch.dump();
    expect(data).toContain('"ct"');
    for (const plain of [QUOTE.slice(0, 20), NOTE.slice(0, 20), url, new URL(url).host + '/demo', 'Ostra']) expect(data).not.toContain(plain);
  });

  it('a wrong passphrase in another profile is its own message, and writes nothing there', async () => {
    const third = await launchForSync('firefox');
    try {
      const options = await openOptions(third);
      const result = await setUpSync(options, { ...account(), passphrase: 'not our passphrase' });
      expect(result.error).toMatch(/^Wrong passphrase/);
      expect(result.state).toBe('Sync is off.');
      expect(await storedAnnotations(options)).toEqual([]);
    } finally {
      await third.close();
    }
  }, 120_000);

  it('an edit in Firefox reaches Chromium (synced after the write, without "Sync now" there) and repaints', async () => {
    await sendFromExtension(fOptions, { type: 'annotation/update', id: made.id, patch: { note: 'Edited in Firefox', colour: 'blue' } });
    // The debounced pass after a local write sends it from Firefox.
    await waitFor(async () => (await couch.dump()).includes(`"_rev":"2-`), 'Firefox to send the edit', 30_000);
    expect(counts((await syncNow(cOptions)).state).received).toBe(1);
    expect((await storedAnnotations(cOptions))[0]).toMatchObject({ note: 'Edited in Firefox', colour: 'blue' });
    await waitFor(async () => (await paintedHighlights(chromiumPage)).blue?.[0] === QUOTE, 'the open Chromium tab to repaint in blue');
  }, 60_000);

  it('a delete in Chromium removes it in Firefox', async () => {
    await sendFromExtension(cOptions, { type: 'annotation/delete', id: made.id });
    await syncNow(cOptions);
    expect(counts((await syncNow(fOptions)).state).received).toBe(1);
    expect(await storedAnnotations(fOptions)).toEqual([]);
    await waitFor(async () => Object.keys(await paintedHighlights(chromiumPage)).length === 0, 'the Chromium tab to unpaint');
  }, 60_000);

  it('the same note edited offline in both: the same winner in both, both versions shown in the popup, the reader picks one', async () => {
    const pageKey = 'https://news.example/contested';
    const created = await sendFromExtension<{ annotation: Annotation }>(cOptions, {
      type: 'annotation/create',
      page: { key: pageKey, url: pageKey, title: 'Contested' },
      annotation: { pageKey, colour: 'yellow', note: 'first words', selectors: [{ type: 'TextQuoteSelector', exact: 'contested passage', prefix: '', suffix: '' }] },
    });
    const id = created.annotation.id;
    await syncNow(cOptions);
    await syncNow(fOptions);
    expect((await storedAnnotations(fOptions)).map((a) => a.note)).toEqual(['first words']);
    // Both offline (the server is down), both edit the note.
    await couch.kill();
    await sendFromExtension(cOptions, { type: 'annotation/update', id, patch: { note: 'Chromium’s version' } });
    await sendFromExtension(fOptions, { type: 'annotation/update', id, patch: { note: 'Firefox’s version', colour: 'pink' } });
    expect((await syncNow(cOptions)).error).toMatch(/could not be reached/);
    await couch.start();
    await syncNow(cOptions);
    await syncNow(fOptions);
    await syncNow(cOptions);
    const noteIn = async (probe: Page) => (await storedAnnotations(probe)).find((a) => a.id === id)?.note;
    const winner = await noteIn(cOptions);
    expect(await noteIn(fOptions)).toBe(winner);
    expect(['Chromium’s version', 'Firefox’s version']).toContain(winner);
    const loser = winner === 'Chromium’s version' ? 'Firefox’s version' : 'Chromium’s version';

    for (const ext of [chromium, firefox]) {
      const popup = await openPopup(ext);
      await waitFor(async () => (await popup.$eval('#sync-conflicts', (e) => (e as HTMLElement).innerText)).includes('changed on two devices'), `the conflict in ${ext.name}'s popup`);
      const shown = await popup.$eval('#sync-conflicts', (e) => (e as HTMLElement).innerText);
      expect(shown).toContain(winner);
      expect(shown).toContain(loser);
      if (ext === firefox) {
        await popup.bringToFront();
        await popup.click(`#sync-conflicts button[aria-label="Keep this version: ${loser}"]`);
        await waitFor(async () => (await popup.$eval('#sync-conflicts', (e) => (e as HTMLElement).innerText)) === '', 'the conflict to leave the popup');
      }
      await popup.close();
    }
    expect(await noteIn(fOptions)).toBe(loser);
    await syncNow(fOptions);
    await syncNow(cOptions);
    expect(await noteIn(cOptions)).toBe(loser);
    const popup = await openPopup(chromium);
    await waitFor(async () => (await popup.evaluate(() => document.body.innerText)).includes(loser), 'the chosen note in the popup');
    expect(await popup.$eval('#sync-conflicts', (e) => (e as HTMLElement).innerText)).toBe('');
    await popup.close();
  }, 180_000);

  it('the server killed mid-sync and started again: nothing is lost, the next pass completes', async () => {
    const pageKey = 'https://news.example/many';
    const now = Date.now();
    const many = Array.from({ length: 500 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      pageKey,
      colour: 'green',
      note: `note ${i}`,
      tags: [],
      selectors: [{ type: 'TextQuoteSelector', exact: `passage ${i}`, prefix: '', suffix: '' }],
      created: now,
      updated: now,
    }));
    await sendFromExtension(cOptions, { type: 'annotations/import', annotations: many, pages: [{ key: pageKey, url: pageKey, title: 'Many' }] });
    const before = await couch.docCount();
    await cOptions.bringToFront();
    await cOptions.click('#sync button[name=sync-now]');
    // Killed once the first documents have arrived, before the last (replication sends 200 at a time).
    let atKill = before;
    await waitFor(async () => (atKill = await couch.docCount()) > before, 'the first documents to reach the server', 60_000);
    await couch.kill();
    expect(atKill).toBeLessThan(before + 501);
    await waitFor(async () => /could not be reached/.test(await cOptions.$eval('#sync .sync-error', (e) => e.textContent ?? '')), 'the interrupted pass to say so', 150_000);
    const onPage = async (probe: Page) => (await storedAnnotations(probe)).filter((a) => a.pageKey === pageKey);
    expect(await onPage(cOptions)).toHaveLength(500);
    await couch.start();
    expect(await couch.docCount()).toBeGreaterThanOrEqual(atKill); // what it had stored is still there
    const after = await syncNow(cOptions);
    expect(after.error).toBe('');
    const inFirefox = await syncNow(fOptions);
    expect(inFirefox.error).toBe('');
    expect((await onPage(fOptions)).map((a) => a.note).sort()).toEqual(many.map((a) => a.note).sort());
    expect(await couch.docCount()).toBe(before + 501);
  }, 300_000); // ~40 s unloaded; a pass against a killed server waits out its timeouts
});
