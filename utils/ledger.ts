import { storage } from 'wxt/utils/storage';
import type { BackupArea, Ledger } from '@/src/store';

/**
 * Outside the database, in extension storage: how many annotations the database held after the
 * background's last write, a notice when the browser has lost some (see Ledger in
 * src/store/connection.ts), and the area of the backup (src/store/backup.ts). In utils/ because
 * it uses extension APIs; the popup reads the notice.
 */
const storedCount = storage.defineItem<number | null>('local:annotationCount', { fallback: null });

export interface LossNotice {
  missing: number;
  /** How many of them Clearmark's own copy can put back. */
  restorable: number;
  /** When the background found them missing (ms since the epoch). */
  at: number;
}
export const lossNotice = storage.defineItem<LossNotice | null>('local:lossNotice', { fallback: null });

export const extensionLedger: Ledger = {
  expected: async () => (await storedCount.getValue()) ?? undefined,
  record: (count) => storedCount.setValue(count),
  async reportLoss(missing, restorable) {
    const earlier = await lossNotice.getValue();
    // Losses add up until the reader has answered; the copy is counted afresh each time.
    await lossNotice.setValue({ missing: missing + (earlier?.missing ?? 0), restorable, at: Date.now() });
  },
};

/** The backup's area: extension storage, a store of its own on disk, apart from IndexedDB. */
export const extensionBackupArea: BackupArea = {
  get: (keys) => browser.storage.local.get(keys),
  set: (items) => browser.storage.local.set(items),
  remove: (keys) => browser.storage.local.remove(keys),
};
