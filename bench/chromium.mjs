// Content-script cost, restore speed and memory, in real Chromium (puppeteer-core).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { serveBench } from './server.mjs';
import { findBrowser } from '../scripts/find-browser.mjs';
import { launchWithExtension } from '../scripts/browsers.mjs';

const ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
  // The corpus pages link to the real sites; this closed network refuses them anyway, answer at once.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'];

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};

/** All corpus pages (source.html) plus the non-article fixtures. */
export function benchPages(corpus, fixtures) {
  const pages = [];
  for (const name of readdirSync(corpus).sort()) {
    if (!existsSync(join(corpus, name, 'source.html'))) continue;
    let readerable = null;
    try {
      readerable = JSON.parse(readFileSync(join(corpus, name, 'expected-metadata.json'), 'utf8')).readerable ?? null;
    } catch { /* no metadata */ }
    pages.push({ name, path: `/corpus/${name}/source.html`, readerable, source: 'corpus' });
  }
  for (const f of readdirSync(join(fixtures, 'non-articles')).sort()) {
    if (f.endsWith('.html')) pages.push({ name: `fixture:${f}`, path: `/fixtures/non-articles/${f}`, readerable: false, source: 'fixture' });
  }
  return pages;
}

async function openBenchPage(page, url, bundle) {
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  await page.evaluate(bundle);
}

const call = (page, fn, ...args) => page.evaluate((f, a) => window.__clearmarkBench[f](...a), fn, args);

/**
 * @param {{ corpus: string, fixtures: string, bundle: string, rounds?: number, log?: (s: string) => void }} o
 */
