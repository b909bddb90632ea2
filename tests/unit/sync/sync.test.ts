// @vitest-environment node
/**
 * Sync between devices, each a real store (fake-indexeddb) with its own PouchDB replica,
 * through one in-memory PouchDB standing in for the server (pouchdb-server is used in
 * server.test.ts and the browser tests).
 */
import { describe, expect, it, vi } from 'vitest';
import type { PouchDoc, PouchLike } from '@/src/sync/pouch';
import { Device, page } from './devices';
import { memoryDb } from './pouch-node';

// PBKDF2 at 600,000 iterations runs on every setup: ~1-2 s a test unloaded; 20 s leaves room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

const settings = { url: 'http://server.invalid/clearmark', username: '', password: '' };

async function twoDevices() {
  const server = memoryDb('server');
  const a = new Device(() => server);
  const b = new Device(() => server);
  expect((await a.sync.configure(settings, 'our passphrase')).error).toBeUndefined();
  expect((await b.sync.configure(settings, 'our passphrase')).error).toBeUndefined();
  return { server, a, b };
}

async function serverDocs(server: PouchLike): Promise<PouchDoc[]> {
  const all = await server.changes({ since: 0, include_docs: true });
  return all.results.map((r) => r.doc!);
}

describe('sync between two devices', () => {
  it('a highlight with a note made on one device appears on the other; an edit comes back; a delete propagates', async () => {
    const { a, b } = await twoDevices();
    const made = await a.highlight('The quick brown fox', 'a note from device A');
    expect((await a.sync.run()).last).toMatchObject({ sent: 2 }); // the annotation and its page
    const got = await b.sync.run();
    expect(got.last?.received).toBe(2);
    expect(await b.annotations()).toEqual([made]);
    await b.ask({ type: 'annotation/update', id: made.id, patch: { note: 'edited on B', colour: 'blue' } });
    await b.sync.run();
    await a.sync.run();
    expect((await a.annotations())[0]).toMatchObject({ note: 'edited on B', colour: 'blue' });
    await a.ask({ type: 'annotation/delete', id: made.id });
    await a.sync.run();
    expect((await b.sync.run()).last?.received).toBe(1);
    expect(await b.annotations()).toEqual([]);
    // Nothing comes back on later passes.
    await a.sync.run();
    expect(await a.annotations()).toEqual([]);
  });

  it('the server holds no quote, note, tag, URL or title in plain text', async () => {
    const { server, a } = await twoDevices();
    await a.highlight('Xylophone quarterly results', 'zebra-note');
    await a.ask({ type: 'annotation/update', id: (await a.annotations())[0].id, patch: { tags: ['walrustag'] } });
    await a.sync.run();
    const text = JSON.stringify(await serverDocs(server));
    expect(text.length).toBeGreaterThan(500);
    for (const secret of ['Xylophone', 'zebra-note', 'walrustag', 'news.example', 'secret story']) expect(text).not.toContain(secret);
  });

  it('a pass with nothing new sends and receives nothing', async () => {
    const { a, b } = await twoDevices();
    await a.highlight('one');
    await a.sync.run();
    await b.sync.run();
    expect((await a.sync.run()).last).toMatchObject({ sent: 0, received: 0 });
    expect((await b.sync.run()).last).toMatchObject({ sent: 0, received: 0 });
  });
});

describe('passphrase', () => {
  it('a wrong passphrase on the second device is a clear error, and nothing is written there', async () => {
    const server = memoryDb('server');
    const a = new Device(() => server);
    await a.sync.configure(settings, 'right passphrase');
    await a.highlight('shared passage', 'note');
    await a.sync.run();
    const b = new Device(() => server);
    const mine = await b.highlight('only on B');
    const status = await b.sync.configure(settings, 'wrong passphrase');
    expect(status.error?.code).toBe('wrong-passphrase');
    expect(status.error?.message).toMatch(/^Wrong passphrase/);
    expect(status.enabled).toBe(false);
    expect(b.config).toBeUndefined();
    expect(b.replica).toBeUndefined(); // no replica was even opened
    expect(await b.annotations()).toEqual([mine]);
    expect((await serverDocs(server)).length).toBe(3); // key check, A's annotation and page
  });
});

