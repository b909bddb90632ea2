/**
 * Markdown export: per page its title, link and date, then each quote as a blockquote followed
 * by its note. Titles and quotes come from web pages, so they are escaped: they can never
 * become links, images, HTML or headings in whatever renders the file. Notes are the reader's
 * own Markdown and are kept as written.
 */
import type { Annotation, PageInfo, PageRecord } from '../messages';
import { byReadingOrder, quoteOf } from '../store';

/** Escapes page-controlled text so Markdown renders it literally (inline, one line or many). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    // GFM turns bare URLs, www. names and e-mail addresses into links: break those up too.
    .replace(/:\/\//g, '\\:/\\/')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@')
    .split('\n')
    .map((line) => line.replace(/^(\s*)([-=]|\d+(?=[.)]))/, (_m, sp: string, lead: string) => `${sp}${/^\d/.test(lead) ? lead + '\\' : '\\' + lead}`))
    .join('\n');
}

/** A link target: only http(s) URLs become links, written in angle brackets with spaces and brackets encoded. */
export function safeUrl(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  return url.replace(/[\s<>()[\]]/g, (c) => encodeURIComponent(c));
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every line of `text` prefixed with `> `, so a multi-line quote stays one blockquote. */
const blockquote = (text: string) =>
  escapeMarkdown(text)
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

export interface MarkdownPage {
  key: string;
  page?: PageInfo | PageRecord;
  annotations: Annotation[];
}

export function pageToMarkdown({ key, page, annotations }: MarkdownPage): string {
  const sorted = [...annotations].sort(byReadingOrder);
  const title = page?.title || key;
  const url = safeUrl(page?.url || key);
  const lines = [`## ${escapeMarkdown(title).replace(/\n/g, ' ')}`, ''];
  if (url) lines.push(`<${url}>`, '');
  const dates = sorted.map((a) => a.created);
  const meta = [
    page?.site ? escapeMarkdown(page.site) : '',
    page?.published ? `published ${escapeMarkdown(page.published)}` : '',
    dates.length ? `highlighted ${day(Math.min(...dates))}` : '',
  ].filter(Boolean);
  if (meta.length) lines.push(`*${meta.join(' · ')}*`, '');
  for (const a of sorted) {
    lines.push(blockquote(quoteOf(a)), '');
    if (a.note) lines.push(a.note.replace(/\r\n?/g, '\n').trim(), '');
    // A tag is a code span: no backticks (they would close it) and no line breaks (a new line
    // can start a block, or a blank line end the paragraph, and the rest would be Markdown/HTML).
    if (a.tags.length) lines.push(`Tags: ${a.tags.map((t) => `\`${t.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``).join(', ')}`, '');
  }
  return lines.join('\n');
}

/** Pages in the order given (callers pass newest first), separated by rules. */
export function exportMarkdown(groups: MarkdownPage[], heading = 'Clearmark annotations'): string {
  return `# ${escapeMarkdown(heading)}\n\n${groups.map(pageToMarkdown).join('\n---\n\n')}`.replace(/\n+$/, '\n');
}

/** Groups annotations by page, newest page first (by the newest annotation), for `exportMarkdown`. */
export function groupForMarkdown(annotations: Annotation[], pages: (PageInfo | PageRecord)[]): MarkdownPage[] {
  const byKey = new Map(pages.map((p) => [p.key, p]));
  const groups = new Map<string, { list: Annotation[]; newest: number }>();
  for (const a of annotations) {
    const g = groups.get(a.pageKey) ?? { list: [], newest: 0 };
    g.list.push(a);
    g.newest = Math.max(g.newest, a.updated);
    groups.set(a.pageKey, g);
  }
  return [...groups]
    .sort(([ka, a], [kb, b]) => b.newest - a.newest || (ka < kb ? -1 : 1))
    .map(([key, g]) => ({ key, page: byKey.get(key), annotations: g.list }));
}
