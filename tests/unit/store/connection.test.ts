import { afterEach, describe, expect, it, vi } from 'vitest';
import { Connection, DISK_RESERVE_BYTES } from '@/src/store';
import { parseRequest } from '@/src/protocol-schema';
import type { ParsedRequest as Request } from '@/src/messages';

let n = 0;
const page = { key: 'https://news.example/a', url: 'https://news.example/a', title: 'A story' };
const request = (raw: unknown): Request => {
  const parsed = parseRequest(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.request;
};
const create = (exact: string) =>
  request({ type: 'annotation/create', page, annotation: { pageKey: page.key, colour: 'yellow', selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] } });
const quotes = async (c: Connection) => {
  const res = (await c.answer(request({ type: 'annotations/all' }))) as { annotations: { selectors: unknown[] }[] } | { error: string };
  if ('error' in res) throw new Error(res.error);
  return res.annotations.map((a) => (a.selectors[0] as { exact: string }).exact).sort();
};
/** A disk with `free` bytes left, as Chromium's storage estimate reports it for an unlimitedStorage extension. */
const disk = (free: () => number) => async () => ({ usage: 5_000_000, quota: 5_000_000 + free() });

afterEach(() => vi.restoreAllMocks());

describe('the background’s connection to the database', () => {
  it('opens again after an open that failed (a full disk), instead of failing every request after it', async () => {
    const c = new Connection({ name: `conn-${++n}` });
    const open = indexedDB.open.bind(indexedDB);
    vi.spyOn(indexedDB, 'open').mockImplementationOnce(() => {
      throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    }).mockImplementation(open);
    const first = await c.answer(create('first try'));
    expect(first).toEqual({ error: expect.stringMatching(/^Clearmark could not open its database\. .*free some disk space, then try again\.$/) });
    expect(await c.answer(create('second try'))).toHaveProperty('annotation');
    expect(await quotes(c)).toEqual(['second try']);
  });

  it('after a write the browser could not commit, the next request gets a fresh connection; nothing stored is lost', async () => {
    const c = new Connection({ name: `conn-${++n}` });
    await c.answer(create('kept'));
    const opens = vi.spyOn(indexedDB, 'open');
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw new DOMException('Internal error committing transaction.', 'UnknownError');
    }).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      return add.apply(this, args);
    });
    expect(await c.answer(create('failed'))).toEqual({ error: expect.stringMatching(/could not write to its storage .*the disk is full: free some disk space, then try again/) });
    expect(opens).not.toHaveBeenCalled();
    expect(await c.answer(create('after'))).toHaveProperty('annotation');
    expect(opens).toHaveBeenCalledTimes(1);
    expect(await quotes(c)).toEqual(['after', 'kept']);
  });

  it('a request caught on a connection the browser closed without telling is answered on a fresh one', async () => {
    const c = new Connection({ name: `conn-${++n}` });
    await c.answer(create('kept'));
    (await c.get()).close(); // as Firefox leaves it after a full disk: closed, no close event
    expect(await c.answer(create('after the close'))).toHaveProperty('annotation');
    expect(await quotes(c)).toEqual(['after the close', 'kept']);
  });

  it('refuses writes while the disk is nearly full, says why, and still gives a page its highlights', async () => {
    let free = 1_000_000_000;
    const c = new Connection({ name: `conn-${++n}`, diskReserve: DISK_RESERVE_BYTES, estimate: disk(() => free) });
    await c.answer(create('kept'));
    free = DISK_RESERVE_BYTES - 1;
    const told = /^Your disk is almost full \(33\.6 MB free\), so Clearmark did not save this: .*Free some disk space, then try again\.$/;
    expect(await c.answer(create('refused'))).toEqual({ error: expect.stringMatching(told) });
    const [kept] = (await c.answer(request({ type: 'annotations/all' })) as { annotations: { id: string }[] }).annotations;
    expect(await c.answer(request({ type: 'annotation/update', id: kept.id, patch: { note: 'x' } }))).toEqual({ error: expect.stringMatching(told) });
    const visit = await c.answer(request({ type: 'page/visit', page }));
    expect('annotations' in visit && visit.annotations.map((a) => a.id)).toEqual([kept.id]);
    expect(await quotes(c)).toEqual(['kept']);

    free = DISK_RESERVE_BYTES;
    expect(await c.answer(create('after freeing space'))).toHaveProperty('annotation');
    expect(await quotes(c)).toEqual(['after freeing space', 'kept']);
  });

  it('writes as usual where the browser gives no estimate, or with no reserve (Firefox) however little is left', async () => {
    expect(await new Connection({ name: `conn-${++n}`, diskReserve: DISK_RESERVE_BYTES, estimate: async () => undefined }).answer(create('saved'))).toHaveProperty('annotation');
    expect(await new Connection({ name: `conn-${++n}`, diskReserve: 0, estimate: disk(() => 1000) }).answer(create('saved'))).toHaveProperty('annotation');
  });
});

