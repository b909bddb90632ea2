import { describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { openDatabase } from '@/src/store';
import { answerRequest } from '@/src/store/requests';
import { parseRequest } from '@/src/protocol-schema';
import { newAnnotationId, type ParsedRequest as Request } from '@/src/messages';

let n = 0;
const freshDb = () => openDatabase(`test-${++n}`);
const page = { key: 'https://news.example/a', url: 'https://news.example/a?utm_source=x', title: 'A story' };
const create = (exact: string, colour = 'yellow'): Request => {
  const parsed = parseRequest({
    type: 'annotation/create',
    page,
    annotation: { pageKey: page.key, colour, selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.request;
};

describe('background answers from the database', () => {
  it('stores an annotation with its page and gives it back for that page', async () => {
    const db = await freshDb();
    const created = await answerRequest(db, create('the hotline'));
    expect('annotation' in created && created.annotation.note).toBe('');
    const visit = await answerRequest(db, { type: 'page/visit', page });
    expect('annotations' in visit && visit.annotations.map((a) => a.selectors[0])).toEqual([
      { type: 'TextQuoteSelector', exact: 'the hotline', prefix: '', suffix: '' },
    ]);
    const all = await answerRequest(db, { type: 'annotations/all' });
    expect('pages' in all && all.pages.map((p) => p.title)).toEqual(['A story']);
  });

  it('with the disk full, a visit still gives the page its highlights; a new highlight is refused with what to do', async () => {
    const db = await freshDb();
    await answerRequest(db, create('kept passage'));
    const put = IDBObjectStore.prototype.put;
    const add = IDBObjectStore.prototype.add;
    const full = () => {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(full);
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(full);
    try {
      const visit = await answerRequest(db, { type: 'page/visit', page: { ...page, title: 'Renamed' } });
      expect('annotations' in visit && visit.annotations.map((a) => (a.selectors[0] as { exact: string }).exact)).toEqual(['kept passage']);
      const refused = await answerRequest(db, create('new passage'));
      expect(refused).toEqual({ error: expect.stringMatching(/out of storage space for Clearmark\. Free some disk space or delete old annotations, then try again/) });
    } finally {
      IDBObjectStore.prototype.put = put;
      IDBObjectStore.prototype.add = add;
      vi.restoreAllMocks();
    }
    const all = await answerRequest(db, { type: 'annotations/all' });
    expect('annotations' in all && all.annotations.map((a) => (a.selectors[0] as { exact: string }).exact)).toEqual(['kept passage']);
    expect('pages' in all && all.pages.map((p) => p.title)).toEqual(['A story']);
  });

  it('a visit or create from another site never moves a stored page record there', async () => {
    const db = await freshDb();
    await answerRequest(db, create('the hotline'));
    const elsewhere = { key: page.key, url: 'https://phish.example/a', title: 'Moved' };
    await answerRequest(db, { type: 'page/visit', page: elsewhere });
    const again = parseRequest({ type: 'annotation/create', page: elsewhere, annotation: { pageKey: page.key, colour: 'pink', selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] } });
    if (!again.ok) throw new Error(again.error);
    await answerRequest(db, again.request);
    const sameSite = { ...page, url: 'https://www.news.example/a', title: 'Renamed' };
    const all = await answerRequest(db, { type: 'annotations/all' });
    expect('pages' in all && all.pages.map((p) => p.url)).toEqual([page.url]);
    await answerRequest(db, { type: 'page/visit', page: sameSite });
    const after = await answerRequest(db, { type: 'annotations/all' });
    expect('pages' in after && after.pages.map((p) => [p.url, p.title])).toEqual([[sameSite.url, 'Renamed']]);
  });

  it('updates and deletes, and lists newest first', async () => {
    const db = await freshDb();
    const a = await answerRequest(db, create('first'));
    await new Promise((r) => setTimeout(r, 5));
    await answerRequest(db, create('second'));
    const id = 'annotation' in a ? a.annotation.id : '';
    await new Promise((r) => setTimeout(r, 5));
    const updated = await answerRequest(db, { type: 'annotation/update', id, patch: { note: 'why it matters', colour: 'blue' } });
    expect('annotation' in updated && [updated.annotation.note, updated.annotation.colour]).toEqual(['why it matters', 'blue']);
    let all = await answerRequest(db, { type: 'annotations/all' });
    expect('annotations' in all && all.annotations.map((x) => x.note)).toEqual(['why it matters', '']);
    const deleted = await answerRequest(db, { type: 'annotation/delete', id });
    expect(deleted).toEqual({ deleted: true, pageKey: page.key });
    all = await answerRequest(db, { type: 'annotations/all' });
    expect('annotations' in all && all.annotations).toHaveLength(1);
  });

  it('reports a failed write instead of swallowing it', async () => {
    const db = await freshDb();
    const r = await answerRequest(db, { type: 'annotation/update', id: 'missing', patch: { note: 'x' } });
    expect(r).toEqual({ error: 'No annotation with id missing' });
  });
});

describe('message validation', () => {
  it.each([
    ['not an object', 'hello'],
    ['unknown type', { type: 'db/drop' }],
    ['wrong field type', { type: 'annotation/delete', id: 42 }],
    ['bad colour', { type: 'annotation/create', page, annotation: { pageKey: 'k', colour: 'red', selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] } }],
    ['no selectors', { type: 'annotation/create', page, annotation: { pageKey: 'k', colour: 'yellow', selectors: [] } }],
  ])('rejects %s', (_, message) => {
    const r = parseRequest(message);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^Invalid message/);
  });
});

describe('creates carry their id', () => {
  it('stores a create sent twice (a retry after a lost answer) once', async () => {
    const db = await freshDb();
    const id = newAnnotationId();
    const parsed = parseRequest({
      type: 'annotation/create',
      page,
      annotation: { id, pageKey: page.key, colour: 'green', selectors: [{ type: 'TextQuoteSelector', exact: 'twice', prefix: '', suffix: '' }] },
    });
    if (!parsed.ok) throw new Error(parsed.error);
    const first = await answerRequest(db, parsed.request);
    const second = await answerRequest(db, parsed.request);
    expect(second).toEqual(first);
    expect('annotation' in first && first.annotation.id).toBe(id);
    const all = await answerRequest(db, { type: 'annotations/all' });
    expect('annotations' in all && all.annotations.map((a) => a.id)).toEqual([id]);
  });

  it('refuses an id that belongs to an annotation of another page', async () => {
    const db = await freshDb();
    const id = newAnnotationId();
    const make = (pageKey: string) => {
      const parsed = parseRequest({ type: 'annotation/create', page: { ...page, key: pageKey }, annotation: { id, pageKey, colour: 'green', selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] } });
      if (!parsed.ok) throw new Error(parsed.error);
      return answerRequest(db, parsed.request);
    };
    await make('https://a.example/1');
    expect(await make('https://b.example/2')).toEqual({ error: `The id ${id} belongs to another annotation` });
  });

  it('makes ids that are UUIDs and differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, newAnnotationId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseRequest({ type: 'annotation/create', page, annotation: { id: 'not-a-uuid', pageKey: 'k', colour: 'green', selectors: [{ type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' }] } }).ok).toBe(false);
  });
});

describe('a closed database', () => {
  it('steps aside for a newer version, says so, and the next open works with everything kept', async () => {
    const name = `closing-${++n}`;
    let closed = 0;
    const db = await openDatabase(name, () => closed++);
    await answerRequest(db, create('kept'));
    // Another connection asks for a newer version (an updated extension page): not blocked.
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 99);
      req.onblocked = () => reject(new Error('blocked by our open connection'));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(closed).toBe(1);
    newer.close();
    // A request on the old connection fails with a message, not silently.
    const failed = await answerRequest(db, create('lost?'));
    expect(failed).toHaveProperty('error');
    // …and the caller's next open sees what was stored.
    const again = await openDB(name);
    expect((await again.getAll('annotations')).map((a) => a.selectors[0].exact)).toEqual(['kept']);
    again.close();
  });
});
