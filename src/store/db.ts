import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, type ClearmarkDB } from './schema';
import { DB_VERSION, migrations } from './migrations';

export type Database = IDBPDatabase<ClearmarkDB>;

/**
 * Opens (and upgrades) the database. Only the background and extension pages call this.
 * `onClosed` runs when this connection ends: the browser closed it (storage cleared, disk
 * error), or another connection needs a newer version (an updated extension's page) and we step
 * aside instead of blocking it. The caller then opens afresh on its next request.
 */
export function openDatabase(name = DB_NAME, onClosed?: () => void): Promise<Database> {
  let opened: Database | undefined;
  return openDB<ClearmarkDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) migrations[v](db, tx);
    },
    blocking() {
      opened?.close();
      onClosed?.();
    },
    terminated() {
      onClosed?.();
    },
  }).then((db) => (opened = db));
}
