import { beforeEach, describe, expect, it } from 'vitest';
import {
  COLOURS,
  HIGHLIGHT_STYLES,
  Painter,
  type HighlightHit,
  type HighlightLike,
  type HighlightRegistryLike,
  highlightApiSupported,
  getPainter,
  paint,
  setPainter,
  hitTest,
} from '../../../src/highlight';

/** A tiny stand-in for `Highlight` and `CSS.highlights` (happy-dom has neither). */
class FakeHighlight implements HighlightLike {
  readonly ranges = new Set<AbstractRange>();
  constructor(...ranges: AbstractRange[]) {
    ranges.forEach((r) => this.ranges.add(r));
  }
  add(r: AbstractRange) {
    this.ranges.add(r);
    return this;
  }
  delete(r: AbstractRange) {
    return this.ranges.delete(r);
  }
  has(r: AbstractRange) {
    return this.ranges.has(r);
  }
  clear() {
    this.ranges.clear();
  }
  get size() {
    return this.ranges.size;
  }
}

class FakeRegistry extends Map<string, HighlightLike> implements HighlightRegistryLike {
  hits: HighlightHit[] = [];
  highlightsFromPoint?: (x: number, y: number) => HighlightHit[];
}

function textRange(text: Text, start: number, end: number, rect?: { left: number; top: number; right: number; bottom: number }): Range {
  const r = document.createRange();
  r.setStart(text, start);
  r.setEnd(text, end);
  // happy-dom has no layout: give the range the geometry a browser would.
  (r as unknown as { getClientRects: () => unknown[] }).getClientRects = () => (rect ? [rect] : []);
  return r;
}

describe('highlight painter', () => {
  let text: Text;
  let registry: FakeRegistry;
  let painter: Painter;

  beforeEach(() => {
    document.body.innerHTML = '<p>The quick brown fox jumps over the lazy dog.</p>';
    text = document.querySelector('p')!.firstChild as Text;
    registry = new FakeRegistry();
    painter = new Painter({ registry, Highlight: FakeHighlight });
  });

  it('feature-detects the Custom Highlight API (absent in happy-dom)', () => {
    expect(highlightApiSupported()).toBe(false);
    const p = new Painter();
    expect(p.supported).toBe(false);
    // Still tracks ranges, so hit-testing by geometry works.
    p.paint('a', textRange(text, 0, 3, { left: 0, top: 0, right: 30, bottom: 10 }));
    expect(p.hitTest(5, 5)).toBe('a');
    expect(painter.supported).toBe(true);
  });

  it('keeps one registry entry per colour, named clearmark-<colour>', () => {
    const a = textRange(text, 0, 3);
    const b = textRange(text, 4, 9);
    const c = textRange(text, 10, 15);
    painter.paint('a', a, 'yellow');
    painter.paint('b', b, 'yellow');
    painter.paint('c', c, 'blue');
    expect([...registry.keys()].sort()).toEqual(['clearmark-blue', 'clearmark-yellow']);
    expect((registry.get('clearmark-yellow') as FakeHighlight).ranges).toEqual(new Set([a, b]));
    expect(registry.get('clearmark-blue')!.has(c)).toBe(true);
  });

  it('unpaints, recolours, repaints and clears', () => {
    const a = textRange(text, 0, 3);
    painter.paint('a', a, 'yellow');
    painter.setColour('a', 'pink');
    expect(registry.has('clearmark-yellow')).toBe(false); // empty colours leave the registry
    expect(registry.get('clearmark-pink')!.has(a)).toBe(true);
    expect(painter.get('a')).toEqual({ range: a, colour: 'pink' });

    const a2 = textRange(text, 0, 3);
    painter.repaint('a', a2);
    expect(registry.get('clearmark-pink')!.has(a)).toBe(false);
    expect(registry.get('clearmark-pink')!.has(a2)).toBe(true);

    expect(painter.unpaint('a')).toBe(true);
    expect(painter.unpaint('a')).toBe(false);
    expect(registry.size).toBe(0);

    painter.paint('x', textRange(text, 0, 1), 'green');
    painter.paint('y', textRange(text, 2, 3), 'purple');
    painter.clear();
    expect(registry.size).toBe(0);
    expect(painter.ids()).toEqual([]);
  });

  it('rejects unknown colours', () => {
    expect(() => painter.paint('a', textRange(text, 0, 1), 'red' as never)).toThrow(/colour/);
  });

  it('hit-tests with highlightsFromPoint when present ({highlight, ranges} results)', () => {
    const a = textRange(text, 0, 3);
    const b = textRange(text, 4, 9);
    painter.paint('a', a, 'yellow');
    painter.paint('b', b, 'yellow');
    registry.highlightsFromPoint = () => [{ highlight: registry.get('clearmark-yellow')!, ranges: [b] }];
    expect(painter.hitTest(1, 1)).toBe('b');
    registry.highlightsFromPoint = () => [];
    expect(painter.hitTest(1, 1)).toBeNull();
  });

  it('hit-tests by client rects without highlightsFromPoint, latest paint on top', () => {
    painter.paint('a', textRange(text, 0, 9, { left: 0, top: 0, right: 90, bottom: 10 }));
    painter.paint('b', textRange(text, 4, 9, { left: 40, top: 0, right: 90, bottom: 10 }));
    expect(painter.hitTest(10, 5)).toBe('a');
    expect(painter.hitTest(50, 5)).toBe('b');
    expect(painter.hitTest(200, 5)).toBeNull();
  });

  it('has a stylesheet rule for every colour', () => {
    for (const c of COLOURS) expect(HIGHLIGHT_STYLES).toMatch(new RegExp(`::highlight\\(clearmark-${c}\\) \\{ background-color: `));
  });

  it('module-level functions use an injectable shared painter', () => {
    setPainter(painter);
    paint('m', textRange(text, 0, 3, { left: 0, top: 0, right: 30, bottom: 10 }), 'blue');
    expect(getPainter()).toBe(painter);
    expect(registry.has('clearmark-blue')).toBe(true);
    expect(hitTest(5, 5)).toBe('m');
    setPainter(null);
  });
});
