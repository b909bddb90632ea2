#!/usr/bin/env node
// `npm run bench`: Clearmark against its peers, side by side, in one run (issue #6).
// Every timing is a ratio to a reference measured in the same run (shared, noisy machines).
// Writes docs/benchmarks.md (table, command, date, machine) and bench/results.json
// ([{ name, value, unit, goal, met }]). Not part of `npm test`.
//
//   npm run bench                  full run (~6 min of CPU on 2 cores; 12 min wall when the machine is shared); builds the Chromium extension first
//   npm run bench -- --no-build    reuse .output/chrome-mv3
//   npm run bench -- --quick       a smoke run on a few pages (results are not written to docs/)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { runChromium, median } from '../bench/chromium.mjs';
import { measureSize } from '../bench/size.mjs';
import { summarizeAnchoring, anchoringRows, anchoringTables } from '../bench/report.mjs';
import { READABILITY_DIR } from '../tests/corpus/paths.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = READABILITY_DIR;
const FIXTURES = join(ROOT, 'tests/fixtures');
const TMP = join(ROOT, 'bench/tmp');
const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const log = (s) => console.log(s);
const started = Date.now();
const loadAtStart = loadavg()[0];
const step = (s) => log(`\n[${((Date.now() - started) / 1000).toFixed(0)}s] ${s}`);

if (!existsSync(join(CORPUS, 'news-like.txt'))) {
  console.error(`The corpus is missing: expected ${CORPUS}/news-like.txt (tests/corpus/readability).`);
  process.exit(1);
}
mkdirSync(TMP, { recursive: true });

// 1. Size (and the build the memory bench loads).
if (!args.has('--no-build')) {
  step('building the Chromium extension (wxt build)');
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}
step('size');
const size = await measureSize(ROOT);

// 2. Anchoring robustness: vitest + happy-dom, two shards in parallel.
step('anchoring mutation suite (4 systems, happy-dom)');
const shards = 2;
const env = { ...process.env, BENCH_SHARDS: String(shards), BENCH_QUOTES_PER_KIND: QUICK ? '2' : '5', BENCH_MAX_PAGES: QUICK ? '6' : '1000' };
const v = spawnSync('npx', ['vitest', 'run', '--config', 'bench/vitest.anchoring.config.ts', '--reporter=dot'], { cwd: ROOT, env, stdio: 'inherit' });
if (v.status !== 0) {
  console.error('The anchoring suite failed (see above).');
  process.exit(1);
}
const shardResults = Array.from({ length: shards }, (_, i) => JSON.parse(readFileSync(join(TMP, `anchoring-${i}.json`), 'utf8')));
const anchoring = summarizeAnchoring(shardResults);

// 3-6. Real Chromium: content-script cost, restore speed, memory.
step('bundling src + @mozilla/readability for the page (esbuild IIFE)');
await build({ entryPoints: [join(ROOT, 'bench/page/entry.ts')], bundle: true, format: 'iife', target: 'chrome120', outfile: join(TMP, 'page.js'), logLevel: 'warning' });
step('Chromium: content-script cost on every corpus page and the non-article fixtures, restore speed, memory');
const chromium = await runChromium({ corpus: CORPUS, fixtures: FIXTURES, bundle: readFileSync(join(TMP, 'page.js'), 'utf8'), rounds: QUICK ? 3 : 5, limit: QUICK ? 15 : 0, log });

// 4. Popup at scale (bench/popup.mjs, written separately).
step('popup');
let popupRows = null;
let popupNote = '';
const popupFile = join(ROOT, 'bench/popup.mjs');
if (existsSync(popupFile)) {
  try {
    const mod = await import(pathToFileURL(popupFile).href);
    popupRows = await mod.run();
  } catch (err) {
    popupNote = `bench/popup.mjs failed: ${String(err?.stack ?? err).split('\n')[0]}`;
  }
} else popupNote = 'bench/popup.mjs is missing: no popup figures in this run';

// ---------------------------------------------------------------------------------------------
// Rows
const rows = [];
const row = (name, value, unit, goal = null, met = null, note = undefined) => rows.push({ name, value, unit, goal, met, ...(note ? { note } : {}) });
const round = (x, d = 3) => (Number.isFinite(x) ? Number(x.toFixed(d)) : null);

rows.push(...anchoringRows(anchoring));