describe('conflicts', () => {
  it('the same note edited on two devices offline: both end with the same winner, both versions are kept, the reader chooses', async () => {
    const { a, b } = await twoDevices();
    const made = await a.highlight('contested passage', 'original');
    await a.sync.run();
    await b.sync.run();
    await a.ask({ type: 'annotation/update', id: made.id, patch: { note: 'edit on A' } });
    await b.ask({ type: 'annotation/update', id: made.id, patch: { note: 'edit on B', colour: 'green' } });
    await a.sync.run();
    await b.sync.run();
    await a.sync.run();
    const [onA, onB] = [await a.notes(), await b.notes()];
    expect(onA).toEqual(onB); // CouchDB's deterministic winner
    const conflictsA = await a.sync.conflicts();
    const conflictsB = await b.sync.conflicts();
    expect(conflictsA).toHaveLength(1);
    expect(conflictsB).toHaveLength(1);
    const versions = conflictsA[0].versions;
    expect(versions.map((v) => v.annotation.note).sort()).toEqual(['edit on A', 'edit on B']);
    expect(versions.find((v) => v.current)!.annotation.note).toBe(onA[0]);
    // The reader keeps the version that lost.
    const loser = versions.find((v) => !v.current)!;
    await a.sync.resolve(made.id, loser.rev);
    await a.sync.run();
    await b.sync.run();
    expect(await a.notes()).toEqual([loser.annotation.note]);
    expect(await b.notes()).toEqual([loser.annotation.note]);
    expect(await a.sync.conflicts()).toEqual([]);
    expect(await b.sync.conflicts()).toEqual([]);
  });

  it('a colour edit racing a delete: the edit wins (CouchDB keeps a live version over a deletion) on both devices', async () => {
    const { a, b } = await twoDevices();
    const made = await a.highlight('raced passage');
    await a.sync.run();
    await b.sync.run();
    await a.ask({ type: 'annotation/delete', id: made.id });
    await b.ask({ type: 'annotation/update', id: made.id, patch: { colour: 'pink' } });
    await a.sync.run();
    await b.sync.run();
    await a.sync.run();
    expect((await a.annotations()).map((x) => x.colour)).toEqual(['pink']);
    expect((await b.annotations()).map((x) => x.colour)).toEqual(['pink']);
  });
});

describe('tag races and turning sync off', () => {
  it('tags changed on both devices offline: one winner on both, the other version kept as a conflict', async () => {
    const { a, b } = await twoDevices();
    const made = await a.highlight('tagged passage');
    await a.sync.run();
    await b.sync.run();
    await a.ask({ type: 'annotation/update', id: made.id, patch: { tags: ['from-a'] } });
    await b.ask({ type: 'annotation/update', id: made.id, patch: { tags: ['from-b'] } });
    await a.sync.run();
    await b.sync.run();
    await a.sync.run();
    const tagsOn = async (d: typeof a) => (await d.annotations())[0].tags;
    expect(await tagsOn(a)).toEqual(await tagsOn(b));
    const versions = (await b.sync.conflicts())[0].versions.map((v) => v.annotation.tags[0]).sort();
    expect(versions).toEqual(['from-a', 'from-b']);
  });

  it('turning sync off forgets the server and the key, and leaves the annotations here', async () => {
    const { a } = await twoDevices();
    const made = await a.highlight('stays');
    await a.sync.run();
    const off = await a.sync.disable();
    expect(off.enabled).toBe(false);
    expect(a.config).toBeUndefined();
    expect(await a.annotations()).toEqual([made]);
    expect((await a.sync.run()).enabled).toBe(false);
  });
});