export async function runChromium(o) {
  const log = o.log ?? (() => {});
  const rounds = o.rounds ?? 5;
  const server = await serveBench({ corpus: o.corpus, fixtures: o.fixtures });
  const browser = await puppeteer.launch({ executablePath: findBrowser('chromium'), headless: true, args: ARGS, protocolTimeout: 120_000 });
  const version = await browser.version();
  const page = await browser.newPage();
  await page.setBypassCSP(true);
  // Page scripts off: the saved pages' own scripts cannot load their resources here and would
  // only add noise (timers, redirects); our bundle is evaluated through DevTools.
  await page.setJavaScriptEnabled(false);
  const perPage = [];
  const pages = benchPages(o.corpus, o.fixtures).filter((p, i) => !o.limit || i % o.limit === 0);
  let isolated = null;
  for (const [i, p] of pages.entries()) {
    try {
      await openBenchPage(page, server.origin + p.path, o.bundle);
      isolated ??= await call(page, 'crossOriginIsolated');
      const prep = await call(page, 'prepare', 200);
      // Warm-up (JIT, style caches), then rounds in rotating order.
      await call(page, 'readability');
      await call(page, 'clearmark', 0);
      await call(page, 'clearmark', 200);
      const t = { ref: [], cm0: [], cm200: [], detect: [], declutter: [], restore200: [] };
      let info;
      for (let r = 0; r < rounds; r++) {
        const order = [['ref', () => call(page, 'readability')], ['cm0', () => call(page, 'clearmark', 0)], ['cm200', () => call(page, 'clearmark', 200)]];
        for (let k = 0; k < order.length; k++) {
          const [name, f] = order[(k + r) % order.length];
          const res = await f();
          t[name].push(res.ms);
          if (name === 'cm200') {
            info = res;
            t.restore200.push(res.restoreMs);
          }
          if (name === 'cm0') {
            t.detect.push(res.detectMs);
            t.declutter.push(res.declutterMs);
          }
        }
      }
      const row = { ...p, isArticle: info.isArticle, score: info.score, textLength: prep.textLength, selectors: prep.selectors, anchored200: info.anchored, refMs: median(t.ref), cm0Ms: median(t.cm0), cm200Ms: median(t.cm200), detectMs: median(t.detect), declutterMs: median(t.declutter), restore200Ms: median(t.restore200) };
      row.ratio0 = row.cm0Ms / row.refMs;
      row.ratio200 = row.cm200Ms / row.refMs;
      perPage.push(row);
      if (i % 20 === 0) log(`  chromium: ${i + 1}/${pages.length} pages`);
    } catch (err) {
      perPage.push({ ...p, error: String(err).slice(0, 200) });
    }
  }

  // Restore speed: 500 stored highlights on the longest page (most text).
  const longest = perPage.filter((r) => !r.error && r.source === 'corpus').sort((a, b) => b.textLength - a.textLength)[0];
  await openBenchPage(page, server.origin + longest.path, o.bundle);
  const prep500 = await call(page, 'prepare', 500);
  await call(page, 'declutterNow');
  const rs = { cm: [], floor: [] };
  let anchored = 0;
  let found = 0;
  for (let r = 0; r < 2; r++) {
    await call(page, 'restore');
    await call(page, 'floor');
  }
  for (let r = 0; r < 15; r++) {
    const a = await call(page, 'restore');
    const b = await call(page, 'floor');
    rs.cm.push(a.ms);
    rs.floor.push(b.ms);
    anchored = a.anchored;
    found = b.found;
  }
  const selectors500 = await call(page, 'storedSelectors');
  const key = await call(page, 'key');
  await call(page, 'undeclutter');
  const restore = { page: longest.name, textLength: longest.textLength, highlights: prep500.selectors, anchored, floorFound: found, cmMs: median(rs.cm), floorMs: median(rs.floor) };
  restore.ratio = restore.cmMs / restore.floorMs;

  // Memory: the same page, without the extension (this browser), then with the built extension.
  const memUrl = server.origin + longest.path;
  // JS heap after GC, and the renderer's total script time since the page started
  // (Performance.getMetrics ScriptDuration: page scripts, our bundle's absence, content scripts).
  const scriptTime = { without: [], zero: [], full: [] };
  const heapOf = async (cdp, bucket) => {
    const first = (await cdp.send('Performance.getMetrics')).metrics;
    if (bucket) scriptTime[bucket].push(first.find((m) => m.name === 'ScriptDuration').value * 1000);
    const samples = [];
    for (let k = 0; k < 3; k++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await new Promise((r) => setTimeout(r, 200));
      const { metrics } = await cdp.send('Performance.getMetrics');
      samples.push(metrics.find((m) => m.name === 'JSHeapUsedSize').value);
    }
    await cdp.detach();
    return median(samples);
  };
  /** A new tab with metrics on from the start, at `url`. */
  const openMeasured = async (b, url) => {
    const pg = await b.newPage();
    const cdp = await pg.createCDPSession();
    await cdp.send('Performance.enable');
    await pg.goto(url, { waitUntil: 'load' });
    return { pg, cdp };
  };
  const without = [];
  for (let k = 0; k < 3; k++) {
    const { pg, cdp } = await openMeasured(browser, memUrl);
    await new Promise((r) => setTimeout(r, 1500));
    without.push(await heapOf(cdp, 'without'));
    await pg.close();
  }
  await browser.close();

  let memory;
  try {
    memory = await measureExtensionHeap({ url: memUrl, key, selectors: selectors500, log });
    memory.withoutBytes = median(without);
    memory.scriptMs = { without: median(scriptTime.without), zero: median(scriptTime.zero), full: median(scriptTime.full) };
    memory.refMs = longest.refMs;
  } catch (err) {
    memory = { error: String(err).slice(0, 300), withoutBytes: median(without) };
  }
  await server.close();
  return { version, isolated, rounds, perPage, restore, memory };

  async function measureExtensionHeap({ url, key, selectors, log }) {
    const ext = await launchWithExtension('chromium', { args: ['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
    try {
      const probe = await ext.browser.newPage();
      await probe.goto(`${ext.extensionOrigin}/popup.html`);
      const titleFor = (u) => probe.evaluate(async (u) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
        return tab?.id === undefined ? '' : chrome.action.getTitle({ tabId: tab.id });
      }, u);
      const waitTitle = async (pg, re) => {
        const end = Date.now() + 30_000;
        for (;;) {
          const t = await titleFor(url);
          if (re.test(t)) return t;
          if (Date.now() > end) throw new Error(`timed out waiting for the toolbar title to match ${re} (last: ${t})`);
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      const load = () => openMeasured(ext.browser, url);
      const zero = [];
      let title0 = '';
      for (let k = 0; k < 3; k++) {
        const { pg, cdp } = await load();
        title0 = await waitTitle(pg, /Article|Not an article/);
        await new Promise((r) => setTimeout(r, 1000));
        zero.push(await heapOf(cdp, 'zero'));
        await pg.close();
      }
      // The protocol caps prefix/suffix at 1000 chars; whitespace-heavy pages can exceed it
      // (describe() widens context until it holds 32 non-space chars). Those are left out.
      const fits = selectors.filter((sel) => sel.every((x) => x.type !== 'TextQuoteSelector' || (x.prefix.length <= 1000 && x.suffix.length <= 1000)));
      const rejected = selectors.length - fits.length;
      selectors = fits;
      log(`  memory: seeding ${selectors.length} annotations${rejected ? ` (${rejected} left out: context over 1000 chars)` : ''}`);
      for (const [i, sel] of selectors.entries()) {
        const res = await probe.evaluate((m) => chrome.runtime.sendMessage(m), {
          type: 'annotation/create',
          page: { key, url, title: 'bench' },
          annotation: { pageKey: key, colour: ['yellow', 'green', 'blue', 'pink', 'purple'][i % 5], selectors: sel },
        });
        if (!res?.annotation) throw new Error(`annotation/create failed: ${JSON.stringify(res).slice(0, 200)}`);
      }
      const full = [];
      let title500 = '';
      for (let k = 0; k < 3; k++) {
        const { pg, cdp } = await load();
        title500 = await waitTitle(pg, new RegExp(`${selectors.length} highlights`));
        await new Promise((r) => setTimeout(r, 1000));
        full.push(await heapOf(cdp, 'full'));
        await pg.close();
      }
      return { rejected, extensionVersion: ext.version, zeroBytes: median(zero), fullBytes: median(full), highlights: selectors.length, title0, title500 };
    } finally {
      await ext.close();
    }
  }
}
