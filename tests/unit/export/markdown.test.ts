import { describe, expect, it } from 'vitest';
import { escapeMarkdown, exportMarkdown, groupForMarkdown, pageToMarkdown } from '@/src/export';
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
  it('writes title, link, date, then each quote as a blockquote and its note, in reading order', () => {
    const md = pageToMarkdown({
      key: 'https://news.example/a',
      page: { key: 'https://news.example/a', url: 'https://news.example/a', title: 'Talks resume', site: 'News' },
      annotations: [a('2', 'second passage', 50, { note: 'My **note**' }), a('1', 'first passage', 3, { tags: ['asia'] })],
    });
    expect(md).toBe(
      [
        '## Talks resume',
        '',
        '<https://news.example/a>',
        '',
        '*News · highlighted 2025-03-04*',
        '',
        '> first passage',
        '',
        'Tags: `asia`',
        '',
        '> second passage',
        '',
        'My **note**',
        '',
      ].join('\n'),
    );
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
