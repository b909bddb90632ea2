import { openDatabase, type Database } from './db';
import { DB_NAME } from './schema';
import { answerRequest, describeStorageError, pageKeysWritten } from './requests';
import type { Backup } from './backup';
import { ImportStaging } from './import-staging';
import type { ParsedRequest as Request, ResponseMap, ErrorResponse } from '../messages';

/**
 * Where the connection keeps, outside the database, how many annotations the database held
 * after the last write (the background gives it extension storage). If the browser resets or
 * loses part of the database, the next open finds fewer, and the reader is told.
 */
export interface Ledger {
  expected(): Promise<number | undefined>;
  record(count: number): Promise<void>;
  /** `missing` annotations that were stored are gone, not through Clearmark; the backup has `restorable` of them. */
  reportLoss(missing: number, restorable: number): Promise<void>;
}

export interface ConnectionOptions {
  name?: string;
  /** Refuse writes while the storage estimate leaves less than this many bytes (see refuseWhenDiskNearlyFull); 0: no reserve. */
  diskReserve?: number;
  estimate?: () => Promise<StorageEstimate | undefined>;
  ledger?: Ledger;
  backup?: Backup;
}

/**
 * The background's connection to the database. Opened on first use and opened afresh when the
 * one we had is gone: the browser closed it (storage cleared, a disk error), a newer version
 * needed it, the open itself failed (a full disk), or a write failed in a way that can leave the
 * browser's backing store broken. Without this a single failure would stick until the MV3
 * worker happened to restart, and every save in between would fail.
 */
export class Connection {
  private current: Promise<Database> | undefined;
  // Ledger updates run one after another, each counting when it runs, so the last one written
  // is the count after the last write (never an older, larger one: that would be a false alarm).
  private ledgerUpdates: Promise<void> = Promise.resolve();

  private readonly name: string;
  private readonly diskReserve: number;
  private readonly estimate: () => Promise<StorageEstimate | undefined>;
  private readonly ledger?: Ledger;
  private readonly backup?: Backup;
  /** Parts of large imports waiting for their last message. */
  private readonly staging = new ImportStaging();

  constructor(options: ConnectionOptions = {}) {
    this.name = options.name ?? DB_NAME;
    this.diskReserve = options.diskReserve ?? 0;
    this.estimate = options.estimate ?? (async () => globalThis.navigator?.storage?.estimate?.());
    this.ledger = options.ledger;
    this.backup = options.backup;
  }

  get(): Promise<Database> {
    if (!this.current) {
      // Through a promise, so an open that throws at once (a broken backing store) is a rejection.
      const opening: Promise<Database> = Promise.resolve()
        .then(() => openDatabase(this.name, () => this.closed(opening)))
        .then(async (db) => {
          await this.checkLedger(db);
          return db;
        });
      this.current = opening;
      opening.catch(() => this.forget(opening));
    }
    return this.current;
  }

  /**
   * The connection ended (the browser closed it, or stepped aside for a newer version or a
   * deletion). With a ledger (the background), open again shortly after, so a database the
   * browser lost is noticed even if the reader's next action only reads.
   */
  private closed(which: Promise<Database>) {
    this.forget(which);
    if (this.ledger) setTimeout(() => void this.get().catch(() => {}), REOPEN_AFTER_CLOSE_MS);
  }

  /** On every open: fewer annotations than after our last write means the browser lost some. */
  private async checkLedger(db: Database) {
    if (this.ledger) {
      await this.ledgerUpdates;
      const [expected, count] = await Promise.all([this.ledger.expected().catch(() => undefined), db.count('annotations')]);
      if (expected !== undefined && count < expected) {
        // Keep the backup's copy of what was lost until the reader restores or forgets it.
        await this.backup?.hold().catch(() => {});
        const restorable = this.backup ? (await this.backup.missingFrom(db).catch(() => [])).length : 0;
        await this.ledger.reportLoss(expected - count, restorable).catch(() => {});
      }
      if (expected !== count) await this.ledger.record(count).catch(() => {});
    }
    await this.backup?.ensureComplete(db).catch(() => {});
  }

  /**
   * The ledger must never claim more than is stored, or a worker stopped between a delete and
   * its ledger update would report a loss that did not happen. So it goes down first.
   */
  private async lowerLedgerBeforeDelete(db: Database) {
    const ledger = this.ledger;
    if (!ledger) return;
    this.ledgerUpdates = this.ledgerUpdates.then(async () => ledger.record(Math.max(0, (await db.count('annotations')) - 1))).catch(() => {});
    await this.ledgerUpdates;
  }

  private updateLedger(db: Database) {
    const ledger = this.ledger;
    if (!ledger) return;
    this.ledgerUpdates = this.ledgerUpdates.then(async () => ledger.record(await db.count('annotations'))).catch(() => {});
  }

