import type { Annotation, PageInfo, PageRecord } from '../messages';

/**
 * The local store as sync sees it. The background implements it over the idb store's own
 * requests (so writes from sync keep the store's ledger and backup and reach open tabs);
 * unit tests over fake-indexeddb.
 */
export interface LocalStore {
  all(): Promise<{ annotations: Annotation[]; pages: PageRecord[] }>;
  getAnnotation(id: string): Promise<Annotation | undefined>;
  /** Stores the annotation exactly as given (same id, same times). */
  putAnnotation(annotation: Annotation): Promise<void>;
  deleteAnnotation(id: string): Promise<void>;
  putPage(page: PageInfo): Promise<void>;
}
