import type { Annotation, Colour, PageRecord } from '../messages';
import type { Database } from './db';

/**
 * Queries for the annotation list. Two paths, so the popup paints fast with 10,000 annotations:
 * - `recentGroups` walks the `updated` index newest first and stops after a screenful of pages,
 *   then reads just those pages' annotations through the `pageKey` index;
 * - `SearchIndex` is built once (one `getAll` of each store) the first time the reader searches
 *   or filters, and answers every keystroke from memory.
 */

export interface PageGroup {
  key: string;
  page?: PageRecord;
  /** The group's annotations (the matching ones, when searching), in reading order. */
  annotations: Annotation[];
  /** All of the page's annotations, matching or not. */
  total: number;
  /** The newest `updated` among the page's annotations: groups are sorted by it, newest first. */
  newest: number;
}

export interface Filter {
  text?: string;
  colour?: Colour | '';
  tag?: string;
}

export const isEmptyFilter = (f: Filter) => !f.text?.trim() && !f.colour && !f.tag;

/** Where an annotation starts in its page, for sorting in reading order (unknown last). */
export function readingPosition(a: Annotation): number {
  const pos = a.selectors.find((s) => s.type === 'TextPositionSelector');
  return pos && pos.type === 'TextPositionSelector' ? pos.start : Number.MAX_SAFE_INTEGER;
}

export function byReadingOrder(a: Annotation, b: Annotation): number {
  return readingPosition(a) - readingPosition(b) || a.created - b.created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function quoteOf(a: Annotation): string {
  const q = a.selectors.find((s) => s.type === 'TextQuoteSelector');
  return q && q.type === 'TextQuoteSelector' ? q.exact : '';
}

/** Where `recentGroups` stopped: continue from here for the next screenful. */
export interface RecentCursor {
  updated: number;
  seen: Set<string>;
}

/** The `limit` pages with the most recently changed annotations, newest first, from `after` on. */
// Typographic marks a reader types plainly: curly apostrophes and quotes, dashes and minus.
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4\uFF07]/g;
const QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02]/g;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
// Accents on Latin, Greek and Cyrillic letters ("café" = "cafe", "ё" = "е"). Not marks in
// other scripts, where they are letters of the word (Devanagari vowel signs).
const ACCENTS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;

/** Text as search compares it, applied alike to what is searched and to what the reader types. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(ACCENTS, '$1').normalize('NFC').replace(APOSTROPHES, "'").replace(QUOTES, '"').replace(DASHES, '-').toLowerCase();
}

export async function recentGroups(
  db: Database,
  limit = 20,
  after?: RecentCursor,
): Promise<{ groups: PageGroup[]; next?: RecentCursor }> {
  const seen = new Set(after?.seen);
  const keys: { key: string; newest: number }[] = [];
  let next: RecentCursor | undefined;
  const range = after ? IDBKeyRange.upperBound(after.updated) : undefined;
  let cursor = await db.transaction('annotations').store.index('updated').openCursor(range, 'prev');
  while (cursor) {
    const { pageKey, updated } = cursor.value;
    if (!seen.has(pageKey)) {
      if (keys.length === limit) {
        next = { updated, seen };
        break;
      }
      seen.add(pageKey);
      keys.push({ key: pageKey, newest: updated });
    }
    cursor = await cursor.continue();
  }
  const tx = db.transaction(['annotations', 'pages']);
  const byPage = tx.objectStore('annotations').index('pageKey');
  const pages = tx.objectStore('pages');
  const groups = await Promise.all(
    keys.map(async ({ key, newest }) => {
      const [annotations, page] = await Promise.all([byPage.getAll(key), pages.get(key)]);
      annotations.sort(byReadingOrder);
      return { key, page, annotations, total: annotations.length, newest };
    }),
  );
  return { groups, next };
}

/** How many annotations and pages there are, from the indexes (no records are read). */
export async function counts(db: Database): Promise<{ annotations: number; pages: number }> {
  const tx = db.transaction('annotations');
  const annotations = await tx.store.count();
  let pages = 0;
  let cursor = await tx.store.index('pageKey').openKeyCursor(null, 'nextunique');
  while (cursor) {
    pages++;
    cursor = await cursor.continue();
  }
  return { annotations, pages };
}