  /** Answers one request; any failure comes back as a message for the reader. */
  async answer<R extends Request>(request: R): Promise<ResponseMap[R['type']] | ErrorResponse> {
    const refused = WRITES.has(request.type) || request.type === 'page/visit' ? await this.refuseWhenDiskNearlyFull() : undefined;
    if (refused && request.type === 'page/visit') {
      // Reading needs no space: the page still gets its highlights, without the visit record.
      return this.answer({ type: 'annotations/forPage', pageKey: request.page.key }) as Promise<ResponseMap[R['type']] | ErrorResponse>;
    }
    if (refused) return { error: refused };
    if (request.type === 'backup/restore' || request.type === 'backup/forget') return this.answerBackup(request) as Promise<ResponseMap[R['type']] | ErrorResponse>;
    if (request.type === 'annotations/importPart') return this.staging.add(request.importId, request.annotations, request.pages) as ResponseMap[R['type']] | ErrorResponse;
    if (request.type === 'annotations/import' && request.importId) {
      // The last message of a large import: every part, committed together.
      const all = this.staging.take(request.importId, request.annotations, request.pages);
      if ('error' in all) return all;
      return this.answer({ type: 'annotations/import', annotations: all.annotations, pages: all.pages } as R);
    }
    const first = await this.answerOnce(request);
    // Caught on a connection the browser had closed (Firefox does so after a full disk): ask
    // once more on a fresh one, for the real answer. Safe to repeat: every request is idempotent
    // (creates carry their id, imports merge by id).
    return first.closed ? (await this.answerOnce(request)).response : first.response;
  }

  private async answerOnce<R extends Request>(request: R): Promise<{ response: ResponseMap[R['type']] | ErrorResponse; closed: boolean }> {
    const opening = this.get();
    let db: Database;
    try {
      db = await opening;
    } catch (err) {
      return { response: { error: `Clearmark could not open its database. ${describeStorageError(err)}` }, closed: false };
    }
    if (request.type === 'annotation/delete') await this.lowerLedgerBeforeDelete(db);
    let closed = false;
    let failed = false;
    const response = await answerRequest(db, request, (err) => {
      failed = true;
      if (!mayHaveBrokenConnection(err)) return;
      // Start from a fresh connection next time; this one may be dead without a close event.
      this.forget(opening);
      db.close();
      closed = err instanceof DOMException && err.name === 'InvalidStateError';
    });
    if (!failed) {
      if (CHANGES_COUNT.has(request.type)) this.updateLedger(db);
      const pageKeys = pageKeysWritten(request, response);
      if (this.backup && pageKeys.length) void this.backup.copyPages(db, pageKeys, request.type === 'annotation/delete' ? [request.id] : []);
    }
    return { response, closed };
  }

  /** The reader's answer to a loss: restore from the backup, or let the lost annotations go. */
  private async answerBackup(request: Extract<Request, { type: 'backup/restore' | 'backup/forget' }>): Promise<ResponseMap['backup/restore'] | ResponseMap['backup/forget'] | ErrorResponse> {
    const backup = this.backup;
    if (!backup) return { error: 'Clearmark keeps no backup here.' };
    try {
      const db = await this.get();
      if (request.type === 'backup/forget') {
        await backup.forget(db);
        return { ok: true };
      }
      const { restored, pageKeys } = await backup.restoreInto(db);
      this.updateLedger(db);
      return { restored, pageKeys };
    } catch (err) {
      return { error: describeStorageError(err) };
    }
  }

  /**
   * Chromium gives an extension with unlimitedStorage a quota of exactly its usage plus the free
   * disk space, and writes it to the last byte. Writes that hit a full disk can damage its
   * database: in our tests Chromium then reset it, losing saved highlights. So there we stop
   * writing while little disk is left, and say why. Firefox's estimate is its own limit, not
   * the disk, and it fails cleanly at a full disk: the background passes no reserve there.
   */
  private async refuseWhenDiskNearlyFull(): Promise<string | undefined> {
    if (this.diskReserve <= 0) return undefined;
    const estimate = await this.estimate().catch(() => undefined);
    if (estimate?.quota === undefined || estimate.usage === undefined) return undefined;
    const left = estimate.quota - estimate.usage;
    if (!Number.isFinite(left) || left >= this.diskReserve) return undefined;
    return `Your disk is almost full (${(Math.max(0, left) / 1e6).toFixed(1)} MB free), so Clearmark did not save this: writing to a full disk can damage the browser's storage. Free some disk space, then try again.`;
  }

  private forget(which: Promise<Database>) {
    if (this.current === which) this.current = undefined;
  }
}

/** Where the storage estimate is the free disk (Chromium), writes stop below this much. */
export const DISK_RESERVE_BYTES = 32 * 1024 * 1024;

/** Long enough for the deletion or upgrade that closed us to go first. */
const REOPEN_AFTER_CLOSE_MS = 500;

const WRITES = new Set<Request['type']>(['annotation/create', 'annotation/update', 'annotation/restore', 'annotations/import', 'backup/restore']);
const CHANGES_COUNT = new Set<Request['type']>(['annotation/create', 'annotation/restore', 'annotations/import', 'annotation/delete']);

/** Errors after which the connection may be unusable (the browser's backing store failed, or it was closed). */
function mayHaveBrokenConnection(err: unknown): boolean {
  return err instanceof DOMException && ['UnknownError', 'InvalidStateError', 'AbortError'].includes(err.name);
}
