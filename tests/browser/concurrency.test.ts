/**
 * Many tabs at once (issue #7): nothing lost. Three extension tabs write 1,000 annotations
 * concurrently; three tabs edit the same annotation at once; and in Chromium the MV3 service
 * worker is stopped in the middle of a session (CDP `ServiceWorker.stopAllWorkers`, which
 * Chromium reports as running → stopping → stopped), after which the content script's next
 * write wakes it and every write before and after is in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'puppeteer-core';
import {
  BROWSERS,
  actionTitleFor,
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

const TOTAL = 1000;

describe.each(BROWSERS)('%s: many tabs writing at once', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let tabs: Page[];
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch(name);
    tabs = [];
    // The options page: an extension page that does not re-render on every change broadcast, as the popup does.
    for (let i = 0; i < 3; i++) tabs.push(await openExtensionPage(ext, 'options.html'));
    probe = tabs[0];
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  const clearAll = async () => {
    const all = await storedAnnotations(probe);
    await probe.evaluate((ids) => Promise.all(ids.map((id) => browser.runtime.sendMessage({ type: 'annotation/delete', id }))), all.map((a) => a.id));
    expect(await storedAnnotations(probe)).toEqual([]);
  };

  /** `count` annotation/create requests from one tab, all in flight at once; their answers. */
  const createFrom = (tab: Page, tabNo: number, from: number, count: number) =>
    tab.evaluate(
      (tabNo, from, count) => {
        const page = { key: `https://news.example/tab-${tabNo}`, url: `https://news.example/tab-${tabNo}`, title: `Tab ${tabNo}` };
        return Promise.all(
          Array.from({ length: count }, (_, k) =>
            browser.runtime.sendMessage({
              type: 'annotation/create',
              page,
              annotation: {
                pageKey: page.key,
                colour: 'yellow',
                note: `#${from + k}`,
                selectors: [{ type: 'TextQuoteSelector', exact: `passage ${from + k} from tab ${tabNo}`, prefix: '', suffix: '' }],
              },
            }).catch((err: unknown) => ({ error: `sendMessage rejected: ${String(err)}` })),
          ),
        );
      },
      tabNo,
      from,
      count,
    ) as Promise<({ annotation: Annotation } | { error: string })[]>;

  it(`stores all ${TOTAL} annotations written by three tabs at once, each with its own id`, async () => {
    await clearAll();
    const shares = [334, 333, 333];
    const starts = [0, 334, 667];
    const answers = (await Promise.all(tabs.map((t, i) => createFrom(t, i, starts[i], shares[i])))).flat();
    expect(answers.filter((a) => 'error' in a)).toEqual([]);
    const created = answers.map((a) => (a as { annotation: Annotation }).annotation);
    expect(created).toHaveLength(TOTAL);

    const stored = await storedAnnotations(probe);
    expect(stored).toHaveLength(TOTAL);
    expect(new Set(stored.map((a) => a.id)).size).toBe(TOTAL);
    // Every write is there exactly as it was acknowledged, and every note 0…999 once.
    const byId = new Map(stored.map((a) => [a.id, a]));
    for (const a of created) expect(byId.get(a.id)).toEqual(a);
    expect(stored.map((a) => Number(a.note.slice(1))).sort((x, y) => x - y)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
    // …on the right pages, with their page records.
    const all = await sendFromExtension<{ pages: { key: string }[] }>(probe, { type: 'annotations/all' });
    expect(all.pages.map((p) => p.key).sort()).toEqual([0, 1, 2].map((i) => `https://news.example/tab-${i}`));
  });

  it('three tabs editing one annotation at once: nothing lost, the latest edit wins', async () => {
    const [target] = await storedAnnotations(probe);
    // Different fields at once: a read-modify-write that raced would drop one of them.
    const edits = [{ note: 'edited in tab 0' }, { colour: 'green' }, { tags: ['from-tab-2'] }];
    const answers = await Promise.all(
      tabs.map((t, i) => t.evaluate((id, patch) => browser.runtime.sendMessage({ type: 'annotation/update', id, patch }), target.id, edits[i])),
    ) as { annotation: Annotation }[];
    let [now] = (await storedAnnotations(probe)).filter((a) => a.id === target.id);
    expect(now).toMatchObject({ note: 'edited in tab 0', colour: 'green', tags: ['from-tab-2'], created: target.created });
    for (const a of answers) expect(a.annotation.updated).toBeGreaterThanOrEqual(target.updated);
    expect(now.updated).toBe(Math.max(...answers.map((a) => a.annotation.updated)));

    // The same field from three tabs: the stored note is the one of the last write to land, and
    // its time is the newest; the answers, in the order they landed, have non-decreasing times.
    for (let round = 0; round < 5; round++) {
      const res = await Promise.all(
        tabs.map((t, i) => t.evaluate((id, note) => browser.runtime.sendMessage({ type: 'annotation/update', id, patch: { note } }), target.id, `round ${round} tab ${i}`)),
      ) as { annotation: Annotation }[];
      [now] = (await storedAnnotations(probe)).filter((a) => a.id === target.id);
      // Each answer is the record after its own write; the one whose write landed last is what is stored.
      const last = res.map((r) => r.annotation).find((a) => a.note === now.note);
      expect(last, `round ${round}`).toBeDefined();
      expect(now.updated).toBe(Math.max(...res.map((r) => r.annotation.updated)));
      expect(now).toMatchObject({ colour: 'green', tags: ['from-tab-2'], created: target.created });
    }
    expect(await storedAnnotations(probe)).toHaveLength(TOTAL);
  });

  // MV3 service workers are Chromium's; Firefox's MV3 background is an event page (not declared there, rather than skipped).
  if (name === 'chromium')
  it('survives the service worker being stopped mid-session: every write before and after is stored', async () => {
    await clearAll();
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), 'the content script');
    const cdp: CDPSession = await probe.createCDPSession();
    const statuses: string[] = [];
    cdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) if (v.scriptURL.startsWith(ext.extensionOrigin)) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    const stopWorker = async () => {
      statuses.length = 0;
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor(() => statuses.includes('stopped'), 'the service worker to stop');
    };
    const highlightFrom = async (start: string, length: number) => {
      const selected = await selectText(page, start, length);
      await highlightSelection(name, probe, page, url);
      await waitFor(async () => (await storedAnnotations(probe)).some((a) => a.selectors.some((s) => s.type === 'TextQuoteSelector' && s.exact === selected)), `“${selected}” to be stored`);
      return selected;
    };

    // Before: a highlight and a note, written by the content script.
    const first = await highlightFrom('Seven towns along the Ostra', 40);
    await writeNoteOnHighlight(page, name, 'before the stop');
    await waitFor(async () => (await storedAnnotations(probe))[0]?.note === 'before the stop', 'the note');
    await page.keyboard.press('Escape');

    // The worker goes away, as Chromium does to an idle MV3 worker; the next message wakes it.
    await stopWorker();
    const second = await highlightFrom('Seven towns along the Ostra', 20);
    expect(statuses).toContain('running');

    // Stopped again with writes in flight from three tabs: each acknowledged write is stored,
    // and any write that was not acknowledged was reported to its sender as an error.
    statuses.length = 0;
    const inFlight = Promise.all(tabs.map((t, i) => createFrom(t, i, i * 100, 100)));
    await cdp.send('ServiceWorker.stopAllWorkers');
    const answers = (await inFlight).flat();
    // A stopped worker can also leave a sender with no answer at all (undefined, not an error).
    const acknowledged = answers.flatMap((a) => (a && 'annotation' in a ? [a.annotation] : []));
    const unanswered = answers.filter((a) => !a).length;
    // And after: the content script writes again.
    await page.reload();
    await waitFor(async () => (await paintedHighlights(page)).yellow?.length === 2, 'both highlights after the restart');
    const third = await highlightFrom('Seven towns along the Ostra', 12);

    const stored = await storedAnnotations(probe);
    const byId = new Map(stored.map((a) => [a.id, a]));
    for (const a of acknowledged) expect(byId.get(a.id)).toEqual(a);
    const quotes = stored.flatMap((a) => a.selectors.flatMap((s) => (s.type === 'TextQuoteSelector' ? [s.exact] : [])));
    for (const q of [first, second, third]) expect(quotes).toContain(q);
    expect(stored.find((a) => a.note === 'before the stop')).toBeDefined();
    expect(stored.length).toBeGreaterThanOrEqual(3 + acknowledged.length);
    console.info(`[concurrency] stop with 300 writes in flight: ${acknowledged.length} acknowledged, ${answers.length - acknowledged.length - unanswered} errors, ${unanswered} without an answer, ${stored.length - 3} stored`);
    await page.close();
  });
});
