import type { Annotation, PageRecord } from '../messages';
import type { Database } from './db';
import { importAnnotations } from './annotations';

/**
 * A second copy of every page's annotations outside the database (the background gives it the
 * extension's storage area, a separate store on disk), so that when the browser loses part of
 * the database (see Ledger in connection.ts) the reader can bring it back with one click.
 *
 * One entry per page, rewritten from the database after each write to that page, so a restore
 * never brings back what the reader deleted. While a loss is being held for the reader to
 * decide, entries are merged instead: a new highlight on a page must not erase that page's lost
 * ones from the copy.
 */
export interface BackupArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

interface PageCopy {
  page?: PageRecord;
  annotations: Annotation[];
}

const PREFIX = 'backup:page:';
/** Set once the copy holds everything the database held when copying began. */
const COMPLETE = 'backup:complete';
/** Set while a loss waits for the reader: copies merge rather than replace. */
const HELD = 'backup:held';

export class Backup {
  private pending = new Set<string>();
  private deleted = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly area: BackupArea) {}

  /** After a write: copy these pages as they now are (`deletedIds`: annotations the reader deleted). */
  copyPages(db: Database, pageKeys: string[], deletedIds: string[] = []): Promise<void> {
    for (const k of pageKeys) this.pending.add(k);
    for (const id of deletedIds) this.deleted.add(id);
    // One copy at a time. Each call queues a round; the first round to run takes every page
    // pending by then (writes that landed together are copied together), later ones find
    // nothing left. The promise is done once this call's pages are copied.
    this.queue = this.queue.then(() => this.drain(db));
    return this.queue;
  }

  /** Resolves once every copy asked for so far is written. */
  whenCopied(): Promise<void> {
    return this.queue;
  }

  /** The first time there is a copy at all: copy every page the database has. */
  async ensureComplete(db: Database): Promise<void> {
    if ((await this.area.get([COMPLETE]))[COMPLETE]) return;
    const pageKeys: string[] = [];
    for (let c = await db.transaction('annotations').store.index('pageKey').openKeyCursor(null, 'nextunique'); c; c = await c.continue()) pageKeys.push(c.key);
    await this.copyPages(db, pageKeys);
    await this.area.set({ [COMPLETE]: true });
  }

  /** A loss was found: keep what the copy has until the reader restores or forgets it. */
  hold(): Promise<void> {
    return this.area.set({ [HELD]: true });
  }

  /** The annotations the copy has and the database has not. */
  async missingFrom(db: Database): Promise<Annotation[]> {
    const stored = new Set(await db.getAllKeys('annotations'));
    return (await this.copies()).flatMap((c) => c.annotations.filter((a) => !stored.has(a.id)));
  }

  /** Puts back every annotation (with its page) the database lost: how many, on which pages. */
  async restoreInto(db: Database): Promise<{ restored: number; pageKeys: string[] }> {
    const copies = await this.copies();
    const missing = await this.missingFrom(db);
    const wanted = new Set(missing.map((a) => a.pageKey));
    if (missing.length) await importAnnotations(db, missing, copies.flatMap((c) => (c.page && wanted.has(c.page.key) ? [c.page] : [])));
    await this.release(db);
    return { restored: missing.length, pageKeys: [...wanted].sort() };
  }

  /** The reader let the lost annotations go: the copy becomes the database again. */
  async forget(db: Database): Promise<void> {
    await this.release(db);
  }

  private async release(db: Database) {
    await this.area.remove([HELD]);
    const keys = Object.keys(await this.area.get(null)).filter((k) => k.startsWith(PREFIX)).map((k) => k.slice(PREFIX.length));
    await this.copyPages(db, keys);
  }

  private async copies(): Promise<PageCopy[]> {
    const all = await this.area.get(null);
    return Object.entries(all).flatMap(([key, value]) => (key.startsWith(PREFIX) ? [value as PageCopy] : []));
  }

  private async drain(db: Database) {
    if (!this.pending.size) return;
    const pageKeys = [...this.pending];
    const deleted = new Set(this.deleted);
    this.pending.clear();
    this.deleted.clear();
    await this.copy(db, pageKeys, deleted).catch(() => {
      // The copy is a safety net: failing to write it must not fail the reader's write. The
      // pages wait for the next round (e.g. on a fresh connection after this one closed).
      for (const k of pageKeys) this.pending.add(k);
      for (const id of deleted) this.deleted.add(id);
    });
  }

  private async copy(db: Database, pageKeys: string[], deleted: Set<string>) {
    const held = !!(await this.area.get([HELD]))[HELD];
    const before = held ? await this.area.get(pageKeys.map((k) => PREFIX + k)) : {};
    const set: Record<string, PageCopy> = {};
    const remove: string[] = [];
    const tx = db.transaction(['annotations', 'pages']);
    await Promise.all(
      pageKeys.map(async (key) => {
        const [stored, page] = await Promise.all([tx.objectStore('annotations').index('pageKey').getAll(key), tx.objectStore('pages').get(key)]);
        const ids = new Set(stored.map((a) => a.id));
        const kept = ((before[PREFIX + key] as PageCopy | undefined)?.annotations ?? []).filter((a) => !ids.has(a.id) && !deleted.has(a.id));
        const annotations = [...stored, ...kept];
        if (annotations.length) set[PREFIX + key] = { page: page ?? (before[PREFIX + key] as PageCopy | undefined)?.page, annotations };
        else remove.push(PREFIX + key);
      }),
    );
    if (Object.keys(set).length) await this.area.set(set);
    if (remove.length) await this.area.remove(remove);
  }
}
