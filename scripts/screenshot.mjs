// Takes the README's screenshots of the demo article in real Chromium, in the light and the
// dark theme: the page without decluttering (the site switched off), the page with Clearmark
// at work (clutter hidden, two highlights, the toolbar on a new selection), a highlight's card
// with the note this script writes on it, and the popup. Run after `npm run build`:
//   node scripts/screenshot.mjs
import { launchWithExtension } from './browsers.mjs';
import { serveFolder } from './static-server.mjs';
import { fileURLToPath } from 'node:url';

const server = await serveFolder(fileURLToPath(new URL('../tests/fixtures/', import.meta.url)));
const ext = await launchWithExtension('chromium');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const url = server.url('/demo-article.html');

/** Selects text with a real mouse drag (the toolbar opens on the mouse-up). */
async function select(page, start, length) {
  const box = await page.evaluate((start, length) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(start);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + length);
      const rects = r.getClientRects();
      const a = rects[0];
      const b = rects[rects.length - 1];
      return { x1: a.left + 1, y1: (a.top + a.bottom) / 2, x2: b.right - 1, y2: (b.top + b.bottom) / 2 };
    }
    throw new Error(`no text ${start}`);
  }, start, length);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
  await sleep(300);
}

async function shoot(scheme) {
  const suffix = scheme === 'dark' ? '-dark' : '';
  const probe = await ext.browser.newPage();
  await probe.goto(`${ext.extensionOrigin}/options.html`);
  // A clean slate for each theme: no highlights, decluttering off for the first shot.
  await probe.evaluate(async () => {
    const { annotations } = await browser.runtime.sendMessage({ type: 'annotations/all' });
    for (const a of annotations) await browser.runtime.sendMessage({ type: 'annotation/delete', id: a.id });
    await browser.storage.local.set({ declutterSites: { '127.0.0.1': false } });
  });
  const page = await ext.browser.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await page.goto(url);
  await sleep(800);
  await page.screenshot({ path: `docs/demo-without-clearmark${suffix}.png` });

  await probe.evaluate(() => browser.storage.local.set({ declutterSites: {} }));
  await sleep(800);
  await page.bringToFront();
  await page.evaluate(() => window.scrollTo(0, 0));
  await select(page, 'Seven towns along the Ostra', 104);
  await (await page.waitForSelector('aria/Highlight yellow')).click();
  await select(page, 'We have to listen to the river', 30);
  await (await page.waitForSelector('aria/Highlight green')).click();
  await sleep(300);
  // The note, written in the card as a reader does.
  const first = await page.evaluate(() => {
    for (const [, h] of CSS.highlights) for (const r of h) { const b = r.getClientRects()[0]; if (b) return { x: b.left + 20, y: (b.top + b.bottom) / 2 }; }
    return null;
  });
  await page.mouse.click(first.x, first.y);
  await (await page.waitForSelector('aria/Add note')).click();
  await (await page.waitForSelector('aria/Note')).type('Check the **2024 gauge data** before the council vote.');
  await (await page.waitForSelector('aria/Save note')).click();
  await sleep(300);
  await page.screenshot({ path: `docs/demo-card${suffix}.png` });
  await page.keyboard.press('Escape');
  // The toolbar on a new selection, over the decluttered page with its two highlights.
  await page.evaluate(() => window.scrollTo(0, 0));
  await sleep(300);
  await select(page, 'Seven river towns in the Ostra valley', 37);
  await page.screenshot({ path: `docs/demo-article${suffix}.png` });

  const tabId = await probe.evaluate(async (u) => (await browser.tabs.query({})).find((t) => t.url === u)?.id, url);
  const popup = await ext.browser.newPage();
  await popup.setViewport({ width: 440, height: 640 });
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  await popup.goto(`${ext.extensionOrigin}/popup.html?tab=${tabId}`);
  await popup.waitForFunction(() => document.documentElement.dataset.thisPage === 'ready');
  await sleep(300);
  await popup.screenshot({ path: `docs/popup${suffix}.png` });
  for (const p of [popup, page, probe]) await p.close();
}

await shoot('light');
await shoot('dark');
await ext.close();
await server.close();
