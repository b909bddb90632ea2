import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '../../../src/messages';

// Count whole-page indexes: every createAnchorer call reads the page's whole reading text.
const indexes = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/src/anchoring', async (original) => {
  const real = await original<typeof import('../../../src/anchoring')>();
  return { ...real, createAnchorer: (root: Element) => (indexes.count++, real.createAnchorer(root)) };
});
const { PageHighlights } = await import('../../../entrypoints/content/page-highlights');

const QUOTE = 'The harbour wall was rebuilt after the storm of the previous winter.';
const orphan: Annotation = {
  id: 'a1',
  pageKey: 'https://example.com/story',
  selectors: [{ type: 'TextQuoteSelector', exact: QUOTE, prefix: '', suffix: '' }],
  colour: 'yellow',
  note: '',
  tags: [],
  created: 1,
  updated: 1,
};
const flush = () => vi.advanceTimersByTimeAsync(0);

describe('PageHighlights on a page that changes all the time', () => {
  let highlights: InstanceType<typeof PageHighlights>;
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.innerHTML = '<article><p>Other news of the day, at length, about other things.</p><p>Updated <span id="clock">12:00:00</span></p></article>';
    highlights = new PageHighlights(() => document.body, () => false);
    highlights.sync([orphan]);
    indexes.count = 0;
  });
  afterEach(() => {
    highlights.stop();
    vi.useRealTimers();
  });

  it('does not index the whole page on every tick of a clock while a highlight is orphaned', async () => {
    const clock = document.getElementById('clock')!;
    for (let s = 1; s <= 120; s++) {
      // A clock ticking twice a second for a minute.
      clock.textContent = `12:00:${String(s % 60).padStart(2, '0')}`;
      await flush();
      await vi.advanceTimersByTimeAsync(500);
    }
    // Before: one index per batch (120). Backing off: 1 s, 2 s, 4 s… up to 30 s apart.
    expect(indexes.count).toBeLessThanOrEqual(8);
    expect(highlights.orphanIds).toEqual(['a1']);
  });

  it('still finds an orphan soon after its passage appears (a "read more", a lazy paragraph)', async () => {
    const clock = document.getElementById('clock')!;
    for (let s = 1; s <= 60; s++) {
      clock.textContent = `12:00:${String(s).padStart(2, '0')}`;
      await flush();
      await vi.advanceTimersByTimeAsync(500);
    }
    const p = document.createElement('p');
    p.textContent = QUOTE;
    document.querySelector('article')!.append(p);
    await flush();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(highlights.orphanIds).toEqual([]);
    expect(highlights.painter.get('a1')?.range.toString()).toBe(QUOTE);
  });
});