/** Every tag in use, sorted, from the multi-entry `tags` index. */
export async function allTags(db: Database): Promise<string[]> {
  const tags: string[] = [];
  let cursor = await db.transaction('annotations').store.index('tags').openKeyCursor(null, 'nextunique');
  while (cursor) {
    tags.push(cursor.key);
    cursor = await cursor.continue();
  }
  return tags.sort((a, b) => a.localeCompare(b));
}

interface Entry {
  a: Annotation;
  /** Lowercase quote, note, page title and tags: what the search box looks in. */
  hay: string;
}

/** An in-memory index over every annotation, for search-as-you-type. */
export class SearchIndex {
  private entries = new Map<string, Entry>();
  private pages = new Map<string, PageRecord>();

  constructor(annotations: Annotation[], pages: PageRecord[]) {
    for (const p of pages) this.pages.set(p.key, p);
    for (const a of annotations) this.upsert(a);
  }

  static async load(db: Database): Promise<SearchIndex> {
    const tx = db.transaction(['annotations', 'pages']);
    const [annotations, pages] = await Promise.all([tx.objectStore('annotations').getAll(), tx.objectStore('pages').getAll()]);
    return new SearchIndex(annotations, pages);
  }

  get size() {
    return this.entries.size;
  }

  page(key: string) {
    return this.pages.get(key);
  }

  setPage(page: PageRecord) {
    this.pages.set(page.key, page);
    for (const e of this.entries.values()) if (e.a.pageKey === page.key) this.upsert(e.a);
  }

  upsert(a: Annotation) {
    const title = this.pages.get(a.pageKey)?.title ?? '';
    const hay = foldForSearch([quoteOf(a), a.note, title, a.tags.join('\n')].join('\n'));
    this.entries.set(a.id, { a, hay });
    this.totals = undefined;
  }

  remove(id: string) {
    this.entries.delete(id);
    this.totals = undefined;
  }

  get(id: string) {
    return this.entries.get(id)?.a;
  }

  tags(): string[] {
    const set = new Set<string>();
    for (const { a } of this.entries.values()) for (const t of a.tags) set.add(t);
    return [...set].sort((a, b) => a.localeCompare(b));
  }

  private totals?: Map<string, { total: number; newest: number }>;

  /** Per page: how many annotations, and the newest change (kept until the next write). */
  private pageTotals() {
    if (this.totals) return this.totals;
    const totals = new Map<string, { total: number; newest: number }>();
    for (const { a } of this.entries.values()) {
      const t = totals.get(a.pageKey);
      if (t) {
        t.total++;
        if (a.updated > t.newest) t.newest = a.updated;
      } else totals.set(a.pageKey, { total: 1, newest: a.updated });
    }
    return (this.totals = totals);
  }

  /**
   * The matching annotations grouped by page, newest page first. Every word must match.
   * Within a group the annotations are in reading order.
   */
  query(filter: Filter): PageGroup[] {
    const words = foldForSearch(filter.text ?? '').split(/\s+/).filter(Boolean);
    const totals = this.pageTotals();
    const groups = new Map<string, Annotation[]>();
    for (const { a, hay } of this.entries.values()) {
      if (filter.colour && a.colour !== filter.colour) continue;
      if (filter.tag && !a.tags.includes(filter.tag)) continue;
      if (!words.every((w) => hay.includes(w))) continue;
      const list = groups.get(a.pageKey);
      if (list) list.push(a);
      else groups.set(a.pageKey, [a]);
    }
    const out: PageGroup[] = [];
    for (const [key, annotations] of groups) {
      const t = totals.get(key)!;
      out.push({ key, page: this.pages.get(key), annotations, total: t.total, newest: t.newest });
    }
    out.sort((x, y) => y.newest - x.newest || (x.key < y.key ? -1 : 1));
    // Reading order within a group, lazily: only the groups someone looks at pay for it.
    for (const g of out) {
      let sorted = false;
      const list = g.annotations;
      Object.defineProperty(g, 'annotations', {
        enumerable: true,
        get: () => (sorted ? list : ((sorted = true), list.sort(byReadingOrder))),
      });
    }
    return out;
  }
}
