import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, type ClearmarkDB } from './schema';
import { DB_VERSION, migrations } from './migrations';

export type Database = IDBPDatabase<ClearmarkDB>;

/** Opens (and upgrades) the database. Only the background and extension pages call this. */
export function openDatabase(name = DB_NAME): Promise<Database> {
  return openDB<ClearmarkDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) migrations[v](db, tx);
    },
  });
}
