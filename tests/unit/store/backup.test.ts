import { describe, expect, it } from 'vitest';
import { Backup, Connection, type BackupArea, type Ledger } from '@/src/store';
import { parseRequest } from '@/src/protocol-schema';
import type { Annotation, ParsedRequest as Request } from '@/src/messages';

let n = 0;
const request = (raw: unknown): Request => {
  const parsed = parseRequest(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.request;
};
const pageOf = (key: string) => ({ key, url: key, title: `Title of ${key}` });
const create = (exact: string, pageKey = 'https://news.example/a') =>
  request({ type: 'annotation/create', page: pageOf(pageKey), annotation: { pageKey, colour: 'yellow', note: `note on ${exact}`, selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] } });

/** Extension storage, in memory: what the backup and the ledger keep outside the database. */
function memoryStorage() {
  const items = new Map<string, unknown>();
  let failing = false;
  const area: BackupArea = {
    get: async (keys) => Object.fromEntries([...items].filter(([k]) => !keys || keys.includes(k)).map(([k, v]) => [k, structuredClone(v)])),
    set: async (set) => {
      if (failing) throw new Error('storage area refused the write');
      for (const [k, v] of Object.entries(set)) items.set(k, structuredClone(v));
    },
    remove: async (keys) => void keys.forEach((k) => items.delete(k)),
  };
  const notices: { missing: number; restorable: number }[] = [];
  let count: number | undefined;
  const ledger: Ledger = {
    expected: async () => count,
    record: async (c) => void (count = c),
    reportLoss: async (missing, restorable) => void notices.push({ missing, restorable }),
  };
  return { area, ledger, notices, fail: (on: boolean) => (failing = on) };
}

