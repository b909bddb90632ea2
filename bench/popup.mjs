#!/usr/bin/env node
// Popup load and search-as-you-type with 10,000 annotations over 1,000 pages, in real Chromium
// with the built extension (.output/chrome-mv3), against a raw IndexedDB read of the same
// records (one getAll of the annotations store) in the same run.
//
//   npm run build && node bench/popup.mjs            (prints a table; exit code 0)
//   import { run } from './popup.mjs'; await run()    → [{ name, value, unit, goal, met }]
import { pathToFileURL } from 'node:url';
import { launchWithExtension } from '../scripts/browsers.mjs';

const ANNOTATIONS = 10_000;
const PAGES = 1_000;
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const QUERY = 'council budget';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Writes the records straight into the extension's database (extension pages share its origin). */
async function seed(count, pages) {
  // The background creates the database (and its stores) on the first request; opening it
  // here first would create an empty one.
  await browser.runtime.sendMessage({ type: 'annotations/all' });
  return new Promise((resolve, reject) => {
    const r = indexedDB.open('clearmark');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const tx = db.transaction(['annotations', 'pages'], 'readwrite');
      const colours = ['yellow', 'green', 'blue', 'pink', 'purple'];
      const words = ['flood', 'river', 'council', 'tariffs', 'election', 'hotline', 'budget', 'harbour', 'school', 'vaccine'];
      const base = Date.UTC(2025, 0, 1);
      const filler = 'and the valley towns agreed to share one warning line after the long winter of high water '.repeat(2);
      for (let p = 0; p < pages; p++) {
        const key = `https://seed.example/story/${p}`;
        tx.objectStore('pages').put({ key, url: key, title: `Seeded story ${p} about the ${words[p % 10]}`, site: 'seed.example', lastSeen: base });
      }
      for (let i = 0; i < count; i++) {
        tx.objectStore('annotations').put({
          id: crypto.randomUUID(),
          pageKey: `https://seed.example/story/${i % pages}`,
          selectors: [
            { type: 'TextQuoteSelector', exact: `Passage ${i} on the ${words[i % 10]} ${filler.slice(0, 60 + (i % 120))}`, prefix: filler.slice(0, 32), suffix: filler.slice(10, 42) },
            { type: 'TextPositionSelector', start: i * 10, end: i * 10 + 180 },
          ],
          colour: colours[i % 5],
          note: i % 4 === 0 ? `Note ${i}: check the ${words[(i * 3) % 10]} figures against last year's report` : '',
          tags: i % 6 === 0 ? [words[(i * 7) % 10]] : [],
          created: base + i * 1000,
          updated: base + i * 1000,
        });
      }
      tx.oncomplete = () => (db.close(), resolve(count));
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** The reference: open the database and read every annotation with one getAll. */
function rawRead() {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const r = indexedDB.open('clearmark');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      const db = r.result;
      const req = db.transaction('annotations').objectStore('annotations').getAll();
      req.onsuccess = () => {
        const ms = performance.now() - t0;
        const n = req.result.length;
        db.close();
        resolve({ ms, n });
      };
      req.onerror = () => reject(req.error);
    };
  });
}

/**
 * Types `query` one key at a time; for each keystroke, the time until the list is rendered and
 * laid out (reading offsetHeight forces style and layout; waiting for a frame would add
 * headless Chromium's frame scheduling, not our work).
 */
function typeQuery(query) {
  const box = document.querySelector('input[type=search]');
  const html = document.documentElement;
  const times = [];
  let p = Promise.resolve();
  for (let i = 1; i <= query.length; i++) {
    p = p.then(
      () =>
        new Promise((resolve) => {
          const before = html.dataset.renders;
          const t0 = performance.now();
          box.value = query.slice(0, i);
          box.dispatchEvent(new Event('input', { bubbles: true }));
          const check = () => {
            if (html.dataset.renders !== before) {
              void document.body.offsetHeight;
              times.push(performance.now() - t0);
              resolve();
            } else setTimeout(check, 0);
          };
          check();
        }),
    );
  }
  return p.then(() => ({ times, groups: document.querySelectorAll('section.all section.page').length, counts: document.querySelector('.counts').textContent }));
}

