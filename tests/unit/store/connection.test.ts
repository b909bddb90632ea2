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
    const c = new Connection(`conn-${++n}`);
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
    const c = new Connection(`conn-${++n}`);
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
    const c = new Connection(`conn-${++n}`);
    await c.answer(create('kept'));
    (await c.get()).close(); // as Firefox leaves it after a full disk: closed, no close event
    expect(await c.answer(create('after the close'))).toHaveProperty('annotation');
    expect(await quotes(c)).toEqual(['after the close', 'kept']);
  });

  it('refuses writes while the disk is nearly full, says why, and still gives a page its highlights', async () => {
    let free = 1_000_000_000;
    const c = new Connection(`conn-${++n}`, DISK_RESERVE_BYTES, disk(() => free));
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
    expect(await new Connection(`conn-${++n}`, DISK_RESERVE_BYTES, async () => undefined).answer(create('saved'))).toHaveProperty('annotation');
    expect(await new Connection(`conn-${++n}`, 0, disk(() => 1000)).answer(create('saved'))).toHaveProperty('annotation');
  });
});