/** A worker start: a new connection and backup over the same database and storage. */
let backup: Backup;
const start = (name: string, s: ReturnType<typeof memoryStorage>) => {
  backup = new Backup(s.area);
  return new Connection({ name, ledger: s.ledger, backup });
};
const all = async (c: Connection) => {
  const res = (await c.answer(request({ type: 'annotations/all' }))) as { annotations: Annotation[]; pages: { key: string }[] };
  return res;
};
const byId = (list: Annotation[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
/** The browser loses the database: deleted under a closed connection. */
async function loseDatabase(c: Connection, name: string) {
  (await c.get()).close();
  await new Promise<void>((resolve, reject) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = () => resolve();
    del.onerror = () => reject(del.error);
  });
}
/** Waits for the backup's copies (they follow each write, off the reader's path). */
const settle = () => backup.whenCopied();

describe('the backup: putting back what the browser lost', () => {
  it('restores every lost annotation and its page exactly, once the reader asks', async () => {
    const name = `backup-${++n}`;
    const s = memoryStorage();
    const c = start(name, s);
    await c.answer(create('one'));
    await c.answer(create('two'));
    await c.answer(create('three', 'https://news.example/b'));
    await c.answer(request({ type: 'annotation/update', id: (await all(c)).annotations[0].id, patch: { note: 'edited', tags: ['kept'] } }));
    await settle();
    const before = await all(c);

    await loseDatabase(c, name);
    const restarted = start(name, s);
    expect((await all(restarted)).annotations).toEqual([]);
    expect(s.notices).toEqual([{ missing: 3, restorable: 3 }]);

    const res = await restarted.answer(request({ type: 'backup/restore' }));
    expect(res).toEqual({ restored: 3, pageKeys: ['https://news.example/a', 'https://news.example/b'] });
    const after = await all(restarted);
    expect(byId(after.annotations)).toEqual(byId(before.annotations));
    expect(after.pages.map((p) => p.key).sort()).toEqual(before.pages.map((p) => p.key).sort());
    // Nothing more to report or restore on the next start.
    await settle();
    const again = start(name, s);
    expect((await all(again)).annotations).toHaveLength(3);
    expect(s.notices).toHaveLength(1);
    expect(await again.answer(request({ type: 'backup/restore' }))).toEqual({ restored: 0, pageKeys: [] });
  });

  it('while a loss waits for the reader, a new highlight on the page keeps the lost ones in the copy; what the reader deletes stays deleted', async () => {
    const name = `backup-${++n}`;
    const s = memoryStorage();
    const c = start(name, s);
    for (const q of ['lost one', 'lost two', 'kept']) await c.answer(create(q));
    await settle();
    const kept = (await all(c)).annotations.find((a) => (a.selectors[0] as { exact: string }).exact === 'kept')!;
    // Part of the database is lost: the browser kept one record (simulated: two deleted behind our back).
    const db = await c.get();
    for (const a of (await all(c)).annotations) if (a.id !== kept.id) await db.delete('annotations', a.id);
    db.close();

    const restarted = start(name, s);
    expect((await all(restarted)).annotations).toHaveLength(1);
    expect(s.notices).toEqual([{ missing: 2, restorable: 2 }]);
    await restarted.answer(create('new on the same page'));
    await restarted.answer(request({ type: 'annotation/delete', id: kept.id }));
    await settle();

    expect(await restarted.answer(request({ type: 'backup/restore' }))).toMatchObject({ restored: 2 });
    const quotes = (await all(restarted)).annotations.map((a) => (a.selectors[0] as { exact: string }).exact).sort();
    expect(quotes).toEqual(['lost one', 'lost two', 'new on the same page']);
  });

  it('dismissed: the lost annotations leave the copy too, and are not offered again', async () => {
    const name = `backup-${++n}`;
    const s = memoryStorage();
    const c = start(name, s);
    for (const q of ['a', 'b']) await c.answer(create(q));
    await settle();
    await loseDatabase(c, name);
    const restarted = start(name, s);
    await restarted.get();
    expect(s.notices).toEqual([{ missing: 2, restorable: 2 }]);
    expect(await restarted.answer(request({ type: 'backup/forget' }))).toEqual({ ok: true });
    expect(await restarted.answer(request({ type: 'backup/restore' }))).toEqual({ restored: 0, pageKeys: [] });
    expect((await all(restarted)).annotations).toEqual([]);
  });

  it('copies what was stored before there was a backup, on the first start with one', async () => {
    const name = `backup-${++n}`;
    const old = new Connection({ name }); // a version without the backup
    for (const q of ['x', 'y', 'z']) await old.answer(create(q, `https://news.example/${q}`));
    (await old.get()).close();
    const s = memoryStorage();
    const c = start(name, s);
    const before = await all(c);
    await loseDatabase(c, name);
    // No ledger entry yet from that version, so no notice; but the copy has everything.
    const restarted = start(name, s);
    expect(await restarted.answer(request({ type: 'backup/restore' }))).toMatchObject({ restored: 3 });
    expect(byId((await all(restarted)).annotations)).toEqual(byId(before.annotations));
  });

  it('many writes at once: the copy ends up equal to the database', async () => {
    const name = `backup-${++n}`;
    const s = memoryStorage();
    const c = start(name, s);
    const created = await Promise.all(Array.from({ length: 60 }, (_, i) => c.answer(create(`q${i}`, `https://news.example/p${i % 4}`))));
    await Promise.all(created.slice(0, 20).map((r) => c.answer(request({ type: 'annotation/delete', id: (r as { annotation: Annotation }).annotation.id }))));
    await settle();
    const before = await all(c);
    expect(before.annotations).toHaveLength(40);
    await loseDatabase(c, name);
    const restarted = start(name, s);
    expect(await restarted.answer(request({ type: 'backup/restore' }))).toMatchObject({ restored: 40 });
    expect(byId((await all(restarted)).annotations)).toEqual(byId(before.annotations));
  });

  it('a copy that cannot be written does not fail the reader’s write, and is made with the next one', async () => {
    const name = `backup-${++n}`;
    const s = memoryStorage();
    const c = start(name, s);
    await c.get();
    s.fail(true);
    expect(await c.answer(create('saved anyway'))).toHaveProperty('annotation');
    await settle();
    s.fail(false);
    await c.answer(create('next, on another page', 'https://news.example/other'));
    await settle();
    await loseDatabase(c, name);
    const restarted = start(name, s);
    expect(await restarted.answer(request({ type: 'backup/restore' }))).toMatchObject({ restored: 2 });
  });
});
