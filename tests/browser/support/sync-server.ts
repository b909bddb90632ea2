/**
 * A CouchDB-protocol server for the sync tests: pouchdb-server from npm, on 127.0.0.1 on a free
 * port, storing on disk in a temporary folder (so it can be killed and started again with its
 * data), with one admin account, and the database the reader would create.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../node_modules/pouchdb-server/bin/pouchdb-server', import.meta.url));
export const USER = 'reader';
export const PASSWORD = 'correct-password';
export const DB = 'clearmark';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface SyncServer {
  /** The database URL a reader would enter. */
  url: string;
  origin: string;
  /** Kills the server at once (SIGKILL), as a crash or a pulled cable would. */
  kill(): Promise<void>;
  start(): Promise<void>;
  /** Every stored document, every revision (conflicts and deleted ones too), as JSON text. */
  dump(): Promise<string>;
  docCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startSyncServer(): Promise<SyncServer> {
  const dir = await mkdtemp(join(tmpdir(), 'clearmark-couch-'));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const auth = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
  await writeFile(join(dir, 'config.json'), JSON.stringify({ admins: { [USER]: PASSWORD }, log: { file: join(dir, 'log.txt'), level: 'error' } }));
  let child: ChildProcess | undefined;
  const request = (path: string, init: RequestInit = {}) => fetch(origin + path, { ...init, headers: { authorization: auth, 'content-type': 'application/json', ...init.headers } });

  async function start() {
    child = spawn(process.execPath, [BIN, '-p', String(port), '-o', '127.0.0.1', '-d', join(dir, 'data'), '-c', join(dir, 'config.json'), '-n'], { cwd: dir, stdio: 'ignore' });
    const end = Date.now() + 30_000;
    for (;;) {
      const up = await request('/').then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > end) throw new Error('pouchdb-server did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await start();
  const created = await request(`/${DB}`, { method: 'PUT' });
  if (!created.ok) throw new Error(`could not create the database: ${await created.text()}`);

  async function kill() {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise((r) => {
      c.once('exit', r);
      c.kill('SIGKILL');
    });
  }

  return {
    url: `${origin}/${DB}`,
    origin,
    start,
    kill,
    async dump() {
      const all = (await (await request(`/${DB}/_all_docs?include_docs=true&conflicts=true`)).json()) as { rows: { id: string }[] };
      const changes = await (await request(`/${DB}/_changes?style=all_docs&include_docs=true`)).text();
      const revs = await Promise.all(all.rows.map(async (r) => (await request(`/${DB}/${encodeURIComponent(r.id)}?open_revs=all&revs=true`, { headers: { accept: 'application/json' } })).text()));
      return JSON.stringify(all) + changes + revs.join('');
    },
    async docCount() {
      return ((await (await request(`/${DB}`)).json()) as { doc_count: number }).doc_count;
    },
    async close() {
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