export async function run({ log = () => {} } = {}) {
  const ext = await launchWithExtension('chromium');
  try {
    const seeder = await ext.browser.newPage();
    await seeder.goto(`${ext.extensionOrigin}/options.html`);
    log(`seeding ${ANNOTATIONS} annotations over ${PAGES} pages`);
    await seeder.evaluate(seed, ANNOTATIONS, PAGES);

    const raw = [];
    const paint = [];
    const paintNav = [];
    const keys = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Reference, in a fresh extension page of the same kind.
      const refPage = await ext.browser.newPage();
      await refPage.goto(`${ext.extensionOrigin}/options.html`);
      const r = await refPage.evaluate(rawRead);
      if (r.n !== ANNOTATIONS) throw new Error(`raw read saw ${r.n} annotations`);
      raw.push(r.ms);
      await refPage.close();

      const popup = await ext.browser.newPage();
      await popup.goto(`${ext.extensionOrigin}/popup.html`);
      await popup.waitForFunction(() => document.documentElement.dataset.ready === 'true', { timeout: 30_000 });
      const m = await popup.evaluate(() => {
        const start = performance.getEntriesByName('clearmark:start')[0].startTime;
        const ready = performance.getEntriesByName('clearmark:ready')[0].startTime;
        return { app: ready - start, nav: ready };
      });
      paint.push(m.app);
      paintNav.push(m.nav);
      await popup.waitForFunction(() => document.documentElement.dataset.index === 'ready', { timeout: 30_000 });
      const typed = await popup.evaluate(typeQuery, QUERY);
      keys.push(...typed.times);
      if (round === 0) log(`search "${QUERY}": ${typed.counts}, ${typed.groups} page groups rendered`);
      await popup.close();
    }
    const rawMs = median(raw);
    const paintMs = median(paint);
    const keyMs = median(keys);
    const keyP95 = [...keys].sort((a, b) => a - b)[Math.floor(keys.length * 0.95)];
    const round1 = (x) => Math.round(x * 100) / 100;
    return [
      { name: 'popup: raw IndexedDB getAll of 10k annotations (reference)', value: round1(rawMs), unit: 'ms', goal: 'reference', met: true },
      { name: 'popup: first paint (script start → list rendered) / raw getAll', value: round1(paintMs / rawMs), unit: '×', goal: '< 1', met: paintMs < rawMs },
      { name: 'popup: first paint, script start → list rendered', value: round1(paintMs), unit: 'ms', goal: 'info', met: true },
      { name: 'popup: first paint, navigation start → list rendered', value: round1(median(paintNav)), unit: 'ms', goal: 'info', met: true },
      { name: 'popup: search per keystroke (median) / raw getAll', value: round1(keyMs / rawMs), unit: '×', goal: '< 1', met: keyMs < rawMs },
      { name: 'popup: search per keystroke (p95) / raw getAll', value: round1(keyP95 / rawMs), unit: '×', goal: '< 1', met: keyP95 < rawMs },
      { name: 'popup: search per keystroke, median (keystroke → list rendered and laid out)', value: round1(keyMs), unit: 'ms', goal: 'info', met: true },
      { name: 'popup: search per keystroke, p95', value: round1(keyP95), unit: 'ms', goal: 'info', met: true },
    ];
  } finally {
    await ext.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = Date.now();
  const rows = await run({ log: (s) => console.log(s) });
  console.log(`\nPopup with ${ANNOTATIONS.toLocaleString()} annotations over ${PAGES.toLocaleString()} pages, Chromium, ${ROUNDS} rounds (medians):\n`);
  console.log('| measure | value | goal | met |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.name} | ${r.value} ${r.unit} | ${r.goal} | ${r.met ? 'yes' : 'no'} |`);
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s; command: npm run build && node bench/popup.mjs)`);
}