describe('interrupted passes', () => {
  it('a server that fails mid-pass loses nothing; the next pass completes', async () => {
    const server = memoryDb('server');
    let down = false;
    // The server fails after the key check: the push into the replica happened, replication did not.
    const flaky = new Proxy(server, {
      get(target, prop, receiver) {
        if (down && prop === 'bulkDocs') return () => Promise.reject(Object.assign(new TypeError('Failed to fetch')));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const a = new Device(() => flaky);
    const b = new Device(() => server);
    await a.sync.configure(settings, 'pp');
    await b.sync.configure(settings, 'pp');
    for (let i = 0; i < 5; i++) await a.highlight(`passage ${i}`, `note ${i}`);
    down = true;
    const failed = await a.sync.run();
    expect(failed.error?.code).toBe('unreachable');
    expect(await a.notes()).toHaveLength(5);
    down = false;
    const ok = await a.sync.run();
    expect(ok.error).toBeUndefined();
    await b.sync.run();
    expect(await b.notes()).toEqual(['note 0', 'note 1', 'note 2', 'note 3', 'note 4']);
    expect(await a.sync.conflicts()).toEqual([]);
  });

  it('a pass stopped after writing the store but before recording it makes no conflict with itself', async () => {
    const { a, b } = await twoDevices();
    const made = await a.highlight('passage', 'first');
    await a.sync.run();
    await b.sync.run();
    // Two edits on A: the revision B receives is not a child of the one B last synced.
    await a.ask({ type: 'annotation/update', id: made.id, patch: { note: 'second' } });
    await a.sync.run();
    await a.ask({ type: 'annotation/update', id: made.id, patch: { note: 'third' } });
    await a.sync.run();
    // B's pass gets A's edit and writes it to B's store, but fails before it can record that
    // (as when the worker stops right after the write).
    const put = b.local.putAnnotation.bind(b.local);
    b.local.putAnnotation = async (annotation) => {
      await put(annotation);
      throw new Error('the worker stopped');
    };
    await b.sync.run();
    b.local.putAnnotation = put;
    expect(await b.notes()).toEqual(['third']);
    await b.sync.run();
    await a.sync.run();
    expect(await b.notes()).toEqual(['third']);
    expect(await b.sync.conflicts()).toEqual([]);
    expect(await a.sync.conflicts()).toEqual([]);
  });

  it('a note edited here while a pass applies another device\'s edit of it is kept, as a conflict', async () => {
    const { a, b } = await twoDevices();
    const made = await a.highlight('passage', 'first');
    await a.sync.run();
    await b.sync.run();
    await a.ask({ type: 'annotation/update', id: made.id, patch: { note: 'edit on A' } });
    await a.sync.run();
    // The reader edits on B just as B's pass is about to apply A's edit.
    const read = b.local.getAnnotation.bind(b.local);
    let edited = false;
    b.local.getAnnotation = async (id) => {
      if (!edited) {
        edited = true;
        await b.ask({ type: 'annotation/update', id, patch: { note: 'edit on B during the pass' } });
      }
      return read(id);
    };
    await b.sync.run();
    expect(edited).toBe(true);
    expect(await b.notes()).toEqual(['edit on B during the pass']);
    await b.sync.run();
    await a.sync.run();
    expect(await a.notes()).toEqual(await b.notes());
    const versions = (await a.sync.conflicts())[0]?.versions.map((v) => v.annotation.note).sort();
    expect(versions).toEqual(['edit on A', 'edit on B during the pass']);
  });
});

it('page records sync too (title, URL), without the local visit time', async () => {
  const { a, b } = await twoDevices();
  await a.highlight('x');
  await a.sync.run();
  await b.sync.run();
  const { pages } = await b.ask<{ pages: { key: string; title: string }[] }>({ type: 'annotations/all' });
  expect(pages).toEqual([expect.objectContaining({ key: page.key, title: page.title, url: page.url })]);
});
