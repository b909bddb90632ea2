/**
 * Paints highlights with the CSS Custom Highlight API: one `Highlight` per colour, registered
 * in `CSS.highlights` as `clearmark-<colour>` and styled by `::highlight(clearmark-<colour>)`.
 * The page's DOM is never touched (no <mark> wrappers): no broken page scripts, no hydration
 * fights, no shifted text offsets for the anchoring that runs next time.
 *
 * The painter keeps each id's Range and colour, so after the page changes its DOM the caller
 * can re-anchor and `repaint()`, and hit-testing works without asking the registry.
 *
 * Feature-detected: without `CSS.highlights` and `Highlight` (old browsers, happy-dom) the
 * painter still tracks ranges and hit-tests by client rects, it just cannot paint. Tests inject
 * a registry and a Highlight constructor.
 */

export const COLOURS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type Colour = (typeof COLOURS)[number];

export const HIGHLIGHT_PREFIX = 'clearmark-';
export const highlightName = (colour: Colour): string => `${HIGHLIGHT_PREFIX}${colour}`;

/** The subset of the `Highlight` interface the painter uses. */
export interface HighlightLike {
  add(range: AbstractRange): unknown;
  delete(range: AbstractRange): boolean;
  has(range: AbstractRange): boolean;
  clear(): void;
  readonly size: number;
  priority?: number;
}

/** One result of `highlightsFromPoint`: Chromium returns `{ highlight, ranges }`. */
export type HighlightHit = HighlightLike | { highlight: HighlightLike; ranges?: AbstractRange[] };

/** The subset of `HighlightRegistry` (`CSS.highlights`) the painter uses. */
export interface HighlightRegistryLike {
  set(name: string, highlight: HighlightLike): unknown;
  get(name: string): HighlightLike | undefined;
  delete(name: string): boolean;
  highlightsFromPoint?(x: number, y: number, options?: unknown): HighlightHit[];
}

export type HighlightConstructor = new (...ranges: AbstractRange[]) => HighlightLike;

export interface PainterOptions {
  /** Defaults to `CSS.highlights` when present. */
  registry?: HighlightRegistryLike | null;
  /** Defaults to the global `Highlight` when present. */
  Highlight?: HighlightConstructor | null;
}

export interface Painted {
  range: Range;
  colour: Colour;
}

/** Whether this environment can paint (CSS Custom Highlight API present). */
export function highlightApiSupported(): boolean {
  const g = globalThis as { CSS?: { highlights?: unknown }; Highlight?: unknown };
  return !!g.CSS?.highlights && typeof g.Highlight === 'function';
}

export class Painter {
  readonly supported: boolean;
  private readonly registry: HighlightRegistryLike | null;
  private readonly Ctor: HighlightConstructor | null;
  private readonly painted = new Map<string, Painted>();
  private readonly byColour = new Map<Colour, HighlightLike>();

  constructor(options: PainterOptions = {}) {
    const g = globalThis as { CSS?: { highlights?: HighlightRegistryLike }; Highlight?: HighlightConstructor };
    this.registry = options.registry !== undefined ? options.registry : (g.CSS?.highlights ?? null);
    this.Ctor = options.Highlight !== undefined ? options.Highlight : (typeof g.Highlight === 'function' ? g.Highlight : null);
    this.supported = !!this.registry && !!this.Ctor;
  }

  /** The Highlight for a colour, created and registered on first use. */
  private highlightFor(colour: Colour): HighlightLike | null {
    if (!this.supported) return null;
    let h = this.byColour.get(colour);
    if (!h) {
      h = new this.Ctor!();
      this.byColour.set(colour, h);
      this.registry!.set(highlightName(colour), h);
    }
    return h;
  }

  /** Paint `range` under `id` (replacing what `id` had before). */
  paint(id: string, range: Range, colour: Colour = 'yellow'): void {
    if (!COLOURS.includes(colour)) throw new Error(`Unknown highlight colour: ${colour}`);
    this.unpaint(id);
    this.painted.set(id, { range, colour });
    this.highlightFor(colour)?.add(range);
  }

  /** Remove `id`'s paint. Returns whether it was painted. */
  unpaint(id: string): boolean {
    const p = this.painted.get(id);
    if (!p) return false;
    this.painted.delete(id);
    // Two ids may share one Range object; keep it painted while another id still uses it.
    const shared = [...this.painted.values()].some((q) => q.range === p.range && q.colour === p.colour);
    const h = this.byColour.get(p.colour);
    if (h && !shared) {
      h.delete(p.range);
      if (h.size === 0) {
        this.registry!.delete(highlightName(p.colour));
        this.byColour.delete(p.colour);
      }
    }
    return true;
  }

