import { describe, expect, it } from 'vitest';
import { installCopyCleaner, rangeReadingText, readingText, selectionReadingText, startDeclutter } from '../../../src/declutter';

describe('rangeReadingText', () => {
  it('builds a range\'s text from the reading text, leaving clutter out', () => {
    document.body.innerHTML =
      '<article><p id="a">Anyone can <a href="/r">download the report<span class="sr-only"> (Opens in a new window)</span></a> now.</p>' +
      '<p id="b">Shares <i class="material-icons">share</i>fell 6 per cent.</p></article>';
    const c = startDeclutter(document);
    const range = document.createRange();
    range.setStart(document.getElementById('a')!.firstChild!, 3); // "one can…"
    range.setEnd(document.getElementById('b')!.lastChild!, 4); // "…fell"
    expect(rangeReadingText(range)).toBe('one can download the report now.Shares fell');
    // Consistent with readingText offsets: the range text is a slice of the root's reading text.
    expect(readingText(document.body)).toContain(rangeReadingText(range));
    c.undo();
  });

  it('is empty for a range inside clutter, and works inside one text node', () => {
    document.body.innerHTML = '<p>Hello <span class="sr-only">Opens in a new window</span> world</p>';
    const c = startDeclutter(document);
    const inside = document.createRange();
    inside.selectNodeContents(document.querySelector('span')!);
    expect(rangeReadingText(inside)).toBe('');
    const one = document.createRange();
    one.setStart(document.querySelector('p')!.firstChild!, 1);
    one.setEnd(document.querySelector('p')!.firstChild!, 4);
    expect(rangeReadingText(one)).toBe('ell');
    c.undo();
  });
});

describe('copy', () => {
  it('selectionReadingText puts blocks on their own lines', () => {
    document.body.innerHTML = '<p>First <i class="material-icons">share</i>para.</p><p>Second para.</p>';
    const c = startDeclutter(document, { probe: { iconFontRendered: () => true } });
    const sel = document.getSelection()!;
    const range = document.createRange();
    range.selectNodeContents(document.body);
    sel.removeAllRanges();
    sel.addRange(range);
    expect(selectionReadingText(sel)).toBe('First para.\nSecond para.');
    c.undo();
  });

  it('installCopyCleaner replaces the copied text only when the selection covers on-screen clutter', () => {
    document.body.innerHTML = '<p>First <i class="material-icons">share</i>para.</p>';
    const c = startDeclutter(document, { probe: { iconFontRendered: () => true } });
    const remove = installCopyCleaner(document);
    const sel = document.getSelection()!;
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('p')!);
    sel.removeAllRanges();
    sel.addRange(range);
    const data: Record<string, string> = {};
    const ev = new Event('copy', { cancelable: true });
    Object.defineProperty(ev, 'clipboardData', { value: { setData: (t: string, v: string) => (data[t] = v) } });
    document.dispatchEvent(ev);
    expect(data['text/plain']).toBe('First para.');
    expect(ev.defaultPrevented).toBe(true);
    remove();
    c.undo();
  });
});
