import type { PouchError } from './pouch';

export type SyncErrorCode =
  | 'unreachable'
  | 'unauthorized'
  | 'forbidden'
  | 'missing-database'
  | 'wrong-passphrase'
  | 'quota'
  | 'no-permission'
  | 'failed';

/** A sync failure the reader can act on; `message` is in plain words. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message = MESSAGES[code],
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

const MESSAGES: Record<SyncErrorCode, string> = {
  unreachable: 'The sync server could not be reached. Check the address and your connection; Clearmark will try again later.',
  unauthorized: 'The server refused the user name or password. Check them and try again.',
  forbidden: 'This user may not read or write that database. Give the user access to it on the server, or use another database.',
  'missing-database': 'There is no database at that address. Create it on the server first (see the README), or check the address.',
  'wrong-passphrase':
    'Wrong passphrase: the data on this server was encrypted with a different one. Nothing was changed here. Enter the passphrase you chose on your first device.',
  quota: 'The browser or the server is out of space for sync. Free some space, then sync again.',
  'no-permission': 'Clearmark may not connect to that server yet: allow it when the browser asks (press "Save and sync" again).',
  failed: 'Sync failed.',
};

/** What a PouchDB or fetch failure means for the reader. */
export function classifyError(err: unknown): SyncError {
  if (err instanceof SyncError) return err;
  const e = (err ?? {}) as PouchError & { code?: string };
  const name = err instanceof DOMException ? err.name : e.name;
  if (name === 'QuotaExceededError' || e.status === 413 || e.status === 507) return new SyncError('quota');
  if (e.status === 401) return new SyncError('unauthorized');
  if (e.status === 403) return new SyncError('forbidden');
  if (e.status === 404) return new SyncError('missing-database');
  const said = `${e.message ?? ''} ${e.reason ?? ''} ${e.code ?? ''}`;
  // fetch rejects with a TypeError when nothing answers (Chromium: "Failed to fetch"; Firefox:
  // "NetworkError…"; Node: "fetch failed"); PouchDB passes it on, sometimes as status 500.
  if (err instanceof TypeError || /fetch|network|ECONNREFUSED|ECONNRESET|socket|timed? ?out|abort/i.test(said))
    return new SyncError('unreachable');
  return new SyncError('failed', `Sync failed: ${e.message || e.reason || String(err)}`);
}
