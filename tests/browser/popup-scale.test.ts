/**
 * The popup with many annotations (seeded straight into the database), and by keyboard only.
 * Speed is measured by bench/popup.mjs, not here: this checks paging and keyboard behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS, launch, openExtensionPage, waitFor, type ExtensionBrowser } from './support/extension';
import { listedGroups, openPopup, seedDirect } from './support/popup';

describe.each(BROWSERS)('%s: popup with 2,000 annotations', (name) => {
  let ext: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    ext = await launch(name);
    const probe = await openExtensionPage(ext, 'options.html');
    await seedDirect(probe, 2_000, 200);
    await probe.close();
    popup = await openPopup(ext, undefined, 'review.html');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows a screenful of pages, newest first, with counts, and more on request', async () => {
    await waitFor(async () => (await popup.$eval('.counts', (e) => e.textContent)) === '2,000 annotations on 200 pages', 'the counts');
    const first = await listedGroups(popup);
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(10);
    // The newest annotation is seed-1999, on story 199.
    expect(first[0]!.title).toBe('Seeded story 199 about vaccine');
    expect(first[0]!.quotes).toHaveLength(10);
    await popup.locator('::-p-aria(Show more)').click();
    await waitFor(async () => (await listedGroups(popup)).length > first.length, 'more pages');
    const titles = (await listedGroups(popup)).map((g) => g.title);
    expect(new Set(titles).size).toBe(titles.length); // each page once
  });

  it('is usable by keyboard: "/" to search, Tab to an annotation, Enter to edit, Escape to close', async () => {
    await popup.bringToFront();
    await popup.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await popup.keyboard.press('/');
    expect(await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search annotations');
    const before = await popup.evaluate(() => document.documentElement.dataset.renders);
    await popup.keyboard.type('passage 1234 ');
    await waitFor(async () => (await popup.evaluate(() => document.documentElement.dataset.renders)) !== before && (await listedGroups(popup)).length === 1, 'the search');
    expect((await listedGroups(popup))[0]!.quotes).toEqual([expect.stringMatching(/^Passage 1234 /)]);
    expect(await popup.$eval('.counts', (e) => e.textContent)).toBe('Matching: 1 annotation on 1 page');
    // Tab through the controls to the annotation's Edit button.
    for (let i = 0; i < 30; i++) {
      await popup.keyboard.press('Tab');
      if ((await popup.evaluate(() => document.activeElement?.textContent)) === 'Edit') break;
    }
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('Edit');
    await popup.keyboard.press('Enter');
    await waitFor(async () => (await popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === 'Note', 'the note box to take focus');
    await popup.keyboard.press('Escape');
    expect(await popup.evaluate(() => [document.activeElement?.textContent, document.activeElement?.getAttribute('aria-expanded')])).toEqual(['Edit', 'false']);
  });
});