  setColour(id: string, colour: Colour): boolean {
    const p = this.painted.get(id);
    if (!p) return false;
    if (p.colour !== colour) this.paint(id, p.range, colour);
    return true;
  }

  /** Swap in a new Range for `id` (after re-anchoring on a changed DOM), same colour. */
  repaint(id: string, range: Range): boolean {
    const p = this.painted.get(id);
    if (!p) return false;
    this.paint(id, range, p.colour);
    return true;
  }

  /** Remove every highlight this painter made (and its registry entries). */
  clear(): void {
    for (const [colour, h] of this.byColour) {
      h.clear();
      this.registry?.delete(highlightName(colour));
    }
    this.byColour.clear();
    this.painted.clear();
  }

  get(id: string): Painted | undefined {
    return this.painted.get(id);
  }

  ids(): string[] {
    return [...this.painted.keys()];
  }

  /**
   * The id of the highlight under viewport point (x, y), or null. With several overlapping,
   * the most recently painted wins (it is the one the reader just made or touched).
   */
  hitTest(x: number, y: number): string | null {
    const fromPoint = this.registry?.highlightsFromPoint;
    if (this.supported && typeof fromPoint === 'function') {
      const hits = fromPoint.call(this.registry, x, y) ?? [];
      const ranges = new Set<AbstractRange>();
      const highlights = new Set<HighlightLike>();
      for (const hit of hits) {
        if ('highlight' in hit && hit.highlight) {
          if (hit.ranges) hit.ranges.forEach((r) => ranges.add(r));
          else highlights.add(hit.highlight);
        } else highlights.add(hit as HighlightLike);
      }
      // Ranges reported: exact. Only Highlight objects reported (older shape): narrow to that
      // colour's ranges by geometry.
      const ids = [...this.painted.keys()].reverse();
      const byRange = ids.find((id) => ranges.has(this.painted.get(id)!.range));
      if (byRange) return byRange;
      if (!highlights.size) return null;
      return ids.find((id) => {
        const p = this.painted.get(id)!;
        return highlights.has(this.byColour.get(p.colour)!) && rangeContainsPoint(p.range, x, y);
      }) ?? null;
    }
    for (const id of [...this.painted.keys()].reverse()) {
      if (rangeContainsPoint(this.painted.get(id)!.range, x, y)) return id;
    }
    return null;
  }
}

function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  if (range.collapsed) return false;
  const rects = range.getClientRects?.() ?? [];
  for (const r of Array.from(rects)) {
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return true;
  }
  return false;
}

/**
 * `::highlight()` rules for every colour. Translucent backgrounds read on light and dark pages
 * alike (over white they are pastel, over black a dim tint that keeps light text legible);
 * the text colour is left to the page. A forced-colors block keeps highlights visible in
 * Windows high-contrast mode, where backgrounds are overridden.
 */
const TINTS: Record<Colour, string> = {
  yellow: 'rgb(255 213 0 / 0.45)',
  green: 'rgb(52 199 89 / 0.38)',
  blue: 'rgb(64 156 255 / 0.38)',
  pink: 'rgb(255 88 160 / 0.36)',
  purple: 'rgb(160 100 255 / 0.38)',
};

export const HIGHLIGHT_STYLES: string = [
  ...COLOURS.map((c) => `::highlight(${highlightName(c)}) { background-color: ${TINTS[c]}; }`),
  '@media (forced-colors: active) {',
  ...COLOURS.map((c) => `  ::highlight(${highlightName(c)}) { background-color: Mark; color: MarkText; }`),
  '}',
].join('\n');

let defaultPainter: Painter | null = null;

/** The page's shared painter (created on first use with the real API, if any). */
export function getPainter(): Painter {
  return (defaultPainter ??= new Painter());
}

/** Replace the shared painter (tests inject a fake registry; content script may reset). */
export function setPainter(painter: Painter | null): void {
  defaultPainter = painter;
}

export const paint = (id: string, range: Range, colour: Colour = 'yellow'): void => getPainter().paint(id, range, colour);
export const unpaint = (id: string): boolean => getPainter().unpaint(id);
export const setColour = (id: string, colour: Colour): boolean => getPainter().setColour(id, colour);
export const repaint = (id: string, range: Range): boolean => getPainter().repaint(id, range);
export const clear = (): void => getPainter().clear();
export const hitTest = (x: number, y: number): string | null => getPainter().hitTest(x, y);
