import { createAnchorer, type Anchorer } from '@/src/anchoring';
import { HIGHLIGHT_STYLES, Painter } from '@/src/highlight';
import type { Annotation } from '@/src/messages';
import { readingText } from '@/src/declutter';

/** Re-anchoring after DOM changes works in slices of this many ms, so scrolling never stalls. */
const SLICE_MS = 8;
/** Mutations are batched: re-anchor at most this often. */
const BATCH_MS = 250;
/**
 * Orphans cost a whole-page index per retry, and a page that changes all the time (a clock, a
 * ticker, a live blog) would have us index it on every batch forever. So a retry that finds
 * nothing doubles the wait before the next one, up to ORPHAN_MAX_WAIT_MS, unless the page added
 * at least an orphan's quote worth of text at once (a "read more", a lazy paragraph), which is
 * retried after ORPHAN_MIN_WAIT_MS.
 */
const ORPHAN_MIN_WAIT_MS = 1_000;
const ORPHAN_MAX_WAIT_MS = 30_000;

/**
 * The annotations of this page and where they are painted. Keeps every annotation it is given
 * (an orphan stays listed and stored), paints those that anchor, and retries the orphans and
 * the broken ones when the page's content changes (lazy paragraphs, "read more", client-side
 * navigation), in short time slices.
 */
export class PageHighlights {
  readonly painter = new Painter();
  private annotations = new Map<string, Annotation>();
  private observer?: MutationObserver;
  private timer?: ReturnType<typeof setTimeout>;
  private style?: HTMLStyleElement;
  /** Orphan retries: when the last one ran, how long to wait now, text added since. */
  private orphanTry = { at: -Infinity, wait: 0, added: 0, biggestAdd: 0 };

  constructor(
    private readonly root: () => Element,
    private readonly isOurs: (node: Node) => boolean,
  ) {}

  get all(): Annotation[] {
    return [...this.annotations.values()];
  }
  get orphanIds(): string[] {
    return this.all.filter((a) => !this.painter.get(a.id)).map((a) => a.id);
  }
  get(id: string) {
    return this.annotations.get(id);
  }

  /** The reading text of a painted highlight: the quote as the reader sees it now. */
  quoteOf(id: string): string {
    const painted = this.painter.get(id);
    if (painted) return readingText(painted.range.cloneContents()).replace(/\s+/g, ' ').trim();
    const q = this.annotations.get(id)?.selectors.find((s) => s.type === 'TextQuoteSelector');
    return q && 'exact' in q ? q.exact : '';
  }

  /** Makes the page show exactly `list`: new ones anchored, changed ones updated, gone ones removed. */
  sync(list: Annotation[]) {
    if (list.length) this.injectStyles();
    const next = new Map(list.map((a) => [a.id, a]));
    for (const id of this.annotations.keys()) if (!next.has(id)) this.painter.unpaint(id);
    let anchorer: Anchorer | undefined;
    for (const a of list) {
      const before = this.annotations.get(a.id);
      this.annotations.set(a.id, a);
      if (before && this.painter.get(a.id) && JSON.stringify(before.selectors) === JSON.stringify(a.selectors)) {
        if (before.colour !== a.colour) this.painter.setColour(a.id, a.colour);
        continue;
      }
      anchorer ??= createAnchorer(this.root());
      const range = anchorer.anchor(a.selectors);
      if (range) this.painter.paint(a.id, range, a.colour);
      else this.painter.unpaint(a.id);
    }
    for (const id of [...this.annotations.keys()]) if (!next.has(id)) this.annotations.delete(id);
    this.orphanTry = { at: performance.now(), wait: 0, added: 0, biggestAdd: 0 };
    this.watch();
  }

  add(a: Annotation, range: Range) {
    this.injectStyles();
    this.annotations.set(a.id, a);
    this.painter.paint(a.id, range, a.colour);
    this.watch();
  }

  /** Follows DOM changes while there is anything to keep painted. */
  private watch() {
    if (this.observer || this.annotations.size === 0) return;
    this.observer = new MutationObserver((records) => {
      const theirs = records.filter((r) => !this.isOurs(r.target));
      if (theirs.length === 0) return;
      const added = addedTextLength(theirs);
      this.orphanTry.added += added;
      this.orphanTry.biggestAdd = Math.max(this.orphanTry.biggestAdd, added);
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reanchor(), BATCH_MS);
    });
    this.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  /** Highlights the page broke (their text was replaced or removed) and, when worth it, orphans. */
  private dueForRetry(): Annotation[] {
    const broken: Annotation[] = [];
    const orphans: Annotation[] = [];
    for (const a of this.annotations.values()) {
      const painted = this.painter.get(a.id);
      if (!painted) orphans.push(a);
      else if (painted.range.collapsed || !painted.range.startContainer.isConnected) broken.push(a);
    }
    if (orphans.length === 0) return broken;
    const t = this.orphanTry;
    const shortest = Math.min(...orphans.map((a) => quoteLength(a)));
    const waited = performance.now() - t.at;
    const bigAdd = t.biggestAdd >= shortest && waited >= ORPHAN_MIN_WAIT_MS;
    const slowAdd = t.added >= shortest / 2 && waited >= t.wait;
    if (!bigAdd && !slowAdd) return broken;
    // A retry now; if it finds nothing, the next small-change retry waits twice as long.
    this.orphanTry = { at: performance.now(), wait: Math.min(Math.max(t.wait * 2, ORPHAN_MIN_WAIT_MS), ORPHAN_MAX_WAIT_MS), added: 0, biggestAdd: 0 };
    return [...broken, ...orphans];
  }

  /** Retries orphans and highlights whose range the page broke, a few ms at a time. */
  private reanchor() {
    const todo = this.dueForRetry();
    if (todo.length === 0) return;
    const orphansBefore = this.orphanIds.length;
    const anchorer = createAnchorer(this.root());
    const step = () => {
      const end = performance.now() + SLICE_MS;
      while (todo.length && performance.now() < end) {
        const a = todo.shift()!;
        if (!this.annotations.has(a.id)) continue;
        const range = anchorer.anchor(a.selectors);
        if (range) this.painter.paint(a.id, range, a.colour);
        else this.painter.unpaint(a.id);
      }
      if (todo.length) return void setTimeout(step, 0);
      // Found one: the page is changing in ways that matter, so the next retry need not wait long.
      if (this.orphanIds.length < orphansBefore) this.orphanTry.wait = 0;
      this.onChange?.();
    };
    step();
  }

  onChange?: () => void;

  private injectStyles() {
    if (this.style?.isConnected) return;
    this.style = document.createElement('style');
    this.style.dataset.clearmark = 'highlights';
    this.style.textContent = `${HIGHLIGHT_STYLES}\n::highlight(clearmark-flash) { background-color: rgb(255 140 0 / 0.6); }`;
    (document.head ?? document.documentElement).append(this.style);
  }

  stop() {
    this.observer?.disconnect();
    clearTimeout(this.timer);
    this.painter.clear();
    this.style?.remove();
  }
}

/** Characters of text the page added in these mutations (new nodes, and text nodes that changed). */
function addedTextLength(records: MutationRecord[]): number {
  let n = 0;
  for (const r of records) {
    if (r.type === 'characterData') n += (r.target as CharacterData).data.length;
    else for (const node of r.addedNodes) n += node.textContent?.length ?? 0;
  }
  return n;
}

/** The length of an annotation's quote (what must appear on the page for it to anchor). */
function quoteLength(a: Annotation): number {
  const q = a.selectors.find((s) => s.type === 'TextQuoteSelector');
  return q && 'exact' in q ? q.exact.length : 0;
}
