// Takes the README's screenshots of the demo article in real Chromium: without decluttering
// (the site switched off) and with Clearmark at work (clutter hidden, two highlights, a note).
// Run after `npm run build`: node scripts/screenshot.mjs
import { launchWithExtension } from './browsers.mjs';
import { serveFolder } from './static-server.mjs';
import { fileURLToPath } from 'node:url';

const server = await serveFolder(fileURLToPath(new URL('../tests/fixtures/', import.meta.url)));
const ext = await launchWithExtension('chromium');
const probe = await ext.browser.newPage();
await probe.goto(`${ext.extensionOrigin}/popup.html`);
const page = await ext.browser.newPage();
await page.setViewport({ width: 1100, height: 900 });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

await probe.evaluate(() => browser.storage.local.set({ declutterSites: { '127.0.0.1': false } }));
await page.goto(server.url('/demo-article.html'));
await sleep(800);
await page.screenshot({ path: 'docs/demo-without-clearmark.png' });

await probe.evaluate(() => browser.storage.local.set({ declutterSites: {} }));
await sleep(800);
async function highlight(start, length, colour) {
  await page.evaluate((start, length) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(start);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + length);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      return;
    }
  }, start, length);
  // A real key ends the selection: Clearmark answers only the reader's own (trusted) input.
  await page.keyboard.press('Shift');
  await (await page.waitForSelector(`aria/Highlight ${colour}`)).click();
  await sleep(300);
}
await highlight('Seven towns along the Ostra', 104, 'yellow');
await highlight('single flood warning line', 25, 'green');
await page.evaluate(() => window.scrollTo(0, 0));
await sleep(300);
await page.screenshot({ path: 'docs/demo-article.png' });
await ext.close();
await server.close();
