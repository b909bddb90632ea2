// @vitest-environment node
/**
 * Upgrades: a database that schema version 1 wrote opens under the current version with every
 * record intact. The fixture (tests/fixtures/db-v1/dump.json, made by make.ts beside it through
 * the version-1 code path) is loaded into a version-1 database built by the version-1 migration
 * alone; then `openDatabase()` runs whatever migrations came after, and we compare a digest of
 * every record, field by field, and check the indexes still answer.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, allAnnotations, annotationsForPage, counts, openDatabase, updateAnnotation } from '@/src/store';
import { migrations } from '@/src/store/migrations';
import type { Annotation, PageRecord } from '@/src/messages';

interface Dump {
  version: number;
  stores: { annotations: Annotation[]; pages: PageRecord[] };
}
const dump: Dump = JSON.parse(readFileSync(new URL('../../fixtures/db-v1/dump.json', import.meta.url), 'utf8'));

/** A digest that does not depend on key order inside records nor on the order of records. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}
const digest = (records: unknown[], key: (r: never) => string) =>
  createHash('sha256')
    .update(
      records
        .map((r) => [key(r as never), JSON.stringify(canonical(r))] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([, s]) => s)
        .join('\n'),
    )
    .digest('hex');

let n = 0;
/** Writes the dump into a fresh database exactly as version 1 had it, and closes it. */
async function writeV1(): Promise<string> {
  const name = `upgrade-v1-${++n}`;
  const db = await openDB(name, 1, {
    upgrade(d, oldVersion, _newVersion, tx) {
      expect(oldVersion).toBe(0);
      migrations[0](d as never, tx as never);
    },
  });
  const tx = db.transaction(['annotations', 'pages'], 'readwrite');
  await Promise.all([
    ...dump.stores.annotations.map((a) => tx.objectStore('annotations').add(a)),
    ...dump.stores.pages.map((p) => tx.objectStore('pages').add(p)),
    tx.done,
  ]);
  expect(db.version).toBe(1);
  db.close();
  return name;
}

describe('upgrading a version-1 database', () => {
  it('the fixture is a real version-1 dump of 1,000 annotations', () => {
    expect(dump.version).toBe(1);
    expect(dump.stores.annotations).toHaveLength(1000);
    expect(new Set(dump.stores.annotations.map((a) => a.id)).size).toBe(1000);
    // Every annotation's page is there, and the dump has edited ones, notes, tags, non-Latin text.
    const keys = new Set(dump.stores.pages.map((p) => p.key));
    expect(dump.stores.annotations.every((a) => keys.has(a.pageKey))).toBe(true);
    expect(dump.stores.annotations.some((a) => a.updated > a.created)).toBe(true);
    expect(dump.stores.annotations.some((a) => a.tags.length > 0 && a.note.length > 0)).toBe(true);
    expect(dump.stores.annotations.some((a) => /[東🌊]/u.test(JSON.stringify(a)))).toBe(true);
  });

  it(`opens under version ${DB_VERSION} with every annotation and page intact`, async () => {
    const name = await writeV1();
    const db = await openDatabase(name);
    expect(db.version).toBe(DB_VERSION);
    const annotations = await db.getAll('annotations');
    const pages = await db.getAll('pages');
    expect(annotations).toHaveLength(dump.stores.annotations.length);
    expect(pages).toHaveLength(dump.stores.pages.length);
    expect(digest(annotations, (a: Annotation) => a.id)).toBe(digest(dump.stores.annotations, (a: Annotation) => a.id));
    expect(digest(pages, (p: PageRecord) => p.key)).toBe(digest(dump.stores.pages, (p: PageRecord) => p.key));
    // Record by record too, so a failure names the one that changed.
    const byId = new Map(annotations.map((a) => [a.id, a]));
    for (const a of dump.stores.annotations) expect(byId.get(a.id)).toEqual(a);
    db.close();
  });

  it('the indexes answer after the upgrade: per page, newest first, counts, tags', async () => {
    const db = await openDatabase(await writeV1());
    const firstPage = dump.stores.pages[0].key;
    const expected = dump.stores.annotations.filter((a) => a.pageKey === firstPage).map((a) => a.id).sort();
    expect((await annotationsForPage(db, firstPage)).map((a) => a.id).sort()).toEqual(expected);
    const all = await allAnnotations(db);
    expect(all.annotations).toHaveLength(1000);
    const updated = all.annotations.map((a) => a.updated);
    expect(updated).toEqual([...updated].sort((x, y) => y - x));
    expect(await counts(db)).toEqual({ annotations: 1000, pages: new Set(dump.stores.annotations.map((a) => a.pageKey)).size });
    const tagged = dump.stores.annotations.filter((a) => a.tags.includes('data')).length;
    expect(await db.countFromIndex('annotations', 'tags', 'data')).toBe(tagged);
    // And it is writable under the new version.
    const one = dump.stores.annotations[0];
    const next = await updateAnnotation(db, one.id, { note: 'after the upgrade' });
    expect(next).toMatchObject({ id: one.id, created: one.created, note: 'after the upgrade' });
    db.close();
  });

  it('opening again (already current) changes nothing', async () => {
    const name = await writeV1();
    (await openDatabase(name)).close();
    const db = await openDatabase(name);
    expect(digest(await db.getAll('annotations'), (a: Annotation) => a.id)).toBe(digest(dump.stores.annotations, (a: Annotation) => a.id));
    db.close();
  });
});
