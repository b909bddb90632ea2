/**
 * Conflicts: the same annotation changed on two devices before they synced. CouchDB keeps both
 * versions and picks the same winner everywhere (the local store has the winner); here the
 * reader sees every version and chooses one, and the others are removed everywhere.
 */
import type { Annotation } from '../messages';
import type { SyncKeys } from './crypto';
import { annotationDocId, annotationIdOf, decryptAnnotation, isAnnotationDoc } from './docs';
import type { LocalStore } from './local-store';
import { isNotFound, type PouchLike } from './pouch';
import { loadShadow } from './shadow';

export interface ConflictVersion {
  rev: string;
  /** CouchDB's winner, the version the store holds now. */
  current: boolean;
  annotation: Annotation;
}

export interface Conflict {
  id: string;
  versions: ConflictVersion[];
}

/** The annotations changed on two devices, each with all its versions (the current one first). */
export async function listConflicts(replica: PouchLike, keys: SyncKeys): Promise<Conflict[]> {
  const shadow = await loadShadow(replica);
  const out: Conflict[] = [];
  for (const docId of shadow.conflicts) {
    if (!isAnnotationDoc(docId)) continue;
    const versions = await versionsOf(replica, keys, docId);
    if (versions.length > 1) out.push({ id: annotationIdOf(docId), versions });
  }
  return out;
}

async function versionsOf(replica: PouchLike, keys: SyncKeys, docId: string): Promise<ConflictVersion[]> {
  let winner;
  try {
    winner = await replica.get(docId, { conflicts: true });
  } catch (err) {
    if (isNotFound(err)) return []; // deleted since
    throw err;
  }
  const versions: ConflictVersion[] = [{ rev: winner._rev!, current: true, annotation: await decryptAnnotation(keys, winner) }];
  for (const rev of winner._conflicts ?? []) {
    const doc = await replica.get(docId, { rev });
    if (!doc._deleted) versions.push({ rev, current: false, annotation: await decryptAnnotation(keys, doc) });
  }
  return versions;
}

/**
 * The reader chose `keepRev`. The other branches are closed (a tombstone on each, the CouchDB
 * way) and, if the chosen version was not the winner, it becomes the store's content: the next
 * pass pushes it as the new winner everywhere. Returns the annotation now in the store.
 */
export async function resolveConflict(replica: PouchLike, keys: SyncKeys, local: LocalStore, id: string, keepRev: string, now = Date.now()): Promise<Annotation> {
  const docId = annotationDocId(id);
  const versions = await versionsOf(replica, keys, docId);
  const chosen = versions.find((v) => v.rev === keepRev);
  if (!chosen) throw new Error('That version of the annotation is no longer there; open the list again.');
  for (const v of versions) if (!v.current) await replica.remove(docId, v.rev);
  if (chosen.current) return chosen.annotation;
  const kept = { ...chosen.annotation, updated: Math.max(now, chosen.annotation.updated) };
  await local.putAnnotation(kept);
  return kept;
}
