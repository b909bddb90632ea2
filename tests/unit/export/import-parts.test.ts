/**
 * Issue #16 item 9 (finding 11): an import larger than one browser message (Chromium refuses
 * extension messages over 64 MiB) goes in parts, each validated as the background validates a
 * message, and is committed in one transaction with the last part: all or nothing, a digest of
 * the store unchanged on any failure.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { importParts } from '@/src/export';
import { Connection, openDatabase, type Database } from '@/src/store';
import { parseRequest } from '@/src/protocol-schema';
import type { Annotation, PageInfo, Request } from '@/src/messages';

const CHROMIUM_MESSAGE_LIMIT = 64 * 1024 * 1024;
let n = 0;
const page = (i: number): PageInfo => ({ key: `https://news.example/${i}`, url: `https://news.example/${i}`, title: `Story ${i}` });
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const ann = (i: number, size = 20): Annotation => ({
  id: uuid(i),
  pageKey: page(i % 5).key,
  selectors: [{ type: 'TextQuoteSelector', exact: `quote ${i} ${'q'.repeat(size)}`, prefix: '', suffix: '' }],
  colour: 'green',
  note: 'n'.repeat(size),
  tags: [],
  created: 1_700_000_000_000 + i,
  updated: 1_700_000_000_000 + i,
});
const IMPORT_ID = '0b0c8f0e-1111-4222-8333-444455556666';

async function digest(db: Database): Promise<string> {
  const tx = db.transaction(['annotations', 'pages']);
  const [a, p] = await Promise.all([tx.objectStore('annotations').getAll(), tx.objectStore('pages').getAll()]);
  return createHash('sha256').update(JSON.stringify({ a, p })).digest('hex');
}

/** What the background does with each message: validate its shape, then let the connection answer. */
async function send(c: Connection, message: Request) {
  const parsed = parseRequest(message);
  if (!parsed.ok) return { error: parsed.error };
  return c.answer(parsed.request);
}

/** The popup's way: parts first, then the last one commits (as entrypoints/popup/app.ts does). */
async function importInParts(c: Connection, annotations: Annotation[], pages: PageInfo[], maxChars?: number, sendLast = true) {
  const parts = importParts(annotations, pages, maxChars);
  const last = parts.pop()!;
  for (const part of parts) {
    const res = await send(c, { type: 'annotations/importPart', importId: IMPORT_ID, ...part });
    if ('error' in res) return res;
  }
  if (!sendLast) return { parts: parts.length + 1 };
  return send(c, { type: 'annotations/import', ...last, ...(parts.length ? { importId: IMPORT_ID } : {}) });
}

async function seeded() {
  const name = `import-parts-${++n}`;
  const c = new Connection({ name });
  const first = await send(c, { type: 'annotations/import', annotations: Array.from({ length: 10 }, (_, i) => ann(i)), pages: [page(0), page(1), page(2), page(3), page(4)] });
  expect(first).toMatchObject({ added: 10 });
  return { c, db: await openDatabase(name) };
}

afterEach(() => vi.restoreAllMocks());

describe('an import too large for one message', () => {
  it('is split into parts under the limit, in order, covering everything', () => {
    const annotations = Array.from({ length: 60 }, (_, i) => ann(i, 200));
    const pages = Array.from({ length: 5 }, (_, i) => page(i));
    const parts = importParts(annotations, pages, 4_000);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts) expect(JSON.stringify(p.annotations).length + JSON.stringify(p.pages).length).toBeLessThanOrEqual(4_000 + 4);
    expect(parts.flatMap((p) => p.annotations)).toEqual(annotations);
    expect(parts.flatMap((p) => p.pages)).toEqual(pages);
    expect(importParts(annotations, pages)).toHaveLength(1); // small imports stay one message
  });

  it('over 64 MiB: every message fits, and all of it lands in one go', async () => {
    const { c, db } = await seeded();
    // 380 annotations with ~180,000-character quotes and notes: about 68 MiB of JSON.
    const annotations = Array.from({ length: 380 }, (_, i) => ann(100 + i, 90_000));
    const whole = JSON.stringify({ type: 'annotations/import', annotations, pages: [page(0)] });
    expect(whole.length).toBeGreaterThan(CHROMIUM_MESSAGE_LIMIT);
    const parts = importParts(annotations, [page(0)]);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(JSON.stringify({ type: 'annotations/importPart', importId: IMPORT_ID, ...p }).length).toBeLessThan(CHROMIUM_MESSAGE_LIMIT);
    const res = await importInParts(c, annotations, [page(0)]);
    expect(res).toMatchObject({ added: 380, updated: 0 });
    expect(await db.count('annotations')).toBe(390);
    db.close();
  }, 180_000);

  it('parts without their last message store nothing', async () => {
    const { c, db } = await seeded();
    const before = await digest(db);
    const res = await importInParts(c, Array.from({ length: 40 }, (_, i) => ann(200 + i, 200)), [page(0)], 3_000, false);
    expect(res).toMatchObject({ parts: expect.any(Number) });
    expect(await digest(db)).toBe(before);
    // A later import under another id does not pick them up.
    const other = await send(c, { type: 'annotations/import', annotations: [ann(500)], pages: [] });
    expect(other).toMatchObject({ added: 1 });
    expect(await db.count('annotations')).toBe(11);
    db.close();
  });

  it('a bad record in a later part: refused with a message, nothing stored', async () => {
    const { c, db } = await seeded();
    const before = await digest(db);
    const annotations = Array.from({ length: 40 }, (_, i) => ann(300 + i, 200));
    annotations[35] = { ...annotations[35]!, colour: 'red' as never };
    const res = await importInParts(c, annotations, [page(0)], 3_000);
    expect(res).toMatchObject({ error: expect.stringMatching(/colour/) });
    expect(await digest(db)).toBe(before);
    db.close();
  });

  it('a last message whose parts are gone (worker restarted): a message, nothing stored', async () => {
    const { c, db } = await seeded();
    const before = await digest(db);
    const res = await send(c, { type: 'annotations/import', importId: IMPORT_ID, annotations: [ann(700)], pages: [] });
    expect(res).toMatchObject({ error: expect.stringMatching(/import the file again/) });
    expect(await digest(db)).toBe(before);
    db.close();
  });

  it('a write failing inside the commit (storage full) rolls back every part', async () => {
    const { c, db } = await seeded();
    const before = await digest(db);
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (++calls === 35) throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args);
    });
    const res = await importInParts(c, Array.from({ length: 40 }, (_, i) => ann(400 + i, 200)), [page(0)], 3_000);
    vi.restoreAllMocks();
    expect(res).toMatchObject({ error: expect.stringMatching(/out of storage space/) });
    expect(calls).toBeGreaterThanOrEqual(35);
    expect(await digest(db)).toBe(before);
    db.close();
  });
});
