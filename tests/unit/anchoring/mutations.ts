/**
 * Mutation suite for anchoring: real article bodies, quotes picked deterministically, one
 * mutation applied to a fresh copy, then anchor and score against ground truth.
 *
 * Ground truth is tracked with two sentinel characters (U+E000 before the quote, U+E001 after
 * it) written into the copy's text nodes before mutating. Mutations move, wrap, edit around or
 * delete text, and the sentinels go wherever the quote's boundaries go; afterwards their
 * positions in the reading text are the expected offsets, and they are removed before
 * anchoring. If they are gone, the quoted passage is gone: the right answer is an orphan.
 *
 * Reusable: `runSuite(impl, pages)` takes any describe/anchor pair (a baseline such as a
 * textContent-based Hypothesis port can be driven through the same harness by the benchmark).
 */
import { readFileSync } from 'node:fs';
import { readingTextNodes } from '../../../src/declutter/reading-text';
import { READABILITY_DIR } from '../../corpus/paths.mjs';

export const CORPUS_DIR = `${READABILITY_DIR}/`;

export interface AnchoringImpl {
  name: string;
  describe(root: Element, range: Range): unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- baselines bring their own selector types
  anchor(root: Element, selectors: any): Promise<Range | null> | Range | null;
}

export interface PageSource {
  name: string;
  html: string;
}

export type QuoteKind = 'words' | 'sentence' | 'sentences' | 'inline';
export type Outcome = 'correct' | 'wrong' | 'orphan';

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

