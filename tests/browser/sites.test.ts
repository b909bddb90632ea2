/**
 * Sites told apart by the Public Suffix List (issue #16, finding 2), in real Chromium and
 * Firefox: two tenants of a shared suffix (`victim.github.io`, `mallory.github.io`), both served
 * from 127.0.0.1 through the browser's own host mapping. A copy of the victim's article on the
 * attacker's site, claiming the victim's URL as canonical and og:url, gets none of the victim's
 * highlights, and its visit does not move the victim's page record (the popup's jump target).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchWithExtension } from '../../scripts/browsers.mjs';
import {
  BROWSERS,
  actionTitleFor,
  demoArticleWith,
  highlightSelection,
  openExtensionPage,
  paintedHighlights,
  selectText,
  sendFromExtension,
  serveFixtures,
  storedAnnotations,
  waitFor,
  type ExtensionBrowser,
} from './support/extension';
import type { PageRecord } from '@/src/messages';

/** Host names that resolve to the test server (127.0.0.1) in the browser, and only there. */
export const TENANTS = ['victim.github.io', 'mallory.github.io'];
export function launchWithHosts(name: (typeof BROWSERS)[number]) {
  return name === 'chromium'
    ? launchWithExtension(name, { args: [`--host-resolver-rules=${TENANTS.map((h) => `MAP ${h} 127.0.0.1`).join(',')}`, '--disable-features=HttpsUpgrades'] })
    : launchWithExtension(name, {
        firefoxPrefs: {
          'network.dns.localDomains': TENANTS.join(','),
          'network.dns.disableIPv6': true,
          'dom.security.https_first': false,
          'dom.security.https_first_schemeless': false,
          'network.proxy.type': 0,
        },
      });
}

describe.each(BROWSERS)('%s: sites by the Public Suffix List', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  const routes = new Map<string, () => string>();
  const on = (host: string, path: string) => server.url(path).replace('127.0.0.1', host);

  beforeAll(async () => {
    server = await serveFixtures(routes);
    ext = await launchWithHosts(name);
    probe = await openExtensionPage(ext, 'popup.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function open(url: string): Promise<Page> {
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => (await actionTitleFor(probe, url)).includes('Article'), `the content script on ${url}`);
    return page;
  }

  it('a copy on another tenant of github.io, claiming the victim’s canonical URL, gets none of its highlights and cannot move its page', async () => {
    const victimUrl = on('victim.github.io', '/demo-article.html');
    const victim = await open(victimUrl);
    const selected = await selectText(victim, 'Seven towns along the Ostra', 60);
    await highlightSelection(name, probe, victim, victimUrl);
    await waitFor(async () => (await storedAnnotations(probe)).length === 1, 'the victim’s highlight to be stored');
    expect((await paintedHighlights(victim)).yellow).toEqual([selected]);
    const [stored] = await storedAnnotations(probe);
    expect(stored.pageKey).toBe(victimUrl);

    const claim = `<link rel="canonical" href="${victimUrl}"><meta property="og:url" content="${victimUrl}">`;
    routes.set('/copy.html', () => demoArticleWith(claim));
    const copyUrl = on('mallory.github.io', '/copy.html');
    const copy = await open(copyUrl);
    await waitFor(async () => (await actionTitleFor(probe, copyUrl)).includes('clutter items hidden'), 'the copy to be processed');
    await new Promise((r) => setTimeout(r, 1000));
    // The copy's page key is its own URL, so nothing of the victim's is painted or reachable there.
    expect(await paintedHighlights(copy)).toEqual({});
    const state = await probe.evaluate(async (u) => {
      const tab = (await browser.tabs.query({})).find((t) => t.url === u)!;
      return browser.tabs.sendMessage(tab.id!, { type: 'command/pageState' });
    }, copyUrl);
    expect(state).toMatchObject({ pageKey: copyUrl });
    // The victim's page record still points at the victim's page.
    const all = await sendFromExtension<{ pages: PageRecord[] }>(probe, { type: 'annotations/all' });
    expect(all.pages.find((p) => p.key === victimUrl)?.url).toBe(victimUrl);
    await copy.close();
    await victim.close();
  });
});
