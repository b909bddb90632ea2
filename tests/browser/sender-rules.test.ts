/**
 * The background decides by sender (issue #16, finding 3): code running in the content script's
 * world (a compromised renderer, or a bug of ours) may ask only for its own tab's page. Every
 * request type is sent from the content script's own isolated world, reached through the
 * DevTools protocol, and from an extension page.
 *
 * Chromium only: WebDriver BiDi (Firefox's remote protocol) gives no handle on an extension's
 * content-script world, so there is no way to run code in it from a test. The rules themselves
 * are the same code in both browsers (src/sender-rules.ts, unit-tested per type and sender).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { contentWorld } from './support/content-world';
import { actionTitleFor, launch, openExtensionPage, sendFromExtension, serveFixtures, storedAnnotations, waitFor, type ExtensionBrowser } from './support/extension';
import type { Annotation } from '@/src/messages';

describe('chromium: the background decides by sender', () => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;

  beforeAll(async () => {
    server = await serveFixtures();
    ext = await launch('chromium');
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  /** Sends messages from Clearmark's content-script world in `page`, as code running there would. */
  async function sender(page: Page): Promise<(m: unknown) => Promise<unknown>> {
    const run = await contentWorld(ext, page);
    return (m) => run(`chrome.runtime.sendMessage(${JSON.stringify(m)}).catch((e) => ({ threw: String(e) }))`);
  }

  it('a content script gets its own page and nothing else; each refusal is counted', async () => {
    const url = server.url('/demo-article.html');
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('clutter items hidden'), 'the content script');
    const quote = [{ type: 'TextQuoteSelector', exact: 'Seven towns', prefix: '', suffix: '' }];
    const elsewhereKey = 'https://victim.example/story';
    const mk = async (pageKey: string) =>
      (await sendFromExtension<{ annotation: Annotation }>(probe, { type: 'annotation/create', page: { key: pageKey, url: pageKey, title: 't' }, annotation: { pageKey, colour: 'blue', selectors: quote } })).annotation;
    const mine = await mk(url);
    const theirs = await mk(elsewhereKey);
    const send = await sender(page);
    const stats = async () => (await sendFromExtension<{ rejected: number }>(probe, { type: 'background/stats' })).rejected;
    const rejectedBefore = await stats();

    const elsewhere = { key: elsewhereKey, url: elsewhereKey, title: 'x' };
    const refused: Record<string, unknown> = {
      'annotations/all': { type: 'annotations/all' },
      'annotations/import': { type: 'annotations/import', annotations: [{ ...theirs, note: 'PWNED' }], pages: [{ ...elsewhere, url: 'https://phish.example/' }] },
      'annotation/restore': { type: 'annotation/restore', annotation: { ...theirs, note: 'PWNED' } },
      'popup/tabState': { type: 'popup/tabState', tabId: 1 },
      'popup/jump': { type: 'popup/jump', id: theirs.id },
      'backup/restore': { type: 'backup/restore' },
      'backup/forget': { type: 'backup/forget' },
      'background/stats': { type: 'background/stats' },
      'page/visit (another site)': { type: 'page/visit', page: elsewhere },
      'page/visit (this key, URL elsewhere)': { type: 'page/visit', page: { key: url, url: 'https://phish.example/', title: 'x' } },
      'annotations/forPage (another site)': { type: 'annotations/forPage', pageKey: elsewhereKey },
      'annotation/create (another site)': { type: 'annotation/create', page: elsewhere, annotation: { pageKey: elsewhereKey, colour: 'pink', selectors: quote } },
      'annotation/update (another site)': { type: 'annotation/update', id: theirs.id, patch: { note: 'PWNED' } },
      'annotation/delete (another site)': { type: 'annotation/delete', id: theirs.id },
      // Sync is the reader's, from extension pages only: a page must not point it at its server.
      'sync/status': { type: 'sync/status' },
      'sync/conflicts': { type: 'sync/conflicts' },
      'sync/configure': { type: 'sync/configure', url: 'http://127.0.0.1:1/evil', username: '', password: '', passphrase: 'x' },
    };
    const answers: Record<string, unknown> = {};
    for (const [what, m] of Object.entries(refused)) answers[what] = await send(m);
    for (const [what, answer] of Object.entries(answers)) expect(answer, what).toEqual({ error: expect.stringMatching(/not available to content scripts|not this tab's site/i) });
    expect(await stats()).toBe(rejectedBefore + Object.keys(refused).length);

    // Its own page: all of it works.
    const ownPage = { key: url, url, title: 'Demo' };
    expect(await send({ type: 'page/visit', page: ownPage })).toMatchObject({ annotations: [expect.objectContaining({ id: mine.id })] });
    expect(await send({ type: 'annotations/forPage', pageKey: url })).toMatchObject({ annotations: [expect.objectContaining({ id: mine.id })] });
    expect(await send({ type: 'annotation/update', id: mine.id, patch: { note: 'mine' } })).toMatchObject({ annotation: { note: 'mine' } });
    expect(await send({ type: 'annotation/create', page: ownPage, annotation: { pageKey: url, colour: 'green', selectors: quote } })).toHaveProperty('annotation');
    expect(await send({ type: 'tab/status', title: 'fine' })).toEqual({ ok: true });
    expect(await send({ type: 'annotation/delete', id: mine.id })).toMatchObject({ deleted: true });
    expect(await stats()).toBe(rejectedBefore + Object.keys(refused).length);

    // Nothing of the other site's changed; the extension page still may do everything.
    const after = await storedAnnotations(probe);
    expect(after.find((a) => a.id === theirs.id)).toEqual(theirs);
    expect(JSON.stringify(after)).not.toContain('PWNED');
    await page.close();
  });

  it('an imported time beyond what a Date holds is refused, and Export JSON keeps working', async () => {
    const a = { id: 'far-future', pageKey: 'https://example.com/x', selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }], colour: 'yellow', note: '', tags: [], created: 1, updated: 9e15 };
    const answer = await sendFromExtension(probe, { type: 'annotations/import', annotations: [a], pages: [] });
    expect(answer).toEqual({ error: expect.stringMatching(/updated/) });
    const all = await storedAnnotations(probe);
    expect(all.map((x) => x.id)).not.toContain('far-future');
    expect(() => all.map((x) => new Date(x.updated).toISOString())).not.toThrow();
  });
});