type Rng = () => number;
const pick = <T>(rnd: Rng, xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

const BANK = (
  'market council weather station harbour violin orange midnight railway garden lantern ' +
  'festival copper velvet thunder canyon meadow glacier whistle bicycle compass parade ' +
  'anchor pepper marble village saddle blanket shelter ribbon tunnel kettle'
).split(' ');

function fillerSentence(rnd: Rng): string {
  const n = 8 + Math.floor(rnd() * 10);
  const words = Array.from({ length: n }, () => pick(rnd, BANK));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(' ') + '.';
}

// ---------------------------------------------------------------------------------------------
// Reading-text helpers (independent of the implementation under test)

interface TextView {
  nodes: Text[];
  starts: number[];
  text: string;
}

export function textView(root: Node): TextView {
  const nodes = readingTextNodes(root);
  const starts: number[] = [];
  let text = '';
  for (const n of nodes) {
    starts.push(text.length);
    text += n.data;
  }
  return { nodes, starts, text };
}

/** Replace reading text [start, end) with `repl` (into the first touched node). */
export function replaceText(root: Node, start: number, end: number, repl: string): void {
  const v = textView(root);
  let placed = false;
  for (let i = 0; i < v.nodes.length; i++) {
    const n = v.nodes[i];
    const s = v.starts[i];
    const e = s + n.length;
    if (e < start || s > end) continue;
    if (e === start && start !== end) continue;
    if (s === end && (start !== end || placed)) continue;
    const a = Math.max(0, start - s);
    const b = Math.min(n.length, end - s);
    n.data = n.data.slice(0, a) + (placed ? '' : repl) + n.data.slice(b);
    placed = true;
  }
}

/** Reading-text offset of `off` within text node `t` (or -1). */
function offsetIn(v: TextView, t: Node, off: number): number {
  const i = v.nodes.indexOf(t as Text);
  return i < 0 ? -1 : v.starts[i] + off;
}

/** A Range for reading-text offsets [start, end). */
export function rangeFor(root: Node, start: number, end: number): Range {
  const v = textView(root);
  const doc = root.ownerDocument!;
  const r = doc.createRange();
  let si = v.nodes.findIndex((n, i) => v.starts[i] + n.length > start);
  if (si < 0) si = v.nodes.length - 1;
  let ei = v.nodes.findIndex((n, i) => v.starts[i] + n.length >= end);
  if (ei < 0) ei = v.nodes.length - 1;
  r.setStart(v.nodes[si], start - v.starts[si]);
  r.setEnd(v.nodes[ei], end - v.starts[ei]);
  return r;
}

/**
 * Reading-text offsets covered by a Range, whatever its boundary containers: the first and
 * one-past-last reading characters inside it. null if it holds no reading text.
 */
export function rangeOffsets(root: Node, range: Range): [number, number] | null {
  const v = textView(root);
  let start = -1;
  let end = -1;
  for (let i = 0; i < v.nodes.length; i++) {
    const n = v.nodes[i];
    if (!n.length) continue;
    let a = 0;
    let b = n.length;
    if (range.startContainer === n) a = range.startOffset;
    else if (!pointBeforeOrAt(range.startContainer, range.startOffset, n)) {
      continue;
    }
    if (range.endContainer === n) b = range.endOffset;
    else if (!pointAfterNodeStart(range.endContainer, range.endOffset, n)) continue;
    if (b <= a) continue;
    if (start < 0) start = v.starts[i] + a;
    end = v.starts[i] + b;
  }
  return start < 0 ? null : [start, end];
}

/** Is boundary point (c, o) at or before the start of text node n? */
function pointBeforeOrAt(c: Node, o: number, n: Node): boolean {
  if (c.nodeType === 3 || c.nodeType === 8) return (c.compareDocumentPosition(n) & 4) !== 0;
  const child = c.childNodes[o];
  if (!child) return (c.compareDocumentPosition(n) & 4) !== 0 && !(c.compareDocumentPosition(n) & 16);
  return child === n || (child.compareDocumentPosition(n) & (4 | 16)) !== 0;
}

/** Is boundary point (c, o) after the end of text node n? */
function pointAfterNodeStart(c: Node, o: number, n: Node): boolean {
  if (c.nodeType === 3 || c.nodeType === 8) return (c.compareDocumentPosition(n) & 2) !== 0;
  const child = c.childNodes[o];
  if (!child) return (c.compareDocumentPosition(n) & 16) !== 0 || (c.compareDocumentPosition(n) & 2) !== 0;
  return (child.compareDocumentPosition(n) & 2) !== 0 && !(child.compareDocumentPosition(n) & 8);
}

// ---------------------------------------------------------------------------------------------
// Quotes

export interface Quote {
  kind: QuoteKind;
  start: number; // raw reading-text offsets in the original
  end: number;
}

const INLINE = new Set(['A', 'EM', 'STRONG', 'B', 'I', 'SPAN', 'CODE', 'SMALL', 'U', 'SUB', 'SUP', 'MARK', 'ABBR', 'CITE', 'Q']);

/** Quotes of several lengths, picked deterministically from the page's reading text. */
export function pickQuotes(root: Element, rnd: Rng, perKind = 1): Quote[] {
  const { text, nodes, starts } = textView(root);
  const words: [number, number][] = [];
  for (const m of text.matchAll(/\S+/g)) words.push([m.index!, m.index! + m[0].length]);
  const out: Quote[] = [];
  if (words.length < 60) return out;
  const isWordy = (s: string) => (s.match(/\p{L}/gu)?.length ?? 0) >= s.replace(/\s/g, '').length * 0.6;

  // A few words.
  for (let k = 0, tries = 0; k < perKind && tries < 50; tries++) {
    const n = 3 + Math.floor(rnd() * 4);
    const i = Math.floor(rnd() * (words.length - n));
    const q = { kind: 'words' as const, start: words[i][0], end: words[i + n - 1][1] };
    const s = text.slice(q.start, q.end);
    if (s.length >= 12 && isWordy(s) && !/\n\s*\n/.test(s)) {
      out.push(q);
      k++;
    }
  }

  // Sentences: runs ending in . ! ? (plus a closing quote), trimmed.
  const sentences: [number, number][] = [];
  for (const m of text.matchAll(/[^.!?]+[.!?]+["'\u201d\u2019)]?/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const s = m.index! + lead;
    const e = m.index! + raw.trimEnd().length;
    if (e - s >= 20) sentences.push([s, e]);
  }
  const okSentence = ([s, e]: [number, number]) => e - s >= 40 && e - s <= 320 && isWordy(text.slice(s, e));
  for (let k = 0, tries = 0; k < perKind && tries < 50 && sentences.length; tries++) {
    const sen = pick(rnd, sentences);
    if (okSentence(sen)) {
      out.push({ kind: 'sentence', start: sen[0], end: sen[1] });
      k++;
    }
  }
  for (let k = 0, tries = 0; k < perKind && tries < 50 && sentences.length > 4; tries++) {
    const n = 2 + Math.floor(rnd() * 3);
    const i = Math.floor(rnd() * (sentences.length - n));
    const s = sentences[i][0];
    const e = sentences[i + n - 1][1];
    if (e - s <= 900 && isWordy(text.slice(s, e))) {
      out.push({ kind: 'sentences', start: s, end: e });
      k++;
    }
  }

  // Across inline tags: from a couple of words before an inline element to a couple after.
  const inl = nodes
    .map((n, i) => ({ n, i }))
    .filter(({ n }) => n.parentElement && INLINE.has(n.parentElement.tagName) && /\p{L}{3}/u.test(n.data));
  for (let k = 0, tries = 0; k < perKind && tries < 50 && inl.length; tries++) {
    const { n, i } = pick(rnd, inl);
    const s0 = starts[i];
    const e0 = s0 + n.length;
    const wi = words.findIndex(([, e]) => e > s0);
    let wj = words.findIndex(([s]) => s >= e0);
    if (wi < 0) continue;
    if (wj < 0) wj = words.length;
    const a = Math.max(0, wi - 2);
    const b = Math.min(words.length - 1, wj + 1);
    const q = { kind: 'inline' as const, start: words[a][0], end: words[b][1] };
    const s = text.slice(q.start, q.end);
    if (q.end - q.start <= 400 && isWordy(s) && !/\n\s*\n/.test(s)) {
      out.push(q);
      k++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mutations

const S0 = '\uE000';
const S1 = '\uE001';
const BLOCK = new Set([
  'P', 'LI', 'UL', 'OL', 'DL', 'DT', 'DD', 'BLOCKQUOTE', 'FIGURE', 'FIGCAPTION', 'PRE', 'TABLE',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE',
]);
const ANCHOR_BLOCK = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'FIGURE', 'PRE', 'TABLE', 'UL', 'OL']);

export class MutationContext {
  constructor(
    readonly root: Element,
    readonly rnd: Rng,
    /** The quote's text as it was described (sentinel-free). */
    readonly exact: string,
  ) {}

  get doc(): Document {
    return this.root.ownerDocument;
  }

  view(): TextView {
    return textView(this.root);
  }

  /** Sentinel offsets in the current reading text: [before-quote, after-quote]. */
  span(): [number, number] {
    const t = this.view().text;
    return [t.indexOf(S0), t.indexOf(S1)];
  }

  private nodeOfSentinel(ch: string): Text {
    const v = this.view();
    return v.nodes.find((n) => n.data.includes(ch))!;
  }

  /** The top-level blocks holding the quote: consecutive siblings under one parent. */
  quoteBlocks(): Element[] {
    const a = this.nodeOfSentinel(S0);
    const b = this.nodeOfSentinel(S1);
    const blockOf = (n: Node): Element => {
      let e = n.parentElement!;
      while (e !== this.root && !BLOCK.has(e.tagName)) e = e.parentElement!;
      return e;
    };
    let x: Element = blockOf(a);
    let y: Element = blockOf(b);
    if (x === y) return x === this.root ? [] : [x];
    // Lift to children of the lowest common ancestor.
    const lca = (() => {
      let e: Element | null = x;
      while (e && !e.contains(y)) e = e.parentElement;
      return e!;
    })();
    while (x.parentElement !== lca) x = x.parentElement!;
    while (y.parentElement !== lca) y = y.parentElement!;
    if (lca === this.root && x === lca.firstElementChild && y === lca.lastElementChild) return [];
    const out: Element[] = [];
    for (let e: Element | null = x; e; e = e.nextElementSibling) {
      out.push(e);
      if (e === y) break;
    }
    return out;
  }

  /** Reading-text share of some elements. */
  share(els: Element[]): number {
    const total = this.view().text.length || 1;
    return els.reduce((n, e) => n + textView(e).text.length, 0) / total;
  }

  /**
   * A block elsewhere to insert before: not overlapping the quote's blocks and at least
   * 200 reading chars away from the quote, earlier if possible ("inserted earlier").
   */
  elsewhere(preferEarlier = true): Element | null {
    const blocks = this.quoteBlocks();
    const v = this.view();
    let [s, e] = this.span();
    // Far from the quote's blocks, not just the quote: a copy placed right after a deleted
    // paragraph would take its place (and its context), which is an edit, not a lookalike.
    for (const b of blocks) {
      const ns = readingTextNodes(b);
      if (!ns.length) continue;
      s = Math.min(s, offsetIn(v, ns[0], 0));
      e = Math.max(e, offsetIn(v, ns[ns.length - 1], ns[ns.length - 1].length));
    }
    // Distances count visible characters: article HTML can hold hundreds of whitespace
    // characters between two blocks that are adjacent for a reader.
    const visible = new Int32Array(v.text.length + 1);
    for (let i = 0; i < v.text.length; i++) visible[i + 1] = visible[i] + (/\s/.test(v.text[i]) ? 0 : 1);
    const cands: { el: Element; off: number }[] = [];
    for (const el of this.root.querySelectorAll('*')) {
      if (!ANCHOR_BLOCK.has(el.tagName)) continue;
      if (blocks.some((b) => b.contains(el) || el.contains(b))) continue;
      if (el.closest('li, table, figure, blockquote, pre') && el.closest('li, table, figure, blockquote, pre') !== el) continue;
      const first = readingTextNodes(el)[0];
      if (!first) continue;
      const off = offsetIn(v, first, 0);
      if (off < 0) continue;
      if (visible[off] < visible[s] - 200 || visible[off] > visible[e] + 200) cands.push({ el, off });
    }
    const earlier = cands.filter((c) => c.off < s);
    const later = cands.filter((c) => c.off > e);
    const pool = preferEarlier ? (earlier.length ? earlier : later) : later.length ? later : earlier;
    return pool.length ? pick(this.rnd, pool).el : null;
  }

  paragraph(text: string): HTMLParagraphElement {
    const p = this.doc.createElement('p');
    p.textContent = text;
    return p;
  }

  /** Replace some words in [from, to) of the reading text with bank words; returns edits made. */
  editWords(from: number, to: number, count: number): number {
    const t = this.view().text;
    const words: [number, number][] = [];
    for (const m of t.slice(from, to).matchAll(/[\p{L}\p{N}]{3,}/gu)) words.push([from + m.index!, from + m.index! + m[0].length]);
    let done = 0;
    const chosen = new Set<number>();
    for (let tries = 0; done < count && tries < 20 && words.length; tries++) {
      const i = Math.floor(this.rnd() * words.length);
      if (chosen.has(i)) continue;
      chosen.add(i);
      done++;
    }
    // Right to left so offsets stay valid.
    for (const i of [...chosen].sort((a, b) => b - a)) {
      const [s, e] = words[i];
      let w = pick(this.rnd, BANK);
      if (w === t.slice(s, e)) w += 's';
      replaceText(this.root, s, e, w);
    }
    return done;
  }

  /** A lookalike of the quote: ~20% of its words replaced (at least one). */
  nearCopy(): string {
    const words = this.exact.split(/(\s+)/);
    const idx = words.map((w, i) => (/\p{L}{3}/u.test(w) ? i : -1)).filter((i) => i >= 0);
    const n = Math.max(1, Math.round(idx.length * 0.2));
    for (let k = 0; k < n && idx.length; k++) {
      const j = idx.splice(Math.floor(this.rnd() * idx.length), 1)[0];
      words[j] = pick(this.rnd, BANK);
    }
    return words.join('');
  }
}

export interface MutationKind {
  name: string;
  /** What a careful anchorer should do: find the quote, or report an orphan. */
  expect: 'anchor' | 'orphan';
  /** Mutate ctx.root; return false when the mutation does not apply to this quote. */
  apply(ctx: MutationContext): boolean;
}

const insertBefore = (ref: Element, ...nodes: Node[]) => {
  for (const n of nodes) ref.parentNode!.insertBefore(n, ref);
};

function smallEditInside(ctx: MutationContext): boolean {
  const [s, e] = ctx.span();
  const len = e - s - 1;
  // Keep the first and last word: a small edit is in the middle of a passage.
  const inner = ctx.view().text.slice(s + 1, e);
  const firstGap = inner.search(/\s/);
  const lastGap = inner.search(/\s\S*$/);
  if (firstGap < 0 || lastGap <= firstGap) return false;
  if (len < 60) {
    // Short quote: a typo fix, one character.
    const t = ctx.view().text;
    const letters: number[] = [];
    for (let i = s + 1 + firstGap + 1; i < s + 1 + lastGap; i++) if (/\p{L}/u.test(t[i])) letters.push(i);
    if (!letters.length) return false;
    const i = pick(ctx.rnd, letters);
    replaceText(ctx.root, i, i + 1, t[i] === 'x' ? 'y' : 'x');
    return true;
  }
  return ctx.editWords(s + 1 + firstGap, s + 1 + lastGap, len > 300 ? 2 : 1) > 0;
}

/**
 * A word-level edit inside the quote, whatever its length (a corrected name, a changed number,
 * a synonym, a word added or dropped): one whole inner word replaced, inserted or removed (two
 * for long quotes). The first and last words stay, so the quote's boundaries are still there.
 */
function wordEditInside(ctx: MutationContext): boolean {
  const [s, e] = ctx.span();
  const t = ctx.view().text;
  const words: [number, number][] = [];
  for (const m of t.slice(s + 1, e).matchAll(/[\p{L}\p{N}]+/gu)) words.push([s + 1 + m.index!, s + 1 + m.index! + m[0].length]);
  const inner = words.slice(1, -1).filter(([a, b]) => b - a >= 2);
  if (!inner.length) return false;
  const edits = e - s > 300 ? 2 : 1;
  const chosen = new Set<number>();
  for (let k = 0; k < edits * 4 && chosen.size < Math.min(edits, inner.length); k++) chosen.add(Math.floor(ctx.rnd() * inner.length));
  // Right to left so offsets stay valid.
  for (const i of [...chosen].sort((a, b) => b - a)) {
    const [a, b] = inner[i];
    const how = ctx.rnd();
    let w = pick(ctx.rnd, BANK);
    if (w === t.slice(a, b)) w += 's';
    if (how < 0.5) replaceText(ctx.root, a, b, w);
    else if (how < 0.75) replaceText(ctx.root, a, a, `${w} `);
    else {
      // Remove the word and the space after it (or before it).
      const end = /\s/.test(t[b] ?? '') ? b + 1 : b;
      replaceText(ctx.root, a, end, '');
    }
  }
  return true;
}

function removeBlocks(blocks: Element[]) {
  for (const b of blocks) b.remove();
}

export const MUTATIONS: MutationKind[] = [
  {
    name: 'insert-paragraphs-before',
    expect: 'anchor',
    apply(ctx) {
      const blocks = ctx.quoteBlocks();
      const ref = blocks[0] ?? ctx.root.firstElementChild;
      if (!ref) return false;
      // Before the quote's block or somewhere earlier.
      const target = ctx.rnd() < 0.5 ? ref : (ctx.elsewhere(true) ?? ref);
      insertBefore(target, ...[0, 1, 2].map(() => ctx.paragraph(fillerSentence(ctx.rnd) + ' ' + fillerSentence(ctx.rnd))));
      return true;
    },
  },
  {
    name: 'insert-ad-before',
    expect: 'anchor',
    apply(ctx) {
      const ref = ctx.quoteBlocks()[0];
      if (!ref) return false;
      const ad = ctx.doc.createElement('div');
      ad.className = 'ad-slot';
      ad.innerHTML =
        '<span data-clearmark-hidden="ad-label">Advertisement</span>' +
        `<p>Sponsored: ${fillerSentence(ctx.rnd)} Shop now</p>`;
      insertBefore(ref, ad);
      return true;
    },
  },
  { name: 'edit-inside-quote', expect: 'anchor', apply: smallEditInside },
  {
    name: 'edit-prefix',
    expect: 'anchor',
    apply(ctx) {
      const [s] = ctx.span();
      return ctx.editWords(Math.max(0, s - 30), s, 2) > 0;
    },
  },
  {
    name: 'edit-suffix',
    expect: 'anchor',
    apply(ctx) {
      const [, e] = ctx.span();
      return ctx.editWords(e + 1, e + 31, 2) > 0;
    },
  },
  {
    name: 'whitespace-entities',
    expect: 'anchor',
    apply(ctx) {
      const [s, e] = ctx.span();
      const v = ctx.view();
      const from = Math.max(0, s - 48);
      const to = Math.min(v.text.length, e + 48);
      const rnd = ctx.rnd;
      let changed = false;
      for (let i = 0; i < v.nodes.length; i++) {
        const n = v.nodes[i];
        const ns = v.starts[i];
        if (ns + n.length <= from || ns >= to) continue;
        let out = '';
        let run = 0;
        for (let k = 0; k < n.length; k++) {
          const c = n.data[k];
          const inRegion = ns + k >= from && ns + k < to;
          if (!inRegion) {
            out += c;
            run = 0;
          }
          else if (c === ' ') {
            out += pick(rnd, [' ', '\u00a0', '  ', '\n    ', ' \u200b']);
            run = 0;
          } else if (c === "'") out += '\u2019';
          else if (c === '"') out += rnd() < 0.5 ? '\u201c' : '\u201d';
          else if (c === '\u2019' || c === '\u2018') out += "'";
          else if (c === '\u201c' || c === '\u201d') out += '"';
          else if (/\p{L}/u.test(c)) {
            run++;
            if (run === 4 && /\p{L}{3}/u.test(n.data.slice(k + 1, k + 4)) && rnd() < 0.5) out += '\u00ad';
            out += c;
          } else {
            out += c;
            run = 0;
          }
        }
        if (out !== n.data) {
          n.data = out;
          changed = true;
        }
      }
      return changed;
    },
  },
  {
    name: 'wrap-inline',
    expect: 'anchor',
    apply(ctx) {
      // Wrap a word crossing the quote start, one inside, one crossing the end.
      const [s, e] = ctx.span();
      const tags = ['em', 'strong', 'a', 'span'];
      let wrapped = 0;
      for (const at of [e, Math.floor((s + e) / 2), s]) {
        const v = ctx.view();
        const t = v.text;
        let a = at;
        while (a > 0 && !/\s/.test(t[a - 1])) a--;
        let b = at + 1;
        while (b < t.length && !/\s/.test(t[b])) b++;
        const i = v.nodes.findIndex((n, k) => v.starts[k] <= a && v.starts[k] + n.length >= b);
        if (i < 0 || b <= a) continue;
        const node = v.nodes[i];
        const mid = node.splitText(a - v.starts[i]);
        mid.splitText(b - a);
        const el = ctx.doc.createElement(tags[wrapped % tags.length]);
        if (el.tagName === 'A') el.setAttribute('href', '#x');
        mid.parentNode!.insertBefore(el, mid);
        el.appendChild(mid);
        wrapped++;
      }
      return wrapped > 0;
    },
  },
  {
    name: 'reorder-paragraphs',
    expect: 'anchor',
    apply(ctx) {
      const blocks = ctx.quoteBlocks();
      if (!blocks.length || ctx.share(blocks) > 0.5) return false;
      const target = ctx.elsewhere(ctx.rnd() < 0.5);
      if (!target) return false;
      insertBefore(target, ...blocks);
      return true;
    },
  },
  {
    name: 'duplicate-exact-copy',
    expect: 'anchor',
    apply(ctx) {
      const target = ctx.elsewhere(true);
      if (!target) return false;
      insertBefore(target, ctx.paragraph(ctx.exact));
      return true;
    },
  },
  {
    name: 'edited-original+exact-copy',
    expect: 'anchor', // the edited original, or an orphan; never the copy
    apply(ctx) {
      const target = ctx.elsewhere(true);
      if (!target || !smallEditInside(ctx)) return false;
      insertBefore(target, ctx.paragraph(ctx.exact));
      return true;
    },
  },
  { name: 'edit-words-inside-quote', expect: 'anchor', apply: wordEditInside },
  {
    name: 'edited-words+exact-copy',
    expect: 'anchor', // the edited original, or an orphan; never the copy
    apply(ctx) {
      const target = ctx.elsewhere(true);
      if (!target || !wordEditInside(ctx)) return false;
      insertBefore(target, ctx.paragraph(ctx.exact));
      return true;
    },
  },
  {
    name: 'near-copy-elsewhere',
    expect: 'anchor',
    apply(ctx) {
      const target = ctx.elsewhere(true);
      if (!target) return false;
      insertBefore(target, ctx.paragraph(ctx.nearCopy()));
      return true;
    },
  },
  {
    name: 'delete-paragraph',
    expect: 'orphan',
    apply(ctx) {
      const blocks = ctx.quoteBlocks();
      if (!blocks.length || ctx.share(blocks) > 0.5) return false;
      removeBlocks(blocks);
      return true;
    },
  },
  {
    name: 'delete+near-copy',
    expect: 'orphan',
    apply(ctx) {
      const blocks = ctx.quoteBlocks();
      if (!blocks.length || ctx.share(blocks) > 0.5) return false;
      const target = ctx.elsewhere(ctx.rnd() < 0.5);
      if (!target) return false;
      insertBefore(target, ctx.paragraph(ctx.nearCopy()));
      removeBlocks(blocks);
      return true;
    },
  },
  {
    name: 'truncate-before-quote',
    expect: 'orphan',
    apply(ctx) {
      const first = ctx.quoteBlocks()[0];
      if (!first) return false;
      // Remove the quote's block and everything after it, up to the root.
      for (let e: Element | null = first; e && e !== ctx.root; e = e.parentElement) {
        while (e.nextSibling) e.nextSibling.remove();
      }
      first.remove();
      return true;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Running

export function loadPages(names: string[], dir = CORPUS_DIR): PageSource[] {
  return names.map((name) => ({ name, html: readFileSync(`${dir}/${name}/expected.html`, 'utf8') }));
}

export function newsLikePages(dir = CORPUS_DIR): string[] {
  return readFileSync(`${dir}/news-like.txt`, 'utf8').split(/\s+/).filter(Boolean);
}

export interface Trial {
  page: string;
  quote: QuoteKind;
  mutation: string;
  expect: 'anchor' | 'orphan';
  outcome: Outcome;
  exact: string;
  got?: string;
  want?: string;
}

export interface KindStats {
  expect: 'anchor' | 'orphan';
  total: number;
  correct: number;
  wrong: number;
  orphan: number;
  skipped: number;
}

export interface SuiteResult {
  impl: string;
  kinds: Record<string, KindStats>;
  trials: Trial[];
}

export interface SuiteOptions {
  mutations?: MutationKind[];
  quotesPerKind?: number;
  seed?: number;
}

/**
 * The page's article body as a <div> in the global document. (Not a DOMParser document:
 * happy-dom 21 collapses Ranges set in any document but the window's own.)
 */
export function parse(html: string): Element {
  const root = document.createElement('div');
  root.className = 'clearmark-suite-page';
  // Parsed inert first: embedded frames would try to load when connected.
  const t = document.createElement('template');
  t.innerHTML = html;
  for (const e of t.content.querySelectorAll('iframe, frame, object, embed, link')) e.remove();
  root.appendChild(t.content);
  return root;
}

/** Put the ground-truth sentinels around reading-text [start, end) of root. */
export function plantSentinels(root: Element, start: number, end: number) {
  const v = textView(root);
  const ei = v.nodes.findIndex((n, i) => v.starts[i] < end && v.starts[i] + n.length >= end);
  const en = v.nodes[ei];
  en.data = en.data.slice(0, end - v.starts[ei]) + S1 + en.data.slice(end - v.starts[ei]);
  const si = v.nodes.findIndex((n, i) => v.starts[i] <= start && v.starts[i] + n.length > start);
  const sn = v.nodes[si];
  sn.data = sn.data.slice(0, start - v.starts[si]) + S0 + sn.data.slice(start - v.starts[si]);
}

/** Remove the sentinels; return expected [start, end) of the quote, or null if it is gone. */
export function harvestSentinels(root: Element): [number, number] | null {
  const v = textView(root);
  const a = v.text.indexOf(S0);
  const b = v.text.indexOf(S1);
  for (const n of v.nodes) if (n.data.includes(S0) || n.data.includes(S1)) n.data = n.data.replace(/[\uE000\uE001]/g, '');
  if (a < 0 || b < 0 || b < a) return null;
  return [a, b - 1];
}

export async function runSuite(impl: AnchoringImpl, pages: PageSource[], opts: SuiteOptions = {}): Promise<SuiteResult> {
  const mutations = opts.mutations ?? MUTATIONS;
  const kinds: Record<string, KindStats> = {};
  for (const m of mutations) kinds[m.name] = { expect: m.expect, total: 0, correct: 0, wrong: 0, orphan: 0, skipped: 0 };
  const trials: Trial[] = [];

  for (const page of pages) {
    const root = parse(page.html);
    document.body.appendChild(root);
    const rnd = mulberry32(hash(page.name) ^ (opts.seed ?? 1));
    const quotes = pickQuotes(root, rnd, opts.quotesPerKind ?? 1);
    const original = textView(root).text;
    for (const [qi, q] of quotes.entries()) {
      const selectors = impl.describe(root, rangeFor(root, q.start, q.end));
      const exact = original.slice(q.start, q.end);
      for (const m of mutations) {
        const copy = root.cloneNode(true) as Element;
        root.replaceWith(copy);
        try {
          plantSentinels(copy, q.start, q.end);
          const ctx = new MutationContext(copy, mulberry32(hash(`${page.name}/${qi}/${m.name}`) ^ (opts.seed ?? 1)), exact);
          if (!m.apply(ctx)) {
            kinds[m.name].skipped++;
            continue;
          }
          const want = harvestSentinels(copy);
          if ((want === null) !== (m.expect === 'orphan')) {
            // The mutation did not do what its kind says (e.g. an edit removed a boundary).
            kinds[m.name].skipped++;
            continue;
          }
          const range = await impl.anchor(copy, selectors);
          const got = range ? rangeOffsets(copy, range) : null;
          const text = textView(copy).text;
          let outcome: Outcome;
          if (!got) outcome = 'orphan';
          else if (!want) outcome = 'wrong';
          else {
            const inter = Math.max(0, Math.min(got[1], want[1]) - Math.max(got[0], want[0]));
            const union = Math.max(got[1], want[1]) - Math.min(got[0], want[0]);
            outcome = union > 0 && inter / union >= 0.5 ? 'correct' : 'wrong';
          }
          const st = kinds[m.name];
          st.total++;
          st[outcome]++;
          trials.push({
            page: page.name,
            quote: q.kind,
            mutation: m.name,
            expect: m.expect,
            outcome,
            exact,
            got: got ? text.slice(got[0], got[1]) : undefined,
            want: want ? text.slice(want[0], want[1]) : undefined,
          });
        } finally {
          copy.replaceWith(root);
        }
      }
    }
    root.remove();
  }
  return { impl: impl.name, kinds, trials };
}

export function formatTable(r: SuiteResult): string {
  const rows = [['mutation', 'expect', 'n', 'correct', 'wrong', 'orphan', 'skipped']];
  const sum = { total: 0, correct: 0, wrong: 0, orphan: 0, skipped: 0 };
  for (const [name, s] of Object.entries(r.kinds)) {
    rows.push([name, s.expect, String(s.total), String(s.correct), String(s.wrong), String(s.orphan), String(s.skipped)]);
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += s[k];
  }
  rows.push(['all', '', String(sum.total), String(sum.correct), String(sum.wrong), String(sum.orphan), String(sum.skipped)]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return [`anchoring mutation suite: ${r.impl}`, ...rows.map((row) => row.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  '))].join('\n');
}
