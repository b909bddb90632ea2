// @vitest-environment jsdom
/**
 * Issue #7 — hostile text. Every string of the Big List of Naughty Strings plus XSS payloads, as
 * page title, site, quote, tag and imported field: the Markdown export (rendered with marked
 * under jsdom) never turns them into links or HTML; notes (the reader's Markdown) go through
 * renderNote and never yield scripts, frames, images or javascript: links; JSON export → import
 * → export keeps every string exactly.
 */
import { describe, expect, it } from 'vitest';
import { Marked } from 'marked';
import { exportMarkdown, exportWebAnnotations, groupForMarkdown, parseWebAnnotations } from '@/src/export';
import { renderNote } from '@/src/notes';
import type { Annotation, PageInfo } from '@/src/messages';

import { BLNS, XSS } from '../../fixtures/hostile/strings';
const STRINGS = [...BLNS, ...XSS];

const marked = new Marked({ gfm: true, breaks: false, async: false });
const KEY = 'https://news.example/story';
const DANGEROUS = 'script, iframe, img, svg, math, object, embed, style, form, input, base, meta, link, details, frame, frameset, video, audio, source, template';

/** The page (with `s` in every page-controlled field) and annotations whose quote and tag are `s`. */
function hostile(s: string, i: number, note = ''): { page: PageInfo; annotations: Annotation[] } {
  const key = `${KEY}/${i}`;
  const page: PageInfo = { key, url: key, title: s.slice(0, 1_000), site: s.slice(0, 500), byline: s.slice(0, 500), published: s.slice(0, 100), lang: s.slice(0, 35) };
  const annotation: Annotation = {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    pageKey: key,
    selectors: [
      { type: 'TextQuoteSelector', exact: s || ' ', prefix: s.slice(0, 1_000), suffix: s.slice(-1_000) },
      { type: 'TextPositionSelector', start: i, end: i + 1 },
    ],
    colour: 'pink',
    note,
    tags: [s.slice(0, 100), `${s.slice(0, 50)}\n\n${s.slice(0, 40)}`],
    created: 1_700_000_000_000 + i,
    updated: 1_700_000_000_000 + i,
  };
  return { page, annotations: [annotation] };
}

function render(markdown: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = marked.parse(markdown) as string;
  return div;
}

describe('hostile text', () => {
  it(`Markdown export: ${STRINGS.length} strings as title, site, quote and tag never become links or HTML`, () => {
    const failures: string[] = [];
    for (const [i, s] of STRINGS.entries()) {
      const { page, annotations } = hostile(s, i, 'Reader note');
      const md = exportMarkdown(groupForMarkdown(annotations, [page]));
      const root = render(md);
      const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      const bad = [
        ...root.querySelectorAll(DANGEROUS),
        ...[...root.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))),
      ];
      // The only link is the page's own address, written by the export.
      if (bad.length || links.length !== 1 || links[0] !== page.url) failures.push(`${JSON.stringify(s)} → ${JSON.stringify(links)} ${bad.map((b) => b.outerHTML).join(' ')}`);
      // The reader's own note comes out as written.
      if (!root.textContent!.includes('Reader note')) failures.push(`${JSON.stringify(s)} swallowed the note`);
    }
    expect(failures).toEqual([]);
  });

  it('Markdown export: payloads are shown literally (the heading reads as the title)', () => {
    const failures: string[] = [];
    for (const [i, s] of XSS.entries()) {
      const { page, annotations } = hostile(s, i);
      const root = render(exportMarkdown(groupForMarkdown(annotations, [page])));
      const h2 = root.querySelector('h2')?.textContent ?? '';
      // Renderers drop or replace NUL; compare without it.
      const want = s.replace(/[\u0000\uFFFD]/g, '').replace(/\n/g, ' ').replace(/\s+/g, ' ').trim();
      if (h2.replace(/[\u0000\uFFFD]/g, '').replace(/\s+/g, ' ').trim() !== want) failures.push(`${JSON.stringify(s)} → ${JSON.stringify(h2)}`);
      // The block's last paragraph is the export's own line (colour and date), not the quote.
      const block = root.querySelector('blockquote');
      block?.lastElementChild?.remove();
      const quote = block?.textContent ?? '';
      // Known, cosmetic: a quote line indented by 4+ spaces becomes a code block (escapes show).
      if (/^ {4}/m.test(s)) continue;
      if (quote.replace(/[\s\u0000\uFFFD]+/g, '') !== s.replace(/[\s\u0000\uFFFD]+/g, '')) failures.push(`quote ${JSON.stringify(s)} → ${JSON.stringify(quote)}`);
    }
    expect(failures).toEqual([]);
  });

  it(`renderNote: ${STRINGS.length} strings as notes never yield scripts, frames, images, handlers or javascript: links`, () => {
    const failures: string[] = [];
    for (const s of [...STRINGS, ...XSS.map((x) => `**note** ${x} [ok](https://ok.example)`)]) {
      const div = document.createElement('div');
      div.append(renderNote(s, document));
      const bad = [
        ...div.querySelectorAll(DANGEROUS),
        ...[...div.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name) || /^(src|srcdoc|style|action|formaction|xlink:href)$/i.test(a.name))),
        ...[...div.querySelectorAll('[href]')].filter((e) => !/^(https?:|mailto:)/i.test(e.getAttribute('href')!.trim())),
      ];
      if (bad.length) failures.push(`${JSON.stringify(s)} → ${bad.map((b) => b.outerHTML).join(' ')}`);
    }
    expect(failures).toEqual([]);
  });

  it(`JSON export → import → export keeps all ${STRINGS.length} strings exactly, in every field`, () => {
    const pages: PageInfo[] = [];
    const annotations: Annotation[] = [];
    for (const [i, s] of STRINGS.entries()) {
      const h = hostile(s, i, s);
      pages.push(h.page);
      annotations.push(...h.annotations);
    }
    const file = exportWebAnnotations(annotations, pages);
    const parsed = parseWebAnnotations(file);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.annotations).toEqual(expect.arrayContaining(annotations));
    expect(parsed.annotations).toHaveLength(annotations.length);
    expect(parsed.pages).toEqual(expect.arrayContaining(pages));
    expect(exportWebAnnotations(parsed.annotations, parsed.pages)).toBe(file);
    console.info(`[hostile] text: ${BLNS.length} blns strings + ${XSS.length} XSS payloads; ${STRINGS.length} annotations round-tripped`);
  });
});
