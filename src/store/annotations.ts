import type { Annotation, AnnotationPatch, ImportResult, NewAnnotation, PageInfo, PageRecord } from '../messages';
import type { Database } from './db';
import { normalizeUrl, sameSite, sameSiteUrls } from '../article';

/** Each write is one transaction: the annotation and its page record land together or not at all. */
/**
 * Creating is idempotent by id: the same create sent again (a retry after the answer was lost,
 * e.g. the MV3 worker stopped) returns the stored annotation instead of adding a second one.
 */
export async function createAnnotation(
  db: Database,
  input: Required<Omit<NewAnnotation, 'id'>>,
  page: PageInfo,
  now = Date.now(),
  id: string = crypto.randomUUID(),
): Promise<Annotation> {
  const annotation: Annotation = { ...input, id, created: now, updated: now };
  const tx = db.transaction(['annotations', 'pages'], 'readwrite');
  const existing = await tx.objectStore('annotations').get(id);
  if (existing) {
    await tx.done;
    if (existing.pageKey !== input.pageKey) throw new Error(`The id ${id} belongs to another annotation`);
    return existing;
  }
  await Promise.all([tx.objectStore('annotations').add(annotation), refreshPage(tx.objectStore('pages'), page, now), tx.done]);
  return annotation;
}

type PagesStore = { get(key: string): Promise<PageRecord | undefined>; put(value: PageRecord): Promise<unknown> };

/**
 * Refreshes a page record, but never moves it to another site: the popup's jump opens the
 * stored URL, so a page on another site (a copy claiming the key) must not replace it.
 */
async function refreshPage(pages: PagesStore, page: PageInfo, now: number): Promise<void> {
  const stored = await pages.get(page.key);
  if (stored && stored.url && !sameSiteUrls(stored.url, page.url)) return;
  await pages.put({ ...page, lastSeen: now });
}

export async function updateAnnotation(
  db: Database,
  id: string,
  patch: AnnotationPatch,
  now = Date.now(),
): Promise<Annotation> {
  const tx = db.transaction('annotations', 'readwrite');
  const current = await tx.store.get(id);
  if (!current) {
    await tx.done; // nothing was written; let the transaction finish cleanly
    throw new Error(`No annotation with id ${id}`);
  }
  const next: Annotation = { ...current, ...patch, updated: Math.max(now, current.updated) };
  await Promise.all([tx.store.put(next), tx.done]);
  return next;
}

/** Deletes one annotation; returns what was deleted (for undo and broadcasts), if anything. */
export async function deleteAnnotation(db: Database, id: string): Promise<Annotation | undefined> {
  const tx = db.transaction('annotations', 'readwrite');
  const existing = await tx.store.get(id);
  await Promise.all([tx.store.delete(id), tx.done]);
  return existing;
}

export function annotationsForPage(db: Database, pageKey: string): Promise<Annotation[]> {
  return db.getAllFromIndex('annotations', 'pageKey', pageKey);
}

/** Field by field: stored records and parsed files may list the same fields in another order. */
export function sameAnnotation(x: Annotation, y: Annotation): boolean {
  const sel = (a: Annotation) =>
    JSON.stringify(a.selectors.map((s) => (s.type === 'TextQuoteSelector' ? [s.type, s.exact, s.prefix, s.suffix] : [s.type, s.start, s.end])));
  return (
    x.id === y.id &&
    x.pageKey === y.pageKey &&
    x.colour === y.colour &&
    x.note === y.note &&
    x.created === y.created &&
    x.updated === y.updated &&
    JSON.stringify(x.tags) === JSON.stringify(y.tags) &&
    sel(x) === sel(y)
  );
}

/**
 * A page's annotations on a visit: those under its key, and those under its own address when
 * that differs (same site only). Annotations imported from another annotator (Hypothesis) are
 * keyed by the address it saw; the page may declare a canonical or og:url that Clearmark keys
 * by, and they must show either way.
 */
export async function annotationsForVisit(db: Database, page: PageInfo): Promise<Annotation[]> {
  const own = await annotationsForPage(db, page.key);
  const alias = aliasKey(page);
  if (!alias) return own;
  const more = await annotationsForPage(db, alias);
  return more.length ? [...own, ...more] : own;
}

function aliasKey(page: PageInfo): string | undefined {
  try {
    const key = normalizeUrl(page.url);
    return key !== page.key && sameSite(new URL(key), new URL(page.key)) ? key : undefined;
  } catch {
    return undefined;
  }
}

export async function recordVisit(db: Database, page: PageInfo, now = Date.now()): Promise<void> {
  // Only pages that have annotations are worth remembering; a visit refreshes their metadata.
  const tx = db.transaction(['annotations', 'pages'], 'readwrite');
  const count = await tx.objectStore('annotations').index('pageKey').count(page.key);
  if (count > 0) await refreshPage(tx.objectStore('pages'), page, now);
  await tx.done;
}

export async function allAnnotations(db: Database): Promise<{ annotations: Annotation[]; pages: PageRecord[] }> {
  const tx = db.transaction(['annotations', 'pages']);
  const [annotations, pages] = await Promise.all([
    tx.objectStore('annotations').index('updated').getAll(),
    tx.objectStore('pages').getAll(),
  ]);
  annotations.reverse();
  return { annotations, pages };
}

/** Puts a deleted annotation back exactly as it was (undo). Its page record was kept. */
export async function restoreAnnotation(db: Database, annotation: Annotation): Promise<Annotation> {
  await db.put('annotations', annotation);
  return annotation;
}

/**
 * Imports annotations and their pages in one transaction: all of it lands, or none of it.
 * A known id is merged: the newer copy (by `updated`) wins, so importing an old backup never
 * overwrites later edits. Page records are refreshed with the file's metadata.
 */
export async function importAnnotations(
  db: Database,
  annotations: Annotation[],
  pages: PageInfo[],
  now = Date.now(),
): Promise<ImportResult> {
  const tx = db.transaction(['annotations', 'pages'], 'readwrite');
  const store = tx.objectStore('annotations');
  const pageStore = tx.objectStore('pages');
  let added = 0, updated = 0, kept = 0, unchanged = 0;
  const pageKeys = new Set<string>();
  const work = annotations.map(async (a) => {
    const existing = await store.get(a.id);
    if (existing && sameAnnotation(existing, a)) {
      // Re-importing a file just exported: nothing to write, nothing changed.
      unchanged++;
      return;
    }
    if (existing && existing.updated > a.updated) {
      kept++;
      return;
    }
    if (existing) updated++;
    else added++;
    pageKeys.add(a.pageKey);
    if (existing?.pageKey && existing.pageKey !== a.pageKey) pageKeys.add(existing.pageKey);
    await store.put(a);
  });
  const pageWork = pages.map(async (p) => {
    const existing = await pageStore.get(p.key);
    await pageStore.put({ ...p, lastSeen: existing?.lastSeen ?? now });
  });
  try {
    await Promise.all([...work, ...pageWork]);
  } catch (err) {
    try { tx.abort(); } catch { /* already aborted */ }
    await tx.done.catch(() => {});
    throw err;
  }
  await tx.done;
  return { added, updated, kept, unchanged, pageKeys: [...pageKeys].sort() };
}
