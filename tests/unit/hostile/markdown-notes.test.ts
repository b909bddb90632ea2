// @vitest-environment jsdom
/**
 * Issue #16 item 8: the Markdown export is safe to open in any Markdown viewer. Every hostile
 * string (the Big List of Naughty Strings and the XSS payloads, 535 in all) and the payloads of
 * #16 item 10 go in as a note, through the page export and the export of everything; rendered
 * by marked without any sanitizer (as a plain viewer would), nothing becomes HTML, an image, a
 * handler, a link other than http(s)/mailto, or a heading at the export's own levels.
 */
import { describe, expect, it } from 'vitest';
import { Marked } from 'marked';
import { exportMarkdown, exportPageMarkdown, groupForMarkdown } from '@/src/export';
import type { Annotation, PageInfo } from '@/src/messages';
import { BLNS, XSS } from '../../fixtures/hostile/strings';

const STRINGS = [...BLNS, ...XSS];
// #16 item 10, as one imported note.
const ISSUE_16 = '<img src=x onerror=alert(1)>\n<script>alert(document.cookie)</script>\n\n## Forged page heading\n\n[x](javascript:alert(1))';
const marked = new Marked({ gfm: true, breaks: false, async: false });
const DANGEROUS = 'script, iframe, img, svg, math, object, embed, style, form, input, base, meta, link, details, frame, frameset, video, audio, source, template, textarea, select, button';
const KEY = 'https://news.example/story';

function withNote(note: string, i: number): { page: PageInfo; annotations: Annotation[] } {
  const page: PageInfo = { key: `${KEY}/${i}`, url: `${KEY}/${i}`, title: 'A story', site: 'News' };
  const annotation: Annotation = {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    pageKey: page.key,
    selectors: [{ type: 'TextQuoteSelector', exact: 'the quote', prefix: '', suffix: '' }],
    colour: 'blue',
    note,
    tags: [],
    created: 1_700_000_000_000,
    updated: 1_700_000_000_000,
  };
  return { page, annotations: [annotation] };
}

function rendered(markdown: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = marked.parse(markdown) as string;
  return div;
}

/**
 * What a plain Markdown viewer would make of `markdown` that it should not. Front matter is
 * checked too (a viewer that does not know it renders it as Markdown), except for its headings.
 */
function problems(markdown: string, pageUrl: string, headings = true): string[] {
  const front = /^---\n[\s\S]*?\n---\n/.exec(markdown)?.[0] ?? '';
  const body = rendered(markdown.slice(front.length));
  const out: string[] = [];
  for (const div of [rendered(front), body]) {
    out.push(
      ...[...div.querySelectorAll(DANGEROUS)].map((e) => e.outerHTML),
      ...[...div.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on|^(src|srcdoc|style|action|formaction|xlink:href)$/i.test(a.name))).map((e) => e.outerHTML),
      ...[...div.querySelectorAll('[href]')].map((e) => e.getAttribute('href')!.trim()).filter((h) => !/^(https?:|mailto:)/i.test(h)),
    );
  }
  // The export's own headings: the document (h1) and the page (h1 or h2); no note may add one.
  if (headings) out.push(...[...body.querySelectorAll('h1, h2, h3')].map((h) => h.textContent ?? '').filter((t) => t !== 'A story' && t !== 'Clearmark annotations'));
  if (!body.textContent!.includes('the quote')) out.push('the quote went missing');
  if (![...body.querySelectorAll('a')].some((a) => a.getAttribute('href') === pageUrl)) out.push('the page link went missing');
  return out;
}

describe('Markdown export of hostile notes', () => {
  it(`${STRINGS.length} hostile strings and the #16 payloads as notes: no HTML, images, handlers, unsafe links or forged headings`, () => {
    const notes = [...STRINGS, ...XSS.map((x) => `**note** ${x} [ok](https://ok.example)`), ISSUE_16];
    const failures: string[] = [];
    for (const [i, note] of notes.entries()) {
      const { page, annotations } = withNote(note, i);
      for (const md of [exportPageMarkdown({ key: page.key, page, annotations }), exportMarkdown(groupForMarkdown(annotations, [page]))]) {
        const bad = problems(md, page.url);
        if (bad.length) failures.push(`${JSON.stringify(note)} → ${bad.join(' | ')}`);
      }
    }
    expect(failures).toEqual([]);
    console.info(`[hostile] Markdown notes: ${notes.length} notes × 2 exports`);
  }, 60_000);

  it(`${STRINGS.length} hostile strings as a page's title, site, author and date: its front matter and text stay plain`, () => {
    const failures: string[] = [];
    for (const [i, s] of STRINGS.entries()) {
      const { page, annotations } = withNote('Reader note', i);
      const hostile = { ...page, title: s.slice(0, 1000), site: s.slice(0, 500), byline: s.slice(0, 500), published: s.slice(0, 100) };
      const md = exportPageMarkdown({ key: page.key, page: hostile, annotations });
      const bad = problems(md, page.url, false);
      const html = rendered(md);
      const links = [...html.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      if (bad.length || links.some((h) => h !== page.url)) failures.push(`${JSON.stringify(s)} → ${[...bad, ...links].join(' | ')}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('the #16 payload keeps its words, as text, and the reader’s safe Markdown stays Markdown', () => {
    const { page, annotations } = withNote(`${ISSUE_16}\n\nKeep **this** and [that](https://ok.example).`, 0);
    const md = exportPageMarkdown({ key: page.key, page, annotations });
    const div = rendered(md);
    expect(div.textContent).toContain('<script>alert(document.cookie)</script>');
    expect(div.textContent).toContain('Forged page heading');
    expect(div.querySelector('strong')?.textContent).toBe('this');
    expect(div.querySelector('a[href="https://ok.example"]')?.textContent).toBe('that');
  });
});
