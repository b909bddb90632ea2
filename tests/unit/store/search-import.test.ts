import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/src/store';
import { answerRequest } from '@/src/store/requests';
import { importAnnotations } from '@/src/store/annotations';
import { SearchIndex, allTags, counts, recentGroups } from '@/src/store/search';
import { parseRequest } from '@/src/protocol-schema';
import type { Annotation, PageInfo } from '@/src/messages';

let n = 0;
const freshDb = () => openDatabase(`search-${++n}`);
const pageOf = (i: number): PageInfo => ({ key: `https://news.example/${i}`, url: `https://news.example/${i}`, title: `Story ${i}` });
const ann = (i: number, p: number, over: Partial<Annotation> = {}): Annotation => ({
  id: `id-${String(i).padStart(4, '0')}`,
  pageKey: pageOf(p).key,
  selectors: [{ type: 'TextQuoteSelector', exact: `quote ${i}`, prefix: '', suffix: '' }, { type: 'TextPositionSelector', start: 1000 - i, end: 1010 - i }],
  colour: i % 2 ? 'blue' : 'yellow',
  note: i % 3 === 0 ? `note about Tariffs ${i}` : '',
  tags: i % 5 === 0 ? ['economy'] : [],
  created: i,
  updated: i,
  ...over,
});

async function seed(db: Database, count: number, pages: number) {
  const annotations = Array.from({ length: count }, (_, i) => ann(i, i % pages));
  await importAnnotations(db, annotations, Array.from({ length: pages }, (_, p) => pageOf(p)));
  return annotations;
}

describe('annotation list queries', () => {
  it('pages through groups newest first, each page once, with all of its annotations in reading order', async () => {
    const db = await freshDb();
    await seed(db, 100, 10);
    const first = await recentGroups(db, 3);
    expect(first.groups.map((g) => g.key)).toEqual([pageOf(9).key, pageOf(8).key, pageOf(7).key]);
    expect(first.groups[0]!.annotations.map((a) => a.id)).toEqual(['id-0099', 'id-0089', 'id-0079', 'id-0069', 'id-0059', 'id-0049', 'id-0039', 'id-0029', 'id-0019', 'id-0009']);
    expect(first.groups[0]!.total).toBe(10);
    expect(first.groups[0]!.newest).toBe(99);
    const keys = first.groups.map((g) => g.key);
    let next = first.next;
    while (next) {
      const more = await recentGroups(db, 3, next);
      keys.push(...more.groups.map((g) => g.key));
      next = more.next;
    }
    expect(keys).toEqual(Array.from({ length: 10 }, (_, i) => pageOf(9 - i).key));
    expect(await counts(db)).toEqual({ annotations: 100, pages: 10 });
    expect(await allTags(db)).toEqual(['economy']);
  });

  it('searches quotes, notes, titles and tags (every word), filters by colour and tag', async () => {
    const db = await freshDb();
    await seed(db, 100, 10);
    const index = await SearchIndex.load(db);
    const ids = (f: Parameters<SearchIndex['query']>[0]) => index.query(f).flatMap((g) => g.annotations.map((a) => a.id)).sort();
    expect(ids({ text: 'QUOTE 42' })).toEqual(['id-0042']);
    expect(ids({ text: 'tariffs' })).toHaveLength(34); // every third one has a note
    expect(ids({ text: 'Tariffs 99' })).toEqual(['id-0099']);
    expect(ids({ text: 'story', colour: 'yellow' })).toHaveLength(50);
    expect(ids({ text: 'Story 3', colour: 'blue' })).toContain('id-0013'); // by the page title
    expect(ids({ text: 'economy' })).toEqual(ids({ tag: 'economy' }));
    expect(ids({ tag: 'economy', colour: 'blue' }).every((id) => Number(id.slice(3)) % 10 === 5)).toBe(true);
    const groups = index.query({ text: 'tariffs' });
    expect(groups[0]!.total).toBe(10);
    expect(groups.map((g) => g.newest)).toEqual([...groups.map((g) => g.newest)].sort((a, b) => b - a));
    index.remove('id-0042');
    expect(ids({ text: 'quote 42' })).toEqual([]);
  });
});

describe('import and restore', () => {
  const req = (m: unknown) => {
    const p = parseRequest(m);
    if (!p.ok) throw new Error(p.error);
    return p.request;
  };

  it('merges known ids (newest wins) and adds new ones', async () => {
    const db = await freshDb();
    await seed(db, 3, 1);
    const res = await answerRequest(
      db,
      req({
        type: 'annotations/import',
        annotations: [ann(0, 0, { note: 'newer', updated: 50 }), ann(1, 0, { note: 'older', updated: 0 }), ann(7, 0)],
        pages: [pageOf(0)],
      }),
    );
    expect(res).toEqual({ added: 1, updated: 1, kept: 1, unchanged: 0, pageKeys: [pageOf(0).key] });
    expect((await db.get('annotations', 'id-0000'))!.note).toBe('newer');
    expect((await db.get('annotations', 'id-0001'))!.note).toBe('');
  });

  it('is all or nothing: one bad record and nothing is written', async () => {
    const db = await freshDb();
    await seed(db, 2, 1);
    const bad = { ...ann(9, 0), selectors: [] };
    const parsed = parseRequest({ type: 'annotations/import', annotations: [ann(5, 0), bad], pages: [] });
    expect(parsed.ok).toBe(false);
    // A failure inside the transaction (here: a record the store refuses) rolls everything back.
    const broken = { ...ann(6, 0), id: undefined } as unknown as Annotation;
    await expect(importAnnotations(db, [ann(5, 0), broken], [pageOf(1)])).rejects.toThrow();
    expect(await db.count('annotations')).toBe(2);
    expect(await db.get('pages', pageOf(1).key)).toBeUndefined();
  });

  it('restores a deleted annotation with its id', async () => {
    const db = await freshDb();
    const [a] = await seed(db, 1, 1);
    await answerRequest(db, { type: 'annotation/delete', id: a!.id });
    const res = await answerRequest(db, req({ type: 'annotation/restore', annotation: a }));
    expect(res).toEqual({ annotation: a });
    expect(await db.get('annotations', a!.id)).toEqual(a);
  });
});
