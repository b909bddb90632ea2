import { storage } from 'wxt/utils/storage';
import type { Ledger } from '@/src/store';

/**
 * Outside the database, in extension storage: how many annotations the database held after the
 * background's last write, and a notice when the browser has lost some (see Ledger in
 * src/store/connection.ts). In utils/ because it uses extension APIs; the popup reads the notice.
 */
const storedCount = storage.defineItem<number | null>('local:annotationCount', { fallback: null });

export interface LossNotice {
  missing: number;
  /** When the background found them missing (ms since the epoch). */
  at: number;
}
export const lossNotice = storage.defineItem<LossNotice | null>('local:lossNotice', { fallback: null });

export const extensionLedger: Ledger = {
  expected: async () => (await storedCount.getValue()) ?? undefined,
  record: (count) => storedCount.setValue(count),
  async reportLoss(missing) {
    const earlier = await lossNotice.getValue();
    // Losses add up until the reader has seen them.
    await lossNotice.setValue({ missing: missing + (earlier?.missing ?? 0), at: Date.now() });
  },
};