describe('the ledger: noticing when the browser lost part of the database', () => {
  /** The ledger as extension storage would keep it, outside the database. */
  const memoryLedger = () => {
    const ledger = { count: undefined as number | undefined, losses: [] as number[] };
    return {
      ledger,
      impl: {
        expected: async () => ledger.count,
        record: async (count: number) => void (ledger.count = count),
        reportLoss: async (missing: number) => void ledger.losses.push(missing),
      },
    };
  };
  const all = async (c: Connection) => (await c.answer(request({ type: 'annotations/all' })) as { annotations: { id: string }[] }).annotations;

  it('a database the browser emptied behind our back is reported with how many annotations are missing', async () => {
    const name = `ledger-${++n}`;
    const { ledger, impl } = memoryLedger();
    const c = new Connection({ name, ledger: impl });
    for (const q of ['one', 'two', 'three']) await c.answer(create(q));
    await vi.waitFor(() => expect(ledger.count).toBe(3));
    (await c.get()).close();

    // The browser resets the database (as Chromium did at a full disk).
    await new Promise<void>((resolve, reject) => {
      const del = indexedDB.deleteDatabase(name);
      del.onsuccess = () => resolve();
      del.onerror = () => reject(del.error);
    });
    const restarted = new Connection({ name, ledger: impl }); // the worker starts again
    await restarted.get();
    expect(ledger.losses).toEqual([3]);
    expect(ledger.count).toBe(0);
    // Told once: the next start finds what the ledger says.
    await new Connection({ name, ledger: impl }).get();
    expect(ledger.losses).toEqual([3]);
  });

  it('no false alarm when the worker stops between a delete and its ledger update', async () => {
    const name = `ledger-${++n}`;
    const { ledger, impl } = memoryLedger();
    let stopped = false;
    const dying = { ...impl, record: async (count: number) => (stopped ? undefined : impl.record(count)) };
    const c = new Connection({ name, ledger: dying });
    for (const q of ['one', 'two', 'three']) await c.answer(create(q));
    await vi.waitFor(() => expect(ledger.count).toBe(3));
    // The worker is gone the moment the delete reaches the database: no ledger write after it.
    const del = IDBObjectStore.prototype.delete;
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['delete']>) {
      stopped = true;
      return del.apply(this, args);
    });
    const [first] = await all(c);
    await c.answer(request({ type: 'annotation/delete', id: first.id }));
    vi.restoreAllMocks();
    expect(await all(c)).toHaveLength(2);
    await new Connection({ name, ledger: impl }).get(); // the next start
    expect(ledger.losses).toEqual([]);
  });

  it('no false alarm from the reader’s own deletes, imports and restores, even all at once', async () => {
    const name = `ledger-${++n}`;
    const { ledger, impl } = memoryLedger();
    const c = new Connection({ name, ledger: impl });
    const created = await Promise.all(Array.from({ length: 40 }, (_, i) => c.answer(create(`q${i}`))));
    const ids = created.map((r) => (r as { annotation: { id: string } }).annotation.id);
    // Deletes and creates interleaved, all in flight together.
    await Promise.all([
      ...ids.slice(0, 25).map((id) => c.answer(request({ type: 'annotation/delete', id }))),
      ...Array.from({ length: 10 }, (_, i) => c.answer(create(`late${i}`))),
    ]);
    const [first] = await all(c);
    await c.answer(request({ type: 'annotation/delete', id: first.id }));
    expect((await all(c)).length).toBe(40 - 25 + 10 - 1);
    await vi.waitFor(() => expect(ledger.count).toBe(24));
    await new Connection({ name, ledger: impl }).get();
    expect(ledger.losses).toEqual([]);
  });
});
