import { describe, expect, it } from 'vitest';
import { CLUTTER_KINDS, HIDDEN_ATTR, STYLE_ATTR, startDeclutter } from '../../../src/declutter';
import { check, loadFixture, text } from './helpers';

describe('demo article (tests/fixtures/demo-article.html)', () => {
  it('has its clutter in the text before declutter', () => {
    const { doc, expect: exp } = loadFixture('demo-article.html');
    expect(check(doc, exp, 'before')).toEqual([]);
  });

  it('hides every clutter string and keeps every article string', () => {
    const { doc, expect: exp } = loadFixture('demo-article.html');
    const c = startDeclutter(doc);
    expect(check(doc, exp, 'after')).toEqual([]);
    // Every kind of clutter the demo shows was found at least once. (The families added for
    // issue #13 — tooltips, icon names, emoji shortcodes, skip-ad links — have fixture pages of
    // their own in tests/fixtures/clutter/.)
    const later = new Set(['tooltip', 'icon-name', 'emoji-code', 'skip-ad']);
    for (const k of CLUTTER_KINDS) if (!later.has(k)) expect(c.counts[k], k).toBeGreaterThan(0);
    console.log('demo article counts', JSON.stringify(c.counts), 'hidden', c.hidden, 'visible', c.visible);
  });

  it('undo restores the exact DOM', () => {
    const { doc } = loadFixture('demo-article.html');
    const before = doc.documentElement.outerHTML;
    const c = startDeclutter(doc);
    expect(doc.documentElement.outerHTML).not.toBe(before);
    expect(doc.querySelectorAll(`style[${STYLE_ATTR}]`).length).toBe(1);
    c.undo();
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(doc.querySelector(`[${HIDDEN_ATTR}]`)).toBeNull();
    expect(doc.querySelector(`style[${STYLE_ATTR}]`)).toBeNull();
  });

  it('keeps the accessible names of controls whose text it hid', () => {
    const { doc } = loadFixture('demo-article.html');
    startDeclutter(doc);
    const report = doc.querySelector('a[href$="flood-review-2025.pdf"]')!;
    expect(report.getAttribute('aria-label')).toBe('download the report (Opens in a new window)');
    expect(doc.querySelector('.nav-toggle')!.getAttribute('aria-label')).toBe('Open navigation');
    expect(text(doc)).toContain('anyone can download the report that sets out');
  });
});
