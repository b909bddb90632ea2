import type { Annotation, AnnotationPatch, NewAnnotation, PageInfo, PageRecord } from '../messages';
import type { Database } from './db';

/** Each write is one transaction: the annotation and its page record land together or not at all. */
export async function createAnnotation(
  db: Database,
  input: Required<NewAnnotation>,
  page: PageInfo,
  now = Date.now(),
  id: string = crypto.randomUUID(),
): Promise<Annotation> {
  const annotation: Annotation = { ...input, id, created: now, updated: now };
  const tx = db.transaction(['annotations', 'pages'], 'readwrite');
  await Promise.all([
    tx.objectStore('annotations').add(annotation),
    tx.objectStore('pages').put({ ...page, lastSeen: now }),
    tx.done,
  ]);
  return annotation;
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

export async function recordVisit(db: Database, page: PageInfo, now = Date.now()): Promise<void> {
  // Only pages that have annotations are worth remembering; a visit refreshes their metadata.
  const tx = db.transaction(['annotations', 'pages'], 'readwrite');
  const count = await tx.objectStore('annotations').index('pageKey').count(page.key);
  if (count > 0) await tx.objectStore('pages').put({ ...page, lastSeen: now });
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
