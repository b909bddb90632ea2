/**
 * The few PouchDB methods sync uses, typed structurally: src/sync never imports PouchDB itself.
 * The background passes `pouchdb-browser` instances (an IndexedDB replica and an http remote);
 * unit tests pass memory and http ones from Node.
 */
export interface PouchDoc {
  _id: string;
  _rev?: string;
  _deleted?: boolean;
  _conflicts?: string[];
  _revisions?: { start: number; ids: string[] };
  [field: string]: unknown;
}

export interface PouchChange {
  id: string;
  seq: number | string;
  doc?: PouchDoc;
  deleted?: boolean;
}

export interface ReplicationResult {
  ok: boolean;
  docs_read: number;
  docs_written: number;
  doc_write_failures: number;
  errors: unknown[];
}

export interface PouchLike {
  get(id: string, options?: { rev?: string; revs?: boolean; conflicts?: boolean }): Promise<PouchDoc>;
  put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>;
  remove(id: string, rev: string): Promise<{ ok: boolean; rev: string }>;
  bulkDocs(docs: PouchDoc[], options?: { new_edits?: boolean }): Promise<unknown[]>;
  changes(options: {
    since: number | string;
    limit?: number;
    include_docs?: boolean;
    conflicts?: boolean;
  }): Promise<{ results: PouchChange[]; last_seq: number | string }>;
  info(): Promise<{ doc_count: number; update_seq: number | string }>;
  destroy(): Promise<unknown>;
  replicate: {
    to(target: PouchLike, options?: { batch_size?: number; retry?: boolean }): PromiseLike<ReplicationResult>;
    from(source: PouchLike, options?: { batch_size?: number; retry?: boolean }): PromiseLike<ReplicationResult>;
  };
}

/** A PouchDB error as thrown by both adapters (`status` is the HTTP status, when there was one). */
export interface PouchError {
  status?: number;
  name?: string;
  message?: string;
  reason?: string;
}

export function isNotFound(err: unknown): boolean {
  return (err as PouchError | undefined)?.status === 404;
}

export function isConflict(err: unknown): boolean {
  return (err as PouchError | undefined)?.status === 409;
}
