import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ClearmarkDB } from './schema';

type UpgradeTx = IDBPTransaction<ClearmarkDB, StoreNames<ClearmarkDB>[], 'versionchange'>;
type Migration = (db: IDBPDatabase<ClearmarkDB>, tx: UpgradeTx) => void;

/**
 * Migrations, one per schema version, in order; never edit a released one, add the next.
 * migrations[0] takes an empty database to version 1.
 */
export const migrations: Migration[] = [
  (db) => {
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('pageKey', 'pageKey');
    annotations.createIndex('updated', 'updated');
    annotations.createIndex('tags', 'tags', { multiEntry: true });
    const pages = db.createObjectStore('pages', { keyPath: 'key' });
    pages.createIndex('lastSeen', 'lastSeen');
  },
];

export const DB_VERSION = migrations.length;
