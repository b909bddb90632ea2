import { readingTextNodes } from '../declutter';

/**
 * A snapshot of the reading text of a root, in two forms:
 *
 * - `text`: the raw reading text (text nodes' data concatenated, clutter left out). Selectors
 *   store offsets into this, so positions never count clutter.
 * - `norm`: the text used for matching, where differences a reader cannot see (or that pages
 *   change between visits) are folded away: curly quotes are straight, soft hyphens and
 *   zero-width characters are dropped, and whitespace (including `&nbsp;`) is dropped too.
 *   Collapsing runs to one space is not enough: the whitespace *between blocks* in the
 *   reading text is whatever text nodes the page's HTML has there ("collecte\n   Les" on one
 *   visit, "collecteLes" after the site reorders its paragraphs or minifies its HTML), so a
 *   quote spanning two paragraphs would stop matching exactly. Without whitespace, a quote of
 *   a dozen letters is still specific, and every match is checked against its context anyway.
 *
 * Offset maps go both ways between them, and from raw offsets to (Text node, offset), so a
 * match found in `norm` comes back as a Range over the live DOM with boundaries in text nodes.
 *
 * The index is a snapshot: build a new one after the DOM under root changes.
 */
export class TextIndex {
  readonly nodes: Text[];
  /** starts[i] = raw offset of nodes[i]'s first character. */
  readonly starts: Int32Array;
  readonly text: string;
  readonly norm: string;
  /** normToRaw[i] = raw offset of norm[i]; normToRaw[norm.length] = text.length. */
  readonly normToRaw: Int32Array;
  /** rawToNorm[r] = index of the first norm char at or after raw offset r. */
  readonly rawToNorm: Int32Array;
  private nodeIndex: Map<Text, number> | null = null;

  constructor(readonly root: Node) {
    this.nodes = readingTextNodes(root);
    this.starts = new Int32Array(this.nodes.length);
    let text = '';
    for (let i = 0; i < this.nodes.length; i++) {
      this.starts[i] = text.length;
      text += this.nodes[i].data;
    }
    this.text = text;
    const { norm, normToRaw, rawToNorm } = normalizeWithMap(text);
    this.norm = norm;
    this.normToRaw = normToRaw;
    this.rawToNorm = rawToNorm;
  }

  /** Raw reading-text offset of a boundary point (container, offset). Clutter counts as zero width. */
  offsetOf(container: Node, offset: number): number {
    if (!this.nodeIndex) {
      this.nodeIndex = new Map();
      this.nodes.forEach((n, i) => this.nodeIndex!.set(n, i));
    }
    const i = container.nodeType === 3 ? this.nodeIndex.get(container as Text) : undefined;
    if (i !== undefined) return this.starts[i] + Math.min(offset, this.nodes[i].length);
    // Boundary in an element, or in a text node that is not reading text (inside hidden
    // clutter, a script, an SVG title): it sits before the first reading text node at or
    // after the point, so clutter never enters the quote.
    let ref: Node | null;
    let inside: boolean;
    if (container.nodeType === 1 || container.nodeType === 9 || container.nodeType === 11) {
      ref = container.childNodes[offset] ?? null;
      inside = ref !== null;
      if (!ref) ref = container; // point at the end of container: after everything inside it
    } else {
      ref = container; // character data that is not reading text: treat as a point after it
      inside = false;
    }
    const k = this.firstNodeAtOrAfter(ref, inside);
    return k < this.nodes.length ? this.starts[k] : this.text.length;
  }

  /**
   * Index of the first reading text node at or after `ref` (inside=true: the point just before
   * ref, so ref's own descendants count as after; inside=false: the point just after ref).
   */
  private firstNodeAtOrAfter(ref: Node, inside: boolean): number {
    let lo = 0;
    let hi = this.nodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.nodes[mid];
      const pos = ref.compareDocumentPosition(t);
      const after =
        t === ref
          ? inside
          : (pos & 16 /* CONTAINED_BY */) !== 0
            ? inside
            : (pos & 4) /* FOLLOWING */ !== 0;
      if (after) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Node index holding raw offset `off`; `preferEnd` picks the earlier node at a node boundary. */
  private nodeAt(off: number, preferEnd: boolean): number {
    let lo = 0;
    let hi = this.nodes.length - 1;
    // Last node whose start is < off (preferEnd) or <= off.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const s = this.starts[mid];
      if (preferEnd ? s < off : s <= off) lo = mid;
      else hi = mid - 1;
    }
    // Skip empty text nodes so boundaries land in a node that holds the characters.
    if (!preferEnd) while (lo < this.nodes.length - 1 && this.starts[lo] + this.nodes[lo].length <= off) lo++;
    return lo;
  }

