/**
 * The reader overrides Clearmark's verdict, in both browsers: an article Clearmark judged "Not
 * an article" is treated as one (clutter hidden) once the reader says so in the popup, and the
 * choice is remembered after a reload; the opposite for a site whose pages are not articles.
 * Also: the popup's "This page" stays true to the page after a delete, an undo and a last delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, actionTitleFor, demoArticleWith, launch, openExtensionPage, sendFromExtension, serveFixtures, waitFor, type ExtensionBrowser } from './support/extension';
import { openPopup, tabIdFor } from './support/popup';

// The demo article without its publisher metadata, filed under a tag path: a real article
// that detection scores below the threshold (URL shape −4, no schema.org, no og:type).
const misjudged = () =>
  demoArticleWith('')
    .replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '')
    .replace(/<meta property="(og:type|article:published_time)"[^>]*>/g, '');
const CLUTTER = 'icon bookmark-b';

describe.each(BROWSERS)('%s: the reader’s verdict', (name) => {
  let ext: ExtensionBrowser;
  let server: Awaited<ReturnType<typeof serveFixtures>>;
  let probe: Page;
  const shows = (page: Page, text: string) => page.evaluate((t) => document.body.innerText.replace(/\s+/g, ' ').includes(t), text);
  const verdictLine = (popup: Page) => popup.$eval('.this-page .verdict', (e) => (e as HTMLElement).innerText);

  beforeAll(async () => {
    server = await serveFixtures(new Map([['/tag/floods/', misjudged]]));
    ext = await launch(name);
    probe = await openExtensionPage(ext, 'options.html');
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  async function openArticle(path: string, expect: RegExp) {
    const url = server.url(path);
    const page = await ext.browser.newPage();
    await page.goto(url);
    await waitFor(async () => expect.test(await actionTitleFor(probe, url)), `the verdict ${expect} on ${path}`);
    return { page, url, tabId: await tabIdFor(probe, url) };
  }

  it('"Treat this page as an article": clutter is hidden, and stays so after a reload', async () => {
    const { page, url, tabId } = await openArticle('/tag/floods/', /Not an article/);
    expect(await shows(page, CLUTTER)).toBe(true);
    let popup = await openPopup(ext, tabId);
    await waitFor(async () => (await popup.$('[data-ctl="article"]')) !== null, 'the article choice');
    expect(await verdictLine(popup)).toBe('Not an article');
    await popup.select('[data-ctl="article"]', 'page:yes');
    await waitFor(async () => /Article — \d+ clutter items hidden/.test(await actionTitleFor(probe, url)), 'the page to be decluttered');
    expect(await shows(page, CLUTTER)).toBe(false);
    await waitFor(async () => /^Article — \d+ clutter items hidden \(your choice\)$/.test(await verdictLine(popup)), 'the popup to show the new verdict');
    await page.reload();
    await waitFor(async () => /Article — \d+ clutter items hidden/.test(await actionTitleFor(probe, url)), 'the choice to be remembered');
    expect(await shows(page, CLUTTER)).toBe(false);
    // Back to detection (a new popup: it reads the stored choice).
    await popup.close();
    popup = await openPopup(ext, tabId);
    await waitFor(async () => (await popup.$('[data-ctl="article"]')) !== null, 'the article choice');
    expect(await popup.$eval('[data-ctl="article"]', (e) => (e as HTMLSelectElement).value)).toBe('page:yes');
    await popup.select('[data-ctl="article"]', 'auto');
    await waitFor(async () => /Not an article/.test(await actionTitleFor(probe, url)), 'detection to decide again');
    expect(await shows(page, CLUTTER)).toBe(true);
    await popup.close();
    await page.close();
  });

  it('"Treat no page on this site as an article": a detected article is left as it is', async () => {
    const { page, url, tabId } = await openArticle('/demo-article.html', /Article — \d+ clutter/);
    expect(await shows(page, CLUTTER)).toBe(false);
    const popup = await openPopup(ext, tabId);
    await waitFor(async () => (await popup.$('[data-ctl="article"]')) !== null, 'the article choice');
    await popup.select('[data-ctl="article"]', 'site:no');
    await waitFor(async () => /Not an article/.test(await actionTitleFor(probe, url)), 'the site verdict');
    expect(await shows(page, CLUTTER)).toBe(true);
    // Another page of the same site follows the site's verdict.
    const other = await openArticle('/tag/floods/', /Not an article/);
    await other.page.close();
    await popup.select('[data-ctl="article"]', 'auto');
    await waitFor(async () => /Article — \d+ clutter/.test(await actionTitleFor(probe, url)), 'detection to decide again');
    await popup.close();
    await page.close();
  });

  it('"This page" keeps its status line through delete and undo, and empties after the last delete', async () => {
    const { page, url, tabId } = await openArticle('/demo-article.html', /Article — \d+ clutter/);
    const exact = 'Seven towns along the Ostra river agreed on Thursday';
    const made = await sendFromExtension<{ annotation: { id: string } }>(probe, {
      type: 'annotation/create',
      page: { key: url, url, title: 'The Ostra valley' },
      annotation: { pageKey: url, colour: 'yellow', selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] },
    });
    expect(made.annotation).toBeDefined();
    await waitFor(async () => /1 highlight/.test(await actionTitleFor(probe, url)), 'the highlight on the page');
    const popup = await openPopup(ext, tabId);
    const item = `.this-page li.annotation[data-id="${made.annotation.id}"]`;
    await waitFor(async () => (await popup.$(item)) !== null, 'this page’s highlight');
    const before = await verdictLine(popup);
    expect(before).toMatch(/^Article — \d+ clutter items hidden$/);
    await popup.locator(`${item} ::-p-aria(Delete)`).click();
    await popup.locator('::-p-aria(Undo)').click();
    await waitFor(async () => (await popup.$(item)) !== null, 'the undo');
    // Let the page reload its highlights (the broadcast), then look again.
    await waitFor(async () => /1 highlight/.test(await actionTitleFor(probe, url)), 'the page to have it again');
    expect(await verdictLine(popup)).toBe(before);
    await popup.locator(`${item} ::-p-aria(Delete)`).click();
    await waitFor(async () => (await popup.$('.this-page .empty')) !== null, 'the empty state');
    expect(await popup.$eval('.this-page', (e) => (e as HTMLElement).innerText)).not.toMatch(/Copy as Markdown|Export JSON|The Ostra valley/);
    expect(await verdictLine(popup)).toBe(before);
    await popup.close();
    await page.close();
  });
});
