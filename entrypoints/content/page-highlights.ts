import { createAnchorer, type Anchorer } from '@/src/anchoring';
import { HIGHLIGHT_STYLES, Painter } from '@/src/highlight';
import type { Annotation } from '@/src/messages';
import { readingText } from '@/src/declutter';

/** Re-anchoring after DOM changes works in slices of this many ms, so scrolling never stalls. */
const SLICE_MS = 8;
/** Mutations are batched: re-anchor at most this often. */
const BATCH_MS = 250;

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
      if (records.every((r) => this.isOurs(r.target))) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reanchor(), BATCH_MS);
    });
    this.observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  }

  /** Retries orphans and highlights whose range the page broke, a few ms at a time. */
  private reanchor() {
    const todo = this.all.filter((a) => {
      const painted = this.painter.get(a.id);
      return !painted || painted.range.collapsed || !painted.range.startContainer.isConnected;
    });
    if (todo.length === 0) return;
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
      if (todo.length) setTimeout(step, 0);
      else this.onChange?.();
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
