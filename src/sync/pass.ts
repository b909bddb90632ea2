/**
 * One sync pass, bounded and resumable (an MV3 service worker may stop at any moment):
 *
 *   1. push: what changed in the local store since the last pass is encrypted into the replica
 *      (a local PouchDB), each edit as a child of the revision last synced;
 *   2. replicate: the replica with the server, both ways, one-shot (PouchDB's own replication,
 *      which checkpoints, so a pass cut short resumes where it stopped);
 *   3. apply: what arrived in the replica is decrypted into the local store.
 *
 * Edits on two devices become two branches of the same document: CouchDB picks the same
 * winner everywhere, the store gets the winner, and the other version stays in the replica as
 * a conflict the reader can see and choose from (conflicts.ts).
 *
 * Every step is safe to repeat: a revision is named by its parent and content, so pushing the
 * same change twice writes the same revision.
 */
import { annotationDocId, annotationIdOf, decryptAnnotation, decryptPage, encryptDoc, fingerprint, isAnnotationDoc, isPageDoc, pageDocId, pageInfoOf } from './docs';
import type { Annotation } from '../messages';
import type { SyncKeys } from './crypto';
import type { LocalStore } from './local-store';
import { isNotFound, type PouchDoc, type PouchLike } from './pouch';
import { loadShadow, saveShadow, type Shadow, type ShadowItem } from './shadow';

export interface PassReport {
  /** Documents written to the server. */
  sent: number;
  /** Changes from other devices written to the local store. */
  received: number;
  /** Documents with conflicting versions now. */
  conflicts: number;
  /** Documents that could not be decrypted or read (left out). */
  unreadable: number;
}

export interface PassContext {
  local: LocalStore;
  replica: PouchLike;
  remote: PouchLike;
  keys: SyncKeys;
  /** Page keys whose annotations or record this pass changed locally (to repaint tabs). */
  onLocalChange?: (pageKey: string) => void;
}

const BATCH = 200;

export async function syncPass(ctx: PassContext): Promise<PassReport> {
  const shadow = await loadShadow(ctx.replica);
  await pushLocalChanges(ctx, shadow);
  await saveShadow(ctx.replica, shadow);
  const sent = await ctx.replica.replicate.to(ctx.remote, { batch_size: BATCH });
  await ctx.replica.replicate.from(ctx.remote, { batch_size: BATCH });
  const { received, unreadable } = await applyReplicaChanges(ctx, shadow);
  return { sent: sent.docs_written, received, conflicts: shadow.conflicts.length, unreadable };
}

/** Step 1: local edits, creates and deletes since the last pass, into the replica. */
export async function pushLocalChanges(ctx: PassContext, shadow: Shadow): Promise<number> {
  const { annotations, pages } = await ctx.local.all();
  const writes: PouchDoc[] = [];
  const present = new Set<string>();
  const changed = async (docId: string, value: object | null) => {
    present.add(docId);
    const fp = value ? fingerprint(value) : null;
    const last = shadow.items[docId];
    if ((last?.fp ?? null) === fp) return;
    if (await replicaAlreadyHas(ctx, docId, last, fp, shadow)) return;
    const doc = value ? await encryptDoc(ctx.keys, docId, value as never) : { _id: docId, _deleted: true };
    writes.push(await asChildOf(ctx.replica, doc, last, fp));
  };
  for (const a of annotations) await changed(annotationDocId(a.id), a);
  for (const p of pages) await changed(await pageDocId(ctx.keys, p.key), pageInfoOf(p));
  // Known annotations the store no longer has were deleted here: their documents get tombstones.
  for (const [docId, item] of Object.entries(shadow.items))
    if (isAnnotationDoc(docId) && !present.has(docId) && item.fp !== null) await changed(docId, null);
  for (let i = 0; i < writes.length; i += BATCH) await ctx.replica.bulkDocs(writes.slice(i, i + BATCH), { new_edits: false });
  for (const doc of writes) shadow.items[doc._id] = { rev: doc._rev!, fp: doc._deleted ? null : (doc.fp as string) };
  for (const doc of writes) delete doc.fp;
  return writes.length;
}

/**
 * The replica's winner already holds this content (the store was written by a pass that
 * stopped before it saved its shadow): nothing to push, or we would make a conflict with ourselves.
 */
