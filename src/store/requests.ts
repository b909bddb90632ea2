import type { ParsedRequest as Request, ResponseMap, ErrorResponse, ImportResult } from '../messages';
import type { Database } from './db';
import {
  allAnnotations,
  annotationsForPage,
  annotationsForVisit,
  createAnnotation,
  deleteAnnotation,
  importAnnotations,
  recordVisit,
  restoreAnnotation,
  updateAnnotation,
} from './annotations';

/**
 * Answers one validated protocol request from the database. Plain async code, no extension
 * APIs, so the whole protocol is unit-tested against fake-indexeddb.
 */
export async function answerRequest<R extends Request>(
  db: Database,
  request: R,
  onFailure?: (err: unknown) => void,
): Promise<ResponseMap[R['type']] | ErrorResponse> {
  try {
    return (await answer(db, request)) as ResponseMap[R['type']];
  } catch (err) {
    onFailure?.(err);
    // A failed write is reported to the reader, never swallowed.
    return { error: describeStorageError(err) };
  }
}

async function answer(db: Database, request: Request): Promise<ResponseMap[Request['type']]> {
  switch (request.type) {
    case 'page/visit':
      // The visit only refreshes the page's title and time. When it cannot be written (disk
      // full), the reader must still see their highlights, so that failure is not the answer's.
      await recordVisit(db, request.page).catch(() => {});
      return { annotations: await annotationsForVisit(db, request.page) };
    case 'annotations/forPage':
      return { annotations: await annotationsForPage(db, request.pageKey) };
    case 'annotation/create': {
      const a = request.annotation;
      const annotation = await createAnnotation(
        db,
        { pageKey: a.pageKey, selectors: a.selectors, colour: a.colour, note: a.note ?? '', tags: a.tags ?? [] },
        request.page,
        Date.now(),
        a.id,
      );
      return { annotation };
    }
    case 'annotation/update':
      return { annotation: await updateAnnotation(db, request.id, request.patch) };
    case 'annotation/delete': {
      const deleted = await deleteAnnotation(db, request.id);
      return { deleted: !!deleted, pageKey: deleted?.pageKey };
    }
    case 'annotations/all':
      return allAnnotations(db);
    case 'annotation/restore':
      return { annotation: await restoreAnnotation(db, request.annotation) };
    case 'annotations/import':
      // The parts of a large import are joined by the connection, which holds them.
      if (request.importId) throw new Error('A large import is committed by the connection, not the store');
      return importAnnotations(db, request.annotations, request.pages);
    case 'annotations/importPart':
      throw new Error(`${request.type} is answered by the connection (it holds the parts)`);
    case 'tab/status':
    case 'background/stats':
    case 'popup/tabState':
    case 'popup/jump':
      throw new Error(`${request.type} is answered by the background itself, not the store`);
    case 'backup/restore':
    case 'backup/forget':
      throw new Error(`${request.type} is answered by the connection (it holds the backup)`);
  }
}

/**
 * What a storage failure means for the reader, and what to do about it. The browser's own
 * words are kept (in quotes) for a bug report, but never stand alone.
 */
export function describeStorageError(err: unknown): string {
  const name = err instanceof DOMException ? err.name : '';
  const said = err instanceof Error ? err.message : String(err);
  switch (name) {
    case 'QuotaExceededError':
      return 'Your browser is out of storage space for Clearmark. Free some disk space or delete old annotations, then try again.';
    case 'UnknownError':
      // Chromium's answer when its database files cannot be written, most often a full disk.
      return `The browser could not write to its storage (it said: “${said}”). This usually means the disk is full: free some disk space, then try again.`;
    case 'AbortError':
      // Chromium's answer to a request whose transaction could not be committed.
      return `The browser could not save this (it said: “${said}”). If your disk is full, free some disk space, then try again.`;
    case 'InvalidStateError':
      return `The browser closed Clearmark's database (it said: “${said}”). Try again; if it keeps happening, restart the browser.`;
    default:
      return said;
  }
}

/** Which pages a request wrote to, for broadcasting changes to other tabs. */
export function pageKeysWritten(request: Request, response: unknown): string[] {
  if (request.type === 'annotations/import' || request.type === 'backup/restore')
    return response && typeof response === 'object' && 'pageKeys' in response ? (response as ImportResult).pageKeys : [];
  const key = pageKeyWritten(request, response);
  return key ? [key] : [];
}

/** Which page a request writes to, for broadcasting changes to other tabs. */
export function pageKeyWritten(request: Request, response: unknown): string | undefined {
  if (request.type === 'annotation/create') return request.annotation.pageKey;
  if (request.type === 'annotation/restore') return request.annotation.pageKey;
  if (!response || typeof response !== 'object') return undefined;
  if (request.type === 'annotation/update' && 'annotation' in response)
    return (response as ResponseMap['annotation/update']).annotation.pageKey;
  if (request.type === 'annotation/delete' && 'pageKey' in response)
    return (response as ResponseMap['annotation/delete']).pageKey;
  return undefined;
}