const ok = chromium.perPage.filter((p) => !p.error);
const articles = ok.filter((p) => p.isArticle);
const nonArticles = ok.filter((p) => !p.isArticle);
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const cost = (set, k) => set.map((p) => p[`ratio${k}`]);
row('content-script cost, article pages, 0 highlights (median, x Readability parse)', round(median(cost(articles, 0))), 'ratio', '<= 0.10', median(cost(articles, 0)) <= 0.1);
row('content-script cost, article pages, 200 highlights (median, x Readability parse)', round(median(cost(articles, 200))), 'ratio', '<= 0.10', median(cost(articles, 200)) <= 0.1);
row('content-script cost, non-article pages, 0 highlights (median, x Readability parse)', round(median(cost(nonArticles, 0))), 'ratio', '<= 0.02', median(cost(nonArticles, 0)) <= 0.02);
row('content-script cost, non-article pages, 200 highlights (median, x Readability parse)', round(median(cost(nonArticles, 200))), 'ratio');
row('content-script cost, article pages, 0 highlights (p90)', round(p90(cost(articles, 0))), 'ratio');
row('content-script cost, article pages, 200 highlights (p90)', round(p90(cost(articles, 200))), 'ratio');
const share = (set, f) => median(set.map((p) => p[f] / p.refMs));
row('  of which detectArticle, article pages (median, x Readability)', round(share(articles, 'detectMs')), 'ratio');
row('  of which startDeclutter + follow, article pages (median, x Readability)', round(share(articles, 'declutterMs')), 'ratio');
row('  of which restoring 200 highlights, article pages (median, x Readability)', round(share(articles, 'restore200Ms')), 'ratio');
row('  detectArticle, non-article pages (median, x Readability)', round(share(nonArticles, 'detectMs')), 'ratio');
row('Readability parse, article pages (median, the reference)', round(median(articles.map((p) => p.refMs)), 2), 'ms');
row('restore 500 highlights on the longest page (x floor: text walk + 500 indexOf)', round(chromium.restore.ratio, 2), 'ratio', '<= 3', chromium.restore.ratio <= 3);

if (popupRows) for (const r of popupRows) rows.push(r);
else row('popup at scale', null, null, null, null, popupNote);

row('content script, minified (WXT production build)', size.contentBytes, 'bytes');
row('content script, minified + gzip', size.contentGz, 'bytes');
row('content script gzip / @mozilla/readability min+gzip', round(size.contentGz / size.readabilityGz, 2), 'ratio');
row('whole extension (.output/chrome-mv3)', size.extensionBytes, 'bytes');
row('whole extension, files gzipped', size.extensionGz, 'bytes');

const mem = chromium.memory;
if (mem.error) row('memory with 500 highlights', null, null, null, null, mem.error);
else {
  row('JS heap, page + extension + 500 highlights, minus page alone', mem.fullBytes - mem.withoutBytes, 'bytes');
  row('JS heap, page + extension + 500 highlights / page alone', round(mem.fullBytes / mem.withoutBytes, 2), 'ratio');
  row('JS heap, page + extension (0 highlights) / page alone', round(mem.zeroBytes / mem.withoutBytes, 2), 'ratio');
  if (mem.scriptMs) {
    row('real content script (built extension), 0 highlights: renderer script time minus page alone, x Readability parse', round((mem.scriptMs.zero - mem.scriptMs.without) / mem.refMs), 'ratio');
    row('real content script (built extension), 500 highlights: renderer script time minus page alone, x Readability parse', round((mem.scriptMs.full - mem.scriptMs.without) / mem.refMs), 'ratio');
  }
  row('JS heap per painted highlight ((500 - 0 highlights) / 500)', Math.round((mem.fullBytes - mem.zeroBytes) / mem.highlights), 'bytes');
}

// ---------------------------------------------------------------------------------------------
const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
const secs = ((Date.now() - started) / 1000).toFixed(0);
const raw = { date, seconds: Number(secs), quick: QUICK, chromiumVersion: chromium.version, crossOriginIsolated: chromium.isolated, size, anchoring, chromium: { ...chromium, perPage: chromium.perPage } };
writeFileSync(join(TMP, 'raw.json'), JSON.stringify(raw, null, 1));
const fmt = (r) => (r.value === null ? '—' : r.unit === 'bytes' ? `${r.value.toLocaleString('en-US')} B` : r.unit === 'ms' ? `${r.value} ms` : r.unit === '%' ? `${r.value}%` : String(r.value));
const metCell = (r) => (r.met === null ? '' : r.met ? 'yes' : '**no**');
const mainTable = ['| figure | value | goal | met |', '| --- | ---: | --- | --- |', ...rows.filter((r) => !r.name.startsWith('anchoring/')).map((r) => `| ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r)} | ${r.goal ?? ''} | ${metCell(r)} |`)];

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}, ${chromium.version} (headless=new); 1-min load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end (other sessions share the machine)`;
log('\n' + mainTable.join('\n'));
log('\n' + anchoringTables(anchoring).summary);

if (QUICK) {
  writeFileSync(join(TMP, 'results.quick.json'), JSON.stringify(rows, null, 1));
  log(`\nquick run: results in bench/tmp/ only (${secs}s)`);
} else {
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(rows, null, 1) + '\n');
  const { renderDoc } = await import('../bench/doc.mjs');
  writeFileSync(join(ROOT, 'docs/benchmarks.md'), renderDoc({ date, secs, machine, rows, mainTable, anchoring, chromium, size, popupNote }));
  log(`\nwrote docs/benchmarks.md and bench/results.json (${secs}s)`);
}