async function replicaAlreadyHas(ctx: PassContext, docId: string, last: ShadowItem | undefined, fp: string | null, shadow: Shadow): Promise<boolean> {
  let doc: PouchDoc;
  try {
    doc = await ctx.replica.get(docId);
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
  if (doc._rev === last?.rev) return false;
  const content = await contentFingerprint(ctx.keys, doc);
  if (content !== fp) return false;
  shadow.items[docId] = { rev: doc._rev!, fp };
  return true;
}

async function contentFingerprint(keys: SyncKeys, doc: PouchDoc): Promise<string | null | undefined> {
  if (doc._deleted) return null;
  try {
    return fingerprint(isAnnotationDoc(doc._id) ? await decryptAnnotation(keys, doc) : pageInfoOf(await decryptPage(keys, doc)));
  } catch {
    return undefined;
  }
}

/**
 * A new revision whose parent is the one last synced (or a first revision). Written with
 * `new_edits: false`, so when the replica has moved on from that parent (another device's edit
 * arrived), the two become conflicting branches instead of one overwriting the other.
 */
async function asChildOf(replica: PouchLike, doc: PouchDoc, last: ShadowItem | undefined, fp: string | null): Promise<PouchDoc> {
  let ancestors: string[] = [];
  let start = 1;
  if (last) {
    try {
      const parent = await replica.get(doc._id, { rev: last.rev, revs: true });
      if (parent._revisions) {
        ancestors = parent._revisions.ids;
        start = parent._revisions.start + 1;
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  const hash = fingerprint([last?.rev ?? null, fp, doc._deleted ?? false]);
  return { ...doc, _rev: `${start}-${hash}`, _revisions: { start, ids: [hash, ...ancestors] }, fp };
}

/** Step 3: what the replica got since the last pass, into the local store. */
export async function applyReplicaChanges(ctx: PassContext, shadow: Shadow): Promise<{ received: number; unreadable: number }> {
  let received = 0;
  let unreadable = 0;
  const conflicts = new Set(shadow.conflicts);
  for (;;) {
    const batch = await ctx.replica.changes({ since: shadow.seq, limit: BATCH, include_docs: true, conflicts: true });
    try {
      for (const change of batch.results) {
        const doc = change.doc;
        if (!doc || !(isAnnotationDoc(doc._id) || isPageDoc(doc._id))) continue;
        if (doc._conflicts?.length) conflicts.add(doc._id);
        else conflicts.delete(doc._id);
        const outcome = await applyDoc(ctx, shadow, doc);
        if (outcome === 'written') received++;
        if (outcome === 'unreadable') unreadable++;
      }
    } catch (err) {
      // The store refused a write (e.g. a full disk): keep what was applied, but not the
      // sequence, so the next pass sees this batch again (what was applied is then 'same').
      shadow.conflicts = [...conflicts];
      await saveShadow(ctx.replica, shadow);
      throw err;
    }
    shadow.seq = batch.last_seq;
    shadow.conflicts = [...conflicts];
    // Saved per batch: a pass that stops here resumes from this point.
    await saveShadow(ctx.replica, shadow);
    if (batch.results.length < BATCH) break;
  }
  return { received, unreadable };
}

type Outcome = 'written' | 'same' | 'kept-local' | 'unreadable';

async function applyDoc(ctx: PassContext, shadow: Shadow, doc: PouchDoc): Promise<Outcome> {
  const last = shadow.items[doc._id];
  if (last?.rev === doc._rev) return 'same';
  if (isPageDoc(doc._id)) {
    if (doc._deleted) return 'same'; // page records are never deleted by Clearmark
    const page = await decryptPage(ctx.keys, doc).catch(() => undefined);
    if (!page) return 'unreadable';
    await ctx.local.putPage(page);
    shadow.items[doc._id] = { rev: doc._rev!, fp: fingerprint(page) };
    ctx.onLocalChange?.(page.key);
    return 'written';
  }
  const id = annotationIdOf(doc._id);
  let remote: Annotation | null;
  try {
    remote = doc._deleted ? null : await decryptAnnotation(ctx.keys, doc);
  } catch {
    return 'unreadable'; // not ours to read (another key, a newer format): left out, counted
  }
  const remoteFp = remote ? fingerprint(remote) : null;
  const current = await ctx.local.getAnnotation(id);
  const currentFp = current ? fingerprint(current) : null;
  if (currentFp === remoteFp) {
    shadow.items[doc._id] = { rev: doc._rev!, fp: remoteFp };
    return 'same';
  }
  // Changed here since the last pass too: keep the local edit; the next pass pushes it as a
  // second branch, and the reader sees the conflict.
  if (currentFp !== (last?.fp ?? null)) return 'kept-local';
  if (remote) await ctx.local.putAnnotation(remote);
  else await ctx.local.deleteAnnotation(id);
  shadow.items[doc._id] = { rev: doc._rev!, fp: remoteFp };
  ctx.onLocalChange?.((remote ?? current)!.pageKey);
  return 'written';
}
