/**
 * How Clearmark's records become CouchDB documents. One document per annotation and one per
 * page record; each holds only ciphertext (see crypto.ts):
 *
 *   { _id: "a:<annotation uuid>", v: 1, iv, ct }   an annotation (its id is random already)
 *   { _id: "p:<HMAC of the page key>", v: 1, iv, ct }   a page record (the id hides the URL)
 *   { _id: "clearmark-key", salt, iterations, iv, ct }   the key check (see key-check.ts)
 *
 * A delete is a CouchDB tombstone of the annotation's document, so it replicates like an edit.
 */
import type { Annotation, PageInfo, PageRecord } from '../messages';
import { annotationSchema, pageInfoSchema } from '../protocol-schema';
import { blindId, open, seal, type Sealed, type SyncKeys } from './crypto';
import type { PouchDoc } from './pouch';

export const DOC_VERSION = 1;
export const ANNOTATION_PREFIX = 'a:';
export const PAGE_PREFIX = 'p:';

export const annotationDocId = (id: string) => ANNOTATION_PREFIX + id;
export const annotationIdOf = (docId: string) => docId.slice(ANNOTATION_PREFIX.length);
export const isAnnotationDoc = (docId: string) => docId.startsWith(ANNOTATION_PREFIX);
export const isPageDoc = (docId: string) => docId.startsWith(PAGE_PREFIX);

export async function pageDocId(keys: SyncKeys, pageKey: string): Promise<string> {
  return PAGE_PREFIX + (await blindId(keys, pageKey));
}

/** A page record as synced: the time of the last visit stays on each device (it changes on every visit). */
export function pageInfoOf(page: PageRecord | PageInfo): PageInfo {
  const { lastSeen: _lastSeen, ...info } = page as PageRecord;
  return info;
}

export async function encryptDoc(keys: SyncKeys, docId: string, value: Annotation | PageInfo): Promise<PouchDoc> {
  const sealed = await seal(keys, docId, value);
  return { _id: docId, v: DOC_VERSION, ...sealed };
}

/**
 * The record in a synced document, checked like an import: decryption proves it was written
 * with our key, the schema that it is a record this version understands.
 */
export async function decryptAnnotation(keys: SyncKeys, doc: PouchDoc): Promise<Annotation> {
  const value = await open(keys, doc._id, sealedOf(doc));
  const annotation = annotationSchema.parse(value);
  if (annotationDocId(annotation.id) !== doc._id) throw new Error(`Document ${doc._id} holds another annotation`);
  return annotation;
}

export async function decryptPage(keys: SyncKeys, doc: PouchDoc): Promise<PageInfo> {
  const page = pageInfoSchema.parse(await open(keys, doc._id, sealedOf(doc)));
  if ((await pageDocId(keys, page.key)) !== doc._id) throw new Error(`Document ${doc._id} holds another page`);
  return page;
}

function sealedOf(doc: PouchDoc): Sealed {
  if (typeof doc.iv !== 'string' || typeof doc.ct !== 'string') throw new Error(`Document ${doc._id} is not a Clearmark document`);
  return { iv: doc.iv, ct: doc.ct };
}

/**
 * A short fingerprint of a record's content, to tell whether it changed since the last sync.
 * Keys are sorted so the same content always gives the same text. Not a security measure:
 * it never leaves the browser.
 */
export function fingerprint(value: unknown): string {
  const text = canonicalJson(value);
  return hash53(text, 1).toString(16).padStart(14, '0') + hash53(text, 2).toString(16).padStart(14, '0');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** cyrb53: a fast 53-bit string hash (public domain). */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
