import { describe, expect, it } from 'vitest';
import { declutter, HIDDEN_ATTR, readingText, startDeclutter, STYLE_ATTR } from '../../../src/declutter';
import { norm } from './helpers';
import { article, run } from './snippets';

const tick = () => new Promise((r) => setTimeout(r, 0));

const MIXED = article(
  '<div class="icons">icon bookmark-bicon camera</div><p>Text <i class="material-icons">share</i> and <a href="/r">report<span class="sr-only"> (Opens in a new window)</span></a>.</p>' +
    '<figcaption>icon cameraWorkers on the wall.</figcaption><div class="ad"><span>Advertisement</span></div>' +
    '<div class="share"><a href="https://twitter.com/intent/tweet">Tweet</a> <a href="mailto:?s=x">Email</a></div><p><button>Close</button></p>',
);

describe('declutter() contract', () => {
  it('returns { hidden, undo } and hides with one stylesheet', () => {
    document.body.innerHTML = MIXED;
    const before = document.documentElement.outerHTML;
    const res = declutter(document);
    expect(Object.keys(res).sort()).toEqual(['hidden', 'undo']);
    expect(res.hidden).toBe(document.querySelectorAll(`[${HIDDEN_ATTR}]`).length);
    expect(res.hidden).toBeGreaterThanOrEqual(6);
    const styles = document.querySelectorAll(`style[${STYLE_ATTR}]`);
    expect(styles.length).toBe(1);
    expect(styles[0].textContent).toContain('display:none!important');
    expect(norm(readingText(document.body))).toBe('Harbour newsText and report.Workers on the wall.Close');
    res.undo();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('works on an element root and leaves the rest of the page alone', () => {
    document.body.innerHTML = '<div id="a"><p>Advertisement</p></div><div id="b"><p>Advertisement</p></div>';
    const res = declutter(document.getElementById('a')!);
    expect(res.hidden).toBe(1);
    expect(document.querySelector('#b [data-clearmark-hidden]')).toBeNull();
    res.undo();
  });

  it('is idempotent and shares the stylesheet between controllers', () => {
    document.body.innerHTML = MIXED;
    const before = document.documentElement.outerHTML;
    const a = startDeclutter(document);
    const b = startDeclutter(document);
    expect(b.hidden).toBe(0); // nothing left to hide
    expect(document.querySelectorAll(`style[${STYLE_ATTR}]`).length).toBe(1);
    b.undo();
    expect(document.querySelectorAll(`style[${STYLE_ATTR}]`).length).toBe(1);
    a.undo();
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it('puts its stylesheet inside a shadow root when the root lives there', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div><p>Advertisement</p><p>Body.</p></div>';
    const res = declutter(shadow.firstElementChild!);
    expect(shadow.querySelector(`style[${STYLE_ATTR}]`)).not.toBeNull();
    expect(document.querySelector(`style[${STYLE_ATTR}]`)).toBeNull();
    res.undo();
    expect(shadow.querySelector(`style[${STYLE_ATTR}]`)).toBeNull();
  });

  it('counts per kind', () => {
    const r = run(MIXED);
    expect(r.c.counts).toMatchObject({ 'icon-text': 2, 'icon-font': 1, 'visually-hidden': 1, 'ad-label': 1, share: 1 });
    r.c.undo();
  });
});

describe('follow()', () => {
  it('declutters content the page adds later, in one batch', async () => {
    const r = run(article('<p id="p">Body.</p><div class="ad" id="slot"></div>'));
    r.c.follow();
    const p = document.getElementById('p')!;
    p.insertAdjacentHTML('beforeend', ' <a href="/r">report<span class="sr-only"> (Opens in a new window)</span></a>');
    document.getElementById('slot')!.append('Advertisement');
    const row = document.createElement('div');
    row.innerHTML = '<a href="https://twitter.com/intent/tweet">Tweet</a> <a href="https://wa.me/?t=1">WhatsApp</a>';
    document.querySelector('article')!.append(row);
    await tick();
    expect(r.c.counts).toMatchObject({ 'visually-hidden': 1, 'ad-label': 1, share: 1 });
    expect(r.text()).toBe('Harbour newsBody. report');
    r.c.undo();
    expect(document.querySelector(`[${HIDDEN_ATTR}]`)).toBeNull();
    expect(document.querySelector(`style[${STYLE_ATTR}]`)).toBeNull();
  });

  it('does not feed on its own changes', async () => {
    const r = run(article('<p id="p">Body.</p>'));
    r.c.follow();
    document.getElementById('p')!.insertAdjacentHTML('afterend', '<figcaption>icon cameraicon share Photo of the wall.</figcaption>');
    await tick();
    const after1 = document.documentElement.outerHTML;
    const n = r.c.hidden;
    await tick();
    await tick();
    expect(r.c.hidden).toBe(n);
    expect(document.documentElement.outerHTML).toBe(after1);
    r.c.undo();
  });

  it('stops following after stop()', async () => {
    const r = run(article('<p>Body.</p>'));
    r.c.follow();
    r.c.stop();
    document.querySelector('article')!.insertAdjacentHTML('beforeend', '<p>Advertisement</p>');
    await tick();
    expect(r.c.counts['ad-label']).toBe(0);
    expect(r.c.scan()).toBe(1); // an explicit scan still works
    r.c.undo();
  });

  it('re-checks icon fonts when they finish loading', async () => {
    let loaded = false;
    const r = run(article('<button><i class="material-icons">share</i></button>'), { probe: { iconFontRendered: () => loaded } });
    const fonts = new EventTarget();
    Object.defineProperty(document, 'fonts', { value: fonts, configurable: true });
    try {
      r.c.follow();
      expect(r.c.hidden).toBe(1);
      loaded = true;
      fonts.dispatchEvent(new Event('loadingdone'));
      expect(r.c.hidden).toBe(0);
      expect(r.c.visible).toBe(1);
      expect(document.querySelector('i')!.getAttribute(HIDDEN_ATTR)).toBe('icon-font:visible');
    } finally {
      r.c.undo();
      delete (document as unknown as { fonts?: unknown }).fonts;
    }
  });
});

describe('robustness', () => {
  it('puts the stylesheet back when the page removes it while following', async () => {
    const r = run(article('<p>Advertisement</p><p>Body.</p>'));
    r.c.follow();
    document.querySelector(`style[${STYLE_ATTR}]`)!.remove();
    document.querySelector('article')!.insertAdjacentHTML('beforeend', '<p>More body.</p>');
    await tick();
    expect(document.querySelectorAll(`style[${STYLE_ATTR}]`).length).toBe(1);
    r.c.undo();
    expect(document.querySelector(`style[${STYLE_ATTR}]`)).toBeNull();
  });

  it('undo copes with the page removing hidden nodes meanwhile', () => {
    const r = run(article('<figcaption>icon cameraicon share Photo.</figcaption><p id="p">Text <span class="sr-only">Opens in a new window</span></p>'));
    document.querySelector('figcaption')!.remove();
    document.querySelector('.sr-only')!.remove();
    expect(() => r.c.undo()).not.toThrow();
    expect(document.querySelector(`[${HIDDEN_ATTR}]`)).toBeNull();
  });
});
