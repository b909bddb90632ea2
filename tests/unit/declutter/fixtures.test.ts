import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLUTTER_KINDS, startDeclutter } from '../../../src/declutter';
import { check, fixturePath, loadFixture } from './helpers';

/**
 * One small page per clutter kind (tests/fixtures/clutter/<kind>.html + <kind>.expect.json).
 * The same pages are loaded in real browsers by the browser tests, which check innerText.
 */
const pages = readdirSync(fixturePath('clutter'))
  .filter((f) => f.endsWith('.html'))
  .sort();

describe('clutter fixture pages', () => {
  it('has one page per kind', () => {
    expect(pages.map((p) => p.replace(/\.html$/, '')).sort()).toEqual([...CLUTTER_KINDS].sort());
  });

  for (const page of pages) {
    it(page, () => {
      const { doc, expect: exp } = loadFixture(`clutter/${page}`);
      const html = doc.documentElement.outerHTML;
      expect(check(doc, exp, 'before')).toEqual([]);
      const c = startDeclutter(doc);
      expect(check(doc, exp, 'after')).toEqual([]);
      const marks = Object.fromEntries(Object.entries(c.counts).filter(([, n]) => n > 0));
      expect(marks).toEqual(exp.marks);
      c.undo();
      expect(doc.documentElement.outerHTML).toBe(html);
    });
  }
});
