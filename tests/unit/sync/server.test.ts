// @vitest-environment node
/**
 * What the reader is told when the server is not right, against a real CouchDB-protocol server
 * (pouchdb-server, started here): nothing answering, a wrong password, no such database.
 * Each failure leaves sync off and the local store untouched.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSyncServer, USER, PASSWORD, type SyncServer } from '../../browser/support/sync-server';
import { Device } from './devices';
import { httpDb } from './pouch-node';

// PBKDF2 at 600,000 iterations runs on every setup: ~1-2 s a test unloaded; 20 s leaves room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

describe('sync against pouchdb-server', () => {
  let couch: SyncServer;
  beforeAll(async () => {
    couch = await startSyncServer();
  }, 60_000);
  afterAll(async () => couch?.close());

  const device = (url: string, password = PASSWORD) => {
    const d = new Device(() => httpDb(url, { username: USER, password }));
    return d;
  };
  const settings = (url: string) => ({ url, username: USER, password: '' });

  it('works with the right account, and the server then holds only the key check and ciphertext', async () => {
    const a = device(couch.url);
    await a.highlight('A passage about otters', 'otter note');
    const status = await a.sync.configure(settings(couch.url), 'pass');
    expect(status.error).toBeUndefined();
    expect(status.last).toMatchObject({ sent: 2 });
    const data = await couch.dump();
    expect(data).not.toContain('otter');
  });

  it('a wrong password: "refused the user name or password", sync stays off, nothing stored changes', async () => {
    const a = device(couch.url, 'wrong');
    const mine = await a.highlight('kept');
    const status = await a.sync.configure(settings(couch.url), 'pass');
    expect(status.error?.code).toBe('unauthorized');
    expect(status.error?.message).toMatch(/refused the user name or password/);
    expect(status.enabled).toBe(false);
    expect(await a.annotations()).toEqual([mine]);
  });

  it('no such database: "There is no database at that address"', async () => {
    const url = `${couch.origin}/no-such-db`;
    const status = await device(url).sync.configure(settings(url), 'pass');
    expect(status.error?.code).toBe('missing-database');
    expect(status.error?.message).toMatch(/^There is no database at that address/);
  });

  it('nothing answering: "could not be reached"', async () => {
    const url = 'http://127.0.0.1:9/clearmark'; // the discard port: nothing listens there
    const status = await device(url).sync.configure(settings(url), 'pass');
    expect(status.error?.code).toBe('unreachable');
    expect(status.error?.message).toMatch(/could not be reached/);
  });
});
