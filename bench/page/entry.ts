/**
 * Injected into corpus pages in real Chromium (bundled by esbuild into bench/tmp/page.js, an
 * IIFE that sets window.__clearmarkBench). Each function does one measured thing in the page
 * and returns milliseconds from performance.now() (5 µs resolution: the bench server makes the
 * pages cross-origin isolated).
 */
import { Readability } from '@mozilla/readability';
import { detectArticle } from '../../src/article';
import { pageKey } from '../../src/article';
import { startDeclutter } from '../../src/declutter';
import { TextIndex, createAnchorer, describe, type Selector } from '../../src/anchoring';
import { Painter } from '../../src/highlight';

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` stored highlights (selectors as the content script saves them: over the decluttered body). */
function makeSelectors(n: number, seed = 7): Selector[][] {
  const verdict = detectArticle(document, location.href);
  const dc = verdict.isArticle ? startDeclutter(document) : null;
  const body = document.body;
  const index = new TextIndex(body);
  readingLength = index.norm.length;
  // Word spans of the reading text, 3 to 27 words: what a reader selects, from a few words to
  // a paragraph.
  const words = [...index.text.matchAll(/\S+/g)].map((m) => [m.index!, m.index! + m[0].length]);
  const out: Selector[][] = [];
  const rnd = rng(seed);
  for (let tries = 0; out.length < n && tries < n * 20 && words.length > 4; tries++) {
    const len = 3 + Math.floor(rnd() * 25);
    const i = Math.floor(rnd() * Math.max(1, words.length - len));
    const j = Math.min(words.length - 1, i + len - 1);
    const range = index.rangeFromRaw(words[i][0], words[j][1]);
    if (!range) continue;
    const sel = describe(body, range, index);
    if (sel.length) out.push(sel);
  }
  dc?.undo();
  return out;
}

let stored: Selector[][] = [];
let readingLength = 0;

function prepare(n: number) {
  stored = makeSelectors(n);
  return { selectors: stored.length, textLength: readingLength };
}

/** What the content script does at load: detect → declutter (+ follow) → restore `k` highlights. Cleanup untimed. */
function clearmark(k: number) {
  const sels = stored.slice(0, k);
  const t0 = performance.now();
  const verdict = detectArticle(document, location.href);
  const t1 = performance.now();
  let dc = null;
  if (verdict.isArticle) {
    dc = startDeclutter(document);
    dc.follow();
  }
  const t2 = performance.now();
  let painter: Painter | null = null;
  let anchored = 0;
  if (sels.length) {
    painter = new Painter();
    const a = createAnchorer(document.body);
    sels.forEach((s, i) => {
      const r = a.anchor(s);
      if (r) {
        painter!.paint(`h${i}`, r, 'yellow');
        anchored++;
      }
    });
  }
  const t3 = performance.now();
  painter?.clear();
  dc?.undo();
  return { ms: t3 - t0, detectMs: t1 - t0, declutterMs: t2 - t1, restoreMs: t3 - t2, isArticle: verdict.isArticle, score: verdict.score, anchored };
}

/** The reference: a full Readability parse of a clone of the page. */
function readability() {
  const t0 = performance.now();
  new Readability(document.cloneNode(true) as Document).parse();
  return { ms: performance.now() - t0 };
}

/** Restoring the stored highlights (the page already decluttered): Clearmark's anchorer. */
function restore() {
  const t0 = performance.now();
  const a = createAnchorer(document.body);
  let anchored = 0;
  for (const s of stored) if (a.anchor(s)) anchored++;
  return { ms: performance.now() - t0, anchored };
}

/** The floor: build the page text once (one text-node walk) plus one indexOf per stored quote. */
function floor() {
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    text += (n as Text).data;
  }
  let found = 0;
  for (const s of stored) {
    const q = s.find((x) => x.type === 'TextQuoteSelector');
    if (q && 'exact' in q && text.indexOf(q.exact) >= 0) found++;
  }
  return { ms: performance.now() - t0, found };
}

let declutterForRestore: { undo(): void } | null = null;
function declutterNow() {
  declutterForRestore = detectArticle(document, location.href).isArticle ? startDeclutter(document) : null;
  return !!declutterForRestore;
}
function undeclutter() {
  declutterForRestore?.undo();
  declutterForRestore = null;
}

function storedSelectors() {
  return stored;
}
function key() {
  return pageKey(document, location.href);
}

(window as unknown as { __clearmarkBench: unknown }).__clearmarkBench = {
  prepare,
  clearmark,
  readability,
  restore,
  floor,
  declutterNow,
  undeclutter,
  storedSelectors,
  key,
  crossOriginIsolated: () => crossOriginIsolated,
};