  /** A live Range over raw reading-text offsets [start, end), boundaries in text nodes. */
  rangeFromRaw(start: number, end: number): Range | null {
    if (!this.nodes.length || start < 0 || end > this.text.length || start > end) return null;
    const doc = this.nodes[0].ownerDocument;
    const si = this.nodeAt(start, false);
    const ei = end === start ? si : this.nodeAt(end, true);
    const range = doc.createRange();
    range.setStart(this.nodes[si], start - this.starts[si]);
    range.setEnd(this.nodes[ei], end - this.starts[ei]);
    return range;
  }

  /** A Range for norm offsets [start, end): from the first kept char to just after the last. */
  rangeFromNorm(start: number, end: number): Range | null {
    const [rs, re] = this.normSpanToRaw(start, end);
    return this.rangeFromRaw(rs, re);
  }

  normSpanToRaw(start: number, end: number): [number, number] {
    const rs = this.normToRaw[start];
    const re = end > start ? this.normToRaw[end - 1] + 1 : rs;
    return [rs, re];
  }
}

/** What normalization does to each character: keep it, drop it, or replace it (a straight quote). */
const KEEP = 0;
const DROPPED = 1;
function classify(code: number): number | string {
  // Whitespace (including &nbsp; and the Unicode spaces) and invisible characters: dropped.
  if (code <= 32) return code === 9 || code === 10 || code === 11 || code === 12 || code === 13 || code === 32 ? DROPPED : KEEP;
  if (code < 0xa0) return KEEP;
  switch (code) {
    case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
    case 0xad: case 0x200b: case 0x200c: case 0x200d: case 0x2060: case 0xfeff:
      return DROPPED;
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
      return "'";
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033: case 0xab: case 0xbb:
      return '"';
  }
  return code >= 0x2000 && code <= 0x200a ? DROPPED : KEEP;
}

/**
 * The matching form of a string plus its offset maps (see TextIndex). One pass over char codes,
 * copying runs of unchanged text in slices: this runs over the whole page on every restore.
 */
export function normalizeWithMap(raw: string): { norm: string; normToRaw: Int32Array; rawToNorm: Int32Array } {
  const parts: string[] = [];
  const normToRaw = new Int32Array(raw.length + 1);
  const rawToNorm = new Int32Array(raw.length + 1);
  let n = 0;
  let runStart = 0;
  for (let r = 0; r < raw.length; r++) {
    rawToNorm[r] = n;
    const c = classify(raw.charCodeAt(r));
    if (c === KEEP) {
      normToRaw[n++] = r;
      continue;
    }
    if (r > runStart) parts.push(raw.slice(runStart, r));
    runStart = r + 1;
    if (c !== DROPPED) {
      parts.push(c as string);
      normToRaw[n++] = r;
    }
  }
  if (raw.length > runStart) parts.push(raw.slice(runStart));
  rawToNorm[raw.length] = n;
  normToRaw[n] = raw.length;
  return { norm: parts.join(''), normToRaw: normToRaw.subarray(0, n + 1), rawToNorm };
}

const NORMALIZE_DROP = /[\s\u00a0\u00ad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]+/g;
const NORMALIZE_SINGLE = /[\u2018\u2019\u201a\u201b\u2032]/g;
const NORMALIZE_DOUBLE = /[\u201c-\u201f\u2033\u00ab\u00bb]/g;

/** The matching form of a string (quotes, prefixes and suffixes are normalized the same way). */
export function normalize(raw: string): string {
  // No offset maps needed for quotes and context: three regex passes, no per-char arrays.
  return raw.replace(NORMALIZE_DROP, '').replace(NORMALIZE_SINGLE, "'").replace(NORMALIZE_DOUBLE, '"');
}
