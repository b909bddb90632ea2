/**
 * What the last sync left, per document: the revision both sides agreed on and the fingerprint
 * of its content. Comparing the local store with it tells what changed locally since (a write,
 * or a delete); comparing the replica with it tells what arrived from other devices. Kept in a
 * `_local` document of the replica, which never replicates.
 */
import { isConflict, isNotFound, type PouchLike } from './pouch';

export const SHADOW_ID = '_local/clearmark-shadow';

export interface ShadowItem {
  /** The revision last synced with the local store. */
  rev: string;
  /** Fingerprint of its content; null for a delete. */
  fp: string | null;
}

export interface Shadow {
  _rev?: string;
  /** How far the replica's changes feed has been applied to the local store. */
  seq: number | string;
  items: Record<string, ShadowItem>;
  /** Documents with conflicting versions, to show the reader. */
  conflicts: string[];
}

export async function loadShadow(replica: PouchLike): Promise<Shadow> {
  try {
    const doc = (await replica.get(SHADOW_ID)) as unknown as Shadow;
    return { _rev: doc._rev, seq: doc.seq ?? 0, items: doc.items ?? {}, conflicts: doc.conflicts ?? [] };
  } catch (err) {
    if (isNotFound(err)) return { seq: 0, items: {}, conflicts: [] };
    throw err;
  }
}

export async function saveShadow(replica: PouchLike, shadow: Shadow): Promise<void> {
  try {
    const saved = await replica.put({ _id: SHADOW_ID, ...shadow });
    shadow._rev = saved.rev;
  } catch (err) {
    // Only one pass runs at a time; a conflict means our copy is stale, so re-read the revision and retry once.
    if (!isConflict(err)) throw err;
    shadow._rev = (await loadShadow(replica))._rev;
    const saved = await replica.put({ _id: SHADOW_ID, ...shadow });
    shadow._rev = saved.rev;
  }
}
