// @vitest-environment jsdom
// DOMPurify does not sanitize faithfully under happy-dom (it drops safe links and keeps
// nothing it should not, but not for the right reasons); jsdom is what DOMPurify itself is tested on.
import { describe, expect, it } from 'vitest';
import { renderNote } from '@/src/notes';

const html = (md: string) => {
  const div = document.createElement('div');
  div.append(renderNote(md));
  return div;
};

describe('renderNote', () => {
  it('renders links, emphasis, lists and code', () => {
    const div = html('See [the report](https://example.org/r) — *really* **important**\n\n- one\n- two\n\n`code`');
    const a = div.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.org/r');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(div.querySelector('em')?.textContent).toBe('really');
    expect(div.querySelector('strong')?.textContent).toBe('important');
    expect([...div.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(div.querySelector('code')?.textContent).toBe('code');
  });

  it.each([
    ['<img src=x onerror="window.__pwned=1">', 'img'],
    ['<script>window.__pwned=1</script>', 'script'],
    ['[click](javascript:window.__pwned=1)', 'a[href]'],
    ['<a href="https://x.example" onclick="window.__pwned=1">x</a>', '[onclick]'],
    ['<svg><script>window.__pwned=1</script></svg>', 'svg'],
    ['<iframe src="https://evil.example"></iframe>', 'iframe'],
    ['<style>body{display:none}</style>', 'style'],
  ])('strips %s', (md, selector) => {
    const div = html(md);
    expect(div.querySelector(selector)).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('keeps the text of a note that is plain text', () => {
    expect(html('Kishi said <b>hotline</b> & more').textContent).toContain('Kishi said hotline & more');
  });
});
