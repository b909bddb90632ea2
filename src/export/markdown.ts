/**
 * Markdown export, good to drop into Obsidian or Logseq: a page's file starts with YAML front
 * matter (title, URL, site, dates in ISO, tags), then the title once, a line of metadata with
 * dates as a reader reads them, and one block per highlight (quote, colour and date, note,
 * tags). Titles and quotes come from web pages, so they are escaped: they can never become
 * links, images, HTML or headings. Notes keep their Markdown, neutralised by the rules
 * `renderNote` applies (`safeNoteMarkdown`).
 */
import type { Annotation, PageInfo, PageRecord } from '../messages';
import { byReadingOrder, quoteOf } from '../store';
import { escapeMarkdown, safeUrl } from './markdown-escape';
import { safeNoteMarkdown } from './note-markdown';

export { escapeMarkdown, safeUrl };

export interface MarkdownPage {
  key: string;
  page?: PageInfo | PageRecord;
  annotations: Annotation[];
}

/** A valid date from a timestamp or a page's date string, else undefined. */
function asDate(value: number | string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** "19 November 2019" (in the reader's language). */
const readable = (d: Date, locale?: string) => d.toLocaleDateString(locale, { year: 'numeric', month: 'long', day: 'numeric' });

/** Every line of `text` prefixed with `> `, so a multi-line quote stays one blockquote. */
const blockquote = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `> ${l}` : '>'))
    .join('\n');

/** A tag is a code span: no backticks (they would close it) and no line breaks (they could start a block). */
const tagSpan = (t: string) => `\`${t.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;

export interface MarkdownOptions {
  /** Locale for dates in the text (default: the reader's). Front matter is always ISO. */
  locale?: string;
}

/** The highlights of one page as Markdown under a heading of `level` (2 in a file of many pages). */
export function pageToMarkdown({ key, page, annotations }: MarkdownPage, level = 2, options: MarkdownOptions = {}): string {
  const sorted = [...annotations].sort(byReadingOrder);
  const title = page?.title || key;
  const url = safeUrl(page?.url || key);
  const lines = [`${'#'.repeat(level)} ${escapeMarkdown(title).replace(/\n/g, ' ')}`, ''];
  if (url) lines.push(`<${url}>`, '');
  const published = asDate(page?.published);
  const first = asDate(Math.min(...sorted.map((a) => a.created)));
  const meta = [
    page?.site ? escapeMarkdown(page.site).replace(/\n/g, ' ') : '',
    published ? `published ${readable(published, options.locale)}` : page?.published ? `published ${escapeMarkdown(page.published).replace(/\n/g, ' ')}` : '',
    first ? `highlighted ${readable(first, options.locale)}` : '',
  ].filter(Boolean);
  if (meta.length) lines.push(`*${meta.join(' · ')}*`, '');
  for (const a of sorted) {
    const when = asDate(a.created);
    // The quote, then (its own paragraph in the same block) its colour and date.
    lines.push(blockquote(escapeMarkdown(quoteOf(a))), '>', `> — ${a.colour}${when ? ` · ${readable(when, options.locale)}` : ''}`, '');
    const note = a.note ? safeNoteMarkdown(a.note) : '';
    if (note) lines.push(note, '');
    if (a.tags.length) lines.push(`Tags: ${a.tags.map(tagSpan).join(', ')}`, '');
  }
  return lines.join('\n');
}

/**
 * A YAML double-quoted string. Markdown punctuation is written as \u escapes (YAML reads them
 * back as the characters), so a viewer that shows front matter as Markdown shows plain text.
 */
const yamlString = (value: string) =>
  `"${JSON.stringify(value)
    .slice(1, -1)
    .replace(/[\\`*_{}[\]()<>#+!|~&:@=$%^;?]|(?<=www)\./gi, (c) => (c === '\\' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))}"`;

/** YAML front matter: every value a quoted string, so page text cannot break out of it. */
function frontMatter(fields: Record<string, string | string[] | undefined>): string {
  const lines = ['---'];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    lines.push(`${name}: ${Array.isArray(value) ? `[${value.map(yamlString).join(', ')}]` : yamlString(value)}`);
  }
  return [...lines, '---', ''].join('\n');
}

const iso = (d: Date | undefined) => d?.toISOString();

/** One page's file: front matter, the title once, its highlights. */
export function exportPageMarkdown(group: MarkdownPage, options: MarkdownOptions = {}): string {
  const { key, page, annotations } = group;
  const created = annotations.map((a) => a.created);
  const updated = annotations.map((a) => a.updated);
  const head = frontMatter({
    title: page?.title || key,
    url: page?.url || key,
    site: page?.site,
    author: page?.byline,
    published: iso(asDate(page?.published)) ?? page?.published,
    highlighted: iso(asDate(Math.min(...created))),
    updated: iso(asDate(Math.max(...updated))),
    tags: [...new Set(annotations.flatMap((a) => a.tags))].sort(),
    source: 'Clearmark',
  });
  return `${head}\n${pageToMarkdown(group, 1, options)}`.replace(/\n+$/, '\n');
}

/** Many pages in one file (no front matter: it describes one page), in the order given (callers pass newest first), separated by rules. */
export function exportMarkdown(groups: MarkdownPage[], heading = 'Clearmark annotations', options: MarkdownOptions = {}): string {
  return `# ${escapeMarkdown(heading)}\n\n${groups.map((g) => pageToMarkdown(g, 2, options)).join('\n---\n\n')}`.replace(/\n+$/, '\n');
}

/** A file name from a title: letters and digits of any script, cut at a word, no stray hyphens. */
export function fileNameFor(title: string, max = 60): string {
  const words = title.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  let name = '';
  for (const w of words) {
    const next = name ? `${name}-${w}` : w;
    if ([...next].length > max) break;
    name = next;
  }
  // One very long first word: cut it, at a character, not inside a surrogate pair.
  if (!name && words[0]) name = [...words[0]].slice(0, max).join('');
  return name || 'page';
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
