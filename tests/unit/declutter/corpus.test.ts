import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIDDEN_ATTR, startDeclutter } from '../../../src/declutter';
import { parseHTML } from './helpers';
import { READABILITY_DIR } from '../../corpus/paths.mjs';

/**
 * Real pages (Mozilla Readability's test pages, tests/corpus/readability):
 * declutter must not hide article text. Metric: the words of expected.html (Readability's
 * extracted article) are aligned, in order, against the page's reading text; a matched word is
 * "kept" when declutter left it visible. Declutter only adds attributes and wrappers, so the
 * page's text is the same string before and after; we flag each character hidden or not and align
 * once (no drift between two alignments).
 */
const CORPUS = READABILITY_DIR;

/**
 * Words Readability keeps that ARE clutter (it only knows inline styles), reviewed by hand.
 * A lost phrase must be part of one of these; anything else lost fails the test.
 */
const KNOWN_CLUTTER: Record<string, { phrases: string[]; why: string }> = {
  'nytimes-1': {
    phrases: ['Photo Credit', 'Continue reading the main story'],
    why: 'NYT <span class="visually-hidden">Photo</span>/<span class="visually-hidden">Credit</span> caption labels, and the visually-hidden skip link "Continue reading the main story" (kept focusable, out of the reading text)',
  },
  'nytimes-2': {
    phrases: ['Photo Credit', 'Continue reading the main story'],
    why: 'same NYT template as nytimes-1',
  },
  spiceworks: {
    phrases: ['Opens a new window'],
    why: '<span class="external-link-icon">Opens a new window</span> inside links; the site itself sets it to font-size:0',
  },
};
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'title', 'desc', 'symbol']);

/** Text of the page (as readingText would give it with nothing hidden) with a hidden flag per char. */
function flaggedText(root: Node): { s: string; hidden: Uint8Array } {
  const parts: string[] = [];
  const flags: boolean[] = [];
  const walk = (n: Node, hid: boolean) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        parts.push((c as Text).data);
        flags.push(hid);
      } else if (c.nodeType === 1) {
        const el = c as Element;
        if (SKIP.has(el.localName)) continue;
        walk(el, hid || el.hasAttribute(HIDDEN_ATTR));
      }
    }
  };
  walk(root, false);
  const s = parts.join('');
  const hidden = new Uint8Array(s.length);
  let o = 0;
  parts.forEach((p, i) => {
    if (flags[i]) hidden.fill(1, o, o + p.length);
    o += p.length;
  });
  return { s, hidden };
}

interface Tok {
  w: string;
  hidden: boolean;
}
function tokens(s: string, hidden?: Uint8Array): Tok[] {
  const out: Tok[] = [];
  for (const m of s.matchAll(/[\p{L}\p{N}]+/gu)) {
    out.push({ w: m[0], hidden: !!hidden && hidden[m.index!] === 1 && hidden[m.index! + m[0].length - 1] === 1 });
  }
  return out;
}

/** Greedy in-order alignment on trigrams (a lone common word does not anchor), window-limited. */
function align(exp: string[], page: Tok[]): Array<[number, number]> {
  const pos = new Map<string, number[]>();
  page.forEach((t, j) => {
    let l = pos.get(t.w);
    if (!l) pos.set(t.w, (l = []));
    l.push(j);
  });
  const pairs: Array<[number, number]> = [];
  let p = 0;
  const W = 4000;
  for (let i = 0; i + 2 < exp.length; i++) {
    const l = pos.get(exp[i]);
    if (!l) continue;
    // first candidate ≥ p (binary search)
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (l[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < l.length && l[k] <= p + W; k++) {
      const j = l[k];
      if (page[j + 1]?.w === exp[i + 1] && page[j + 2]?.w === exp[i + 2]) {
        pairs.push([i, j]);
        p = j + 1;
        break;
      }
    }
  }
  return pairs;
}

interface PageResult {
  page: string;
  matched: number;
  kept: number;
  lost: string[];
  counts: Record<string, number>;
}

function checkPage(name: string): PageResult {
  const dir = resolve(CORPUS, name);
  const doc = parseHTML(readFileSync(resolve(dir, 'source.html'), 'utf8'));
  const expDoc = parseHTML(readFileSync(resolve(dir, 'expected.html'), 'utf8'));
  const c = startDeclutter(doc);
  const { s, hidden } = flaggedText(doc.body ?? doc.documentElement);
  const page = tokens(s, hidden);
  const exp = tokens(flaggedText(expDoc.body).s).map((t) => t.w);
  const pairs = align(exp, page);
  const lost: string[] = [];
  let kept = 0;
  let run: string[] = [];
  let last = -2;
  for (const [, j] of pairs) {
    if (!page[j].hidden) {
      kept++;
      continue;
    }
    if (j !== last + 1 && run.length) {
      lost.push(run.join(' '));
      run = [];
    }
    run.push(page[j].w);
    last = j;
  }
  if (run.length) lost.push(run.join(' '));
  const counts = Object.fromEntries(Object.entries(c.counts).filter(([, v]) => v > 0));
  return { page: name, matched: pairs.length, kept, lost, counts };
}

const pages = existsSync(CORPUS)
  ? readdirSync(CORPUS, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(resolve(CORPUS, d.name, 'source.html')))
      .map((d) => d.name)
      .sort()
  : [];

describe('readability corpus: declutter keeps article text', () => {
  it('finds the corpus', () => {
    expect(pages.length, `no corpus at ${CORPUS}`).toBeGreaterThan(100);
  });

  it('keeps every expected word on every page, except reviewed clutter Readability keeps', { timeout: 300_000 }, () => {
    const results = pages.map(checkPage);
    const unexplained = (r: PageResult) =>
      r.lost.filter((l) => !(KNOWN_CLUTTER[r.page]?.phrases ?? []).some((p) => p.includes(l)));
    const bad = results.filter((r) => r.kept < r.matched);
    const frac = (r: PageResult) => (r.matched ? r.kept / r.matched : 1);
    const worst = results.reduce((a, b) => (frac(b) < frac(a) ? b : a));
    const total = results.reduce((n, r) => n + r.matched, 0);
    const kept = results.reduce((n, r) => n + r.kept, 0);
    console.log(
      `corpus: ${results.length} pages, ${kept}/${total} expected words kept; worst ${worst.page} ` +
        `${(100 * frac(worst)).toFixed(2)}% (${worst.kept}/${worst.matched})`,
    );
    for (const r of bad) console.log(`  ${r.page}: ${r.matched - r.kept} of ${r.matched} lost: ${JSON.stringify(r.lost)} ${JSON.stringify(r.counts)}`);
    expect(bad.filter((r) => unexplained(r).length).map((r) => `${r.page}: ${JSON.stringify(unexplained(r))}`)).toEqual([]);
    // Besides the reviewed clutter above nothing is lost, and the overall keep rate stays high.
    expect(kept / total).toBeGreaterThan(0.9998);
  });
});
