/** Devices for sync unit tests: each a real store (fake-indexeddb) with its own replica, all syncing with one server database. */
import { Connection } from '@/src/store';
import { connectionStore, SyncService, type PouchLike, type SyncConfig, type SyncStatus } from '@/src/sync';
import { parseRequest } from '@/src/protocol-schema';
import type { Annotation, ParsedRequest } from '@/src/messages';
import { memoryDb } from './pouch-node';

let n = 0;
export const page = { key: 'https://news.example/story', url: 'https://news.example/story', title: 'A secret story' };

export class Device {
  readonly connection = new Connection({ name: `sync-device-${++n}` });
  readonly local = connectionStore(this.connection);
  config: SyncConfig | undefined;
  saved: SyncStatus | undefined;
  readonly sync: SyncService;
  replica: PouchLike | undefined;

  constructor(public remote: () => PouchLike) {
    this.sync = new SyncService({
      area: {
        loadConfig: async () => this.config,
        saveConfig: async (c) => void (this.config = c),
        loadStatus: async () => this.saved,
        saveStatus: async (s) => void (this.saved = s),
      },
      local: this.local,
      openRemote: () => this.remote(),
      openReplica: () => (this.replica = memoryDb('replica')),
    });
  }

  async ask<T>(raw: unknown): Promise<T> {
    const parsed = parseRequest(raw);
    if (!parsed.ok) throw new Error(parsed.error);
    const response = await this.connection.answer(parsed.request as ParsedRequest);
    if ('error' in response) throw new Error(response.error);
    return response as T;
  }

  async highlight(exact: string, note = ''): Promise<Annotation> {
    const r = await this.ask<{ annotation: Annotation }>({
      type: 'annotation/create',
      page,
      annotation: { pageKey: page.key, colour: 'yellow', note, selectors: [{ type: 'TextQuoteSelector', exact, prefix: '', suffix: '' }] },
    });
    return r.annotation;
  }

  async annotations(): Promise<Annotation[]> {
    return (await this.ask<{ annotations: Annotation[] }>({ type: 'annotations/all' })).annotations;
  }

  async notes(): Promise<string[]> {
    return (await this.annotations()).map((a) => a.note).sort();
  }
}
