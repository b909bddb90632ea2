import { describe, expect, it } from 'vitest';
import { escapeMarkdown, exportMarkdown, exportPageMarkdown, fileNameFor, groupForMarkdown, pageToMarkdown, safeNoteMarkdown } from '@/src/export';
import { marked } from 'marked';
import type { Annotation } from '@/src/messages';

const a = (id: string, exact: string, start: number, over: Partial<Annotation> = {}): Annotation => ({
  id,
  pageKey: 'https://news.example/a',
  selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start, end: start + exact.length }],
  colour: 'yellow',
  note: '',
  tags: [],
  created: Date.UTC(2025, 2, 4, 10),
  updated: Date.UTC(2025, 2, 4, 10),
  ...over,
});

describe('Markdown export', () => {
  it('writes title, link, dates as a reader reads them, then one block per highlight (quote, colour, date; note; tags), in reading order', () => {
    const md = pageToMarkdown(
      {
        key: 'https://news.example/a',
        page: { key: 'https://news.example/a', url: 'https://news.example/a', title: 'Talks resume', site: 'News', published: '2019-11-19T10:48:00+00:00' },
        annotations: [a('2', 'second passage', 50, { note: 'My **note**', colour: 'green' }), a('1', 'first passage', 3, { tags: ['asia'] })],
      },
      2,
      { locale: 'en-GB' },
    );
    expect(md).toBe(
      [
        '## Talks resume',
        '',
        '<https://news.example/a>',
        '',
        '*News · published 19 November 2019 · highlighted 4 March 2025*',
        '',
        '> first passage',
        '>',
        '> — yellow · 4 March 2025',
        '',
        'Tags: `asia`',
        '',
        '> second passage',
        '>',
        '> — green · 4 March 2025',
        '',
        'My **note**',
        '',
      ].join('\n'),
    );
  });

  it('a page’s own file: YAML front matter with ISO dates and tags, the title once', () => {
    const md = exportPageMarkdown(
      {
        key: 'https://news.example/a',
        page: { key: 'https://news.example/a', url: 'https://news.example/a', title: 'Talks: resume [live]', site: 'News', published: '2019-11-19T10:48:00+00:00' },
        annotations: [a('1', 'first passage', 3, { tags: ['asia', 'trade'] }), a('2', 'second', 9, { tags: ['asia'], updated: Date.UTC(2025, 3, 1) })],
      },
      { locale: 'en-GB' },
    );
    const [, yaml, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(md)!;
    // YAML reads \u escapes in double-quoted strings; JSON.parse reads the same subset.
    const fields = Object.fromEntries(yaml!.split('\n').map((l) => [l.slice(0, l.indexOf(':')), JSON.parse(l.slice(l.indexOf(':') + 2).replace(/^\[(.*)\]$/, '[$1]'))]));
    expect(fields).toEqual({
      title: 'Talks: resume [live]',
      url: 'https://news.example/a',
      site: 'News',
      published: '2019-11-19T10:48:00.000Z',
      highlighted: '2025-03-04T10:00:00.000Z',
      updated: '2025-04-01T00:00:00.000Z',
      tags: ['asia', 'trade'],
      source: 'Clearmark',
    });
    expect(body!.startsWith('# Talks: resume \\[live\\]\n')).toBe(true);
    expect(body!.match(/^#/gm)).toHaveLength(1); // the title is not repeated
    expect(md).not.toContain('\\+00:00');
    expect(body).toContain('published 19 November 2019');
  });

  it('file names: letters of any script, cut at a word, no trailing hyphen', () => {
    expect(fileNameFor('Valley towns agree shared flood warning line after record spring floods | The Meridian Courier')).toBe('valley-towns-agree-shared-flood-warning-line-after-record')
    expect(fileNameFor('Путин заявил о переговорах')).toBe('путин-заявил-о-переговорах');
    expect(fileNameFor('한국어 기사: 제목')).toBe('한국어-기사-제목');
    expect(fileNameFor('!!!')).toBe('page');
    expect(fileNameFor('a'.repeat(100))).toHaveLength(60);
  });

  it('notes keep their Markdown; raw HTML, unsafe links, images and page-level headings are neutralised', () => {
    const note = [
      '## Forged page heading',
      '',
      'Keep **bold**, `code <b>`, [a link](https://ok.example) and <mailto:me@ok.example>.',
      '',
      '<img src=x onerror=alert(1)> <script>alert(1)</script>',
      '',
      '[bad](javascript:alert(1)) [rel](/relative) ![pixel](https://evil.example/p.png) [ref][r]',
      '',
      '[r]: javascript:alert(2)',
      '',
      '| a | b |',
      '|---|---|',
      '| [t](javascript:x) | <i>x</i> |',
      '',
      '- item with <iframe src=x></iframe>',
    ].join('\n');
    const out = safeNoteMarkdown(note);
    const html = marked.parse(out) as string;
    expect(html).not.toMatch(/<(img|script|iframe|h1|h2|h3|i)[\s>]/);
    expect(html).not.toMatch(/href="(?!https:\/\/ok\.example|mailto:me@ok\.example)/);
    expect(html).toContain('<h5>Forged page heading</h5>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code &lt;b&gt;</code>');
    expect(html).toContain('<a href="https://ok.example">a link</a>');
    for (const text of ['bad', 'rel', 'pixel', 'ref', 'item with']) expect(html).toContain(text);
    expect(html.replace(/<[^>]+>/g, '')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(safeNoteMarkdown('Plain *note* with [link](https://ok.example).')).toBe('Plain *note* with [link](https://ok.example).');
  });

  it('escapes page-controlled text so it never becomes links, HTML, images or headings', () => {
    const evil = '# [click](javascript:alert(1)) <img src=x onerror=alert(1)> ![i](http://x/y.png) *em* _u_ `code` www.evil.example me@evil.example https://evil.example/';
    const md = exportMarkdown(
      groupForMarkdown([a('1', `${evil}\n- item\n1. one`, 0)], [{ key: 'https://news.example/a', url: 'javascript:alert(1)', title: evil }]),
    );
    const html = marked.parse(md) as string;
    // The page's title and quote are plain text in their heading and blockquote: no other element.
    const title = /<h2>([\s\S]*?)<\/h2>/.exec(html)![1]!;
    const quote = /<blockquote>([\s\S]*?)<\/blockquote>/.exec(html)![1]!.replace(/<\/?p>/g, '');
    expect(title).not.toMatch(/</);
    expect(quote).not.toMatch(/</);
    expect(html).not.toMatch(/<a |<img|<code>|<li>|<ol|<ul/);
    expect(html).not.toContain('href="javascript');
    // …and the reader still sees the text as it was.
    const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    expect(text).toContain(evil.slice(2));
    expect(md).not.toContain('<javascript:');
  });

  it('escapes each special character', () => {
    expect(escapeMarkdown('a [b] <c> *d* _e_ `f` \\ #')).toBe('a \\[b\\] &lt;c&gt; \\*d\\* \\_e\\_ \\`f\\` \\\\ \\#');
    expect(escapeMarkdown('# title\n- list\n10. n')).toBe('\\# title\n\\- list\n10\\. n');
  });

  it('orders pages newest first', () => {
    const groups = groupForMarkdown(
      [a('1', 'old', 0, { pageKey: 'k1', updated: 1 }), a('2', 'new', 0, { pageKey: 'k2', updated: 2 })],
      [],
    );
    expect(groups.map((g) => g.key)).toEqual(['k2', 'k1']);
  });
});
