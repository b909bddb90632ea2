import PouchDB from 'pouchdb-browser';
import { storage } from 'wxt/utils/storage';
import type { Connection } from '@/src/store';
import { connectionStore, originPattern, parseSyncRequest, SyncError, SyncService, type ServerSettings, type SyncConfig, type SyncRequest, type SyncStatus } from '@/src/sync';

/**
 * The background's part of sync (src/sync has the logic): PouchDB in the browser, settings in
 * extension storage, alarms, and the sync requests of extension pages. Nothing here runs, and
 * no request leaves the browser, until the reader has set up a server on the options page.
 */
const config = storage.defineItem<SyncConfig | null>('local:syncConfig', { fallback: null });
const status = storage.defineItem<SyncStatus | null>('local:syncStatus', { fallback: null });

/** The replica: the encrypted documents as synced, in the extension's IndexedDB (its own database). */
const REPLICA_NAME = 'clearmark-sync';
const ALARM = 'clearmark-sync';
/** A pass every few minutes catches what other devices did (and what a stopped worker left). */
const PERIOD_MINUTES = 5;
/** After a local write, wait this long for more before syncing. */
const AFTER_WRITE_MS = 5_000;
/** A server that does not answer must not hold a pass (and the worker) forever. */
const REQUEST_TIMEOUT_MS = 30_000;

function openRemote(settings: ServerSettings) {
  return new PouchDB(settings.url, {
    skip_setup: true, // a missing database is the reader's to create, and an error to show
    auth: settings.username ? { username: settings.username, password: settings.password } : undefined,
    fetch: (url: string | Request, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
}

export interface BackgroundSync {
  /** The store was written by the reader: sync soon, if sync is on. */
  localWrite(): void;
  /** Answers a sync request; returns undefined when `message` is not one. */
  answer(message: unknown, fromExtensionPage: boolean, sendResponse: (r: unknown) => void): boolean | undefined;
}

export function backgroundSync(connection: Connection, broadcast: (pageKeys: string[]) => void): BackgroundSync {
  const changed = new Set<string>();
  let flush: ReturnType<typeof setTimeout> | undefined;
  const service = new SyncService({
    area: {
      loadConfig: async () => (await config.getValue()) ?? undefined,
      saveConfig: (c) => config.setValue(c ?? null),
      loadStatus: async () => (await status.getValue()) ?? undefined,
      saveStatus: (s) => status.setValue(s),
    },
    local: connectionStore(connection),
    openRemote,
    openReplica: () => new PouchDB(REPLICA_NAME),
    onLocalChange(pageKey) {
      // Batched: a first sync may write thousands of annotations.
      changed.add(pageKey);
      clearTimeout(flush);
      flush = setTimeout(() => {
        broadcast([...changed]);
        changed.clear();
      }, 200);
    },
  });

  /** A pass, if sync is on and the browser lets us reach the server. */
  async function run(): Promise<SyncStatus> {
    const c = await config.getValue();
    if (!c) return service.status();
    if (!(await browser.permissions.contains({ origins: [originPattern(c.url)] }))) {
      const error = new SyncError('no-permission');
      const s: SyncStatus = { ...(await service.status()), error: { code: error.code, message: error.message, at: Date.now() } };
      await status.setValue(s);
      return s;
    }
    return service.run();
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run();
  });
  // Sync on: make sure the alarm is there (alarms survive worker restarts, but not every update).
  void config.getValue().then((c) => c && browser.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES }));

  let writeTimer: ReturnType<typeof setTimeout> | undefined;

  async function handle(request: SyncRequest): Promise<unknown> {
    switch (request.type) {
      case 'sync/status':
        return service.status();
      case 'sync/now':
        return run();
      case 'sync/configure': {
        const { url, username, password, passphrase } = request;
        if (!(await browser.permissions.contains({ origins: [originPattern(url)] }))) {
          const error = new SyncError('no-permission');
          return { ...(await service.status()), error: { code: error.code, message: error.message, at: Date.now() } };
        }
        const result = await service.configure({ url: url.replace(/\/+$/, ''), username, password }, passphrase);
        if (await config.getValue()) await browser.alarms.create(ALARM, { periodInMinutes: PERIOD_MINUTES });
        return result;
      }
      case 'sync/disable':
        await browser.alarms.clear(ALARM);
        return service.disable();
      case 'sync/conflicts':
        return { conflicts: await service.conflicts() };
      case 'sync/resolve':
        return { annotation: await service.resolve(request.id, request.rev) };
    }
  }

  return {
    localWrite() {
      clearTimeout(writeTimer);
      writeTimer = setTimeout(() => void config.getValue().then((c) => c && run()), AFTER_WRITE_MS);
    },
    answer(message, fromExtensionPage, sendResponse) {
      const parsed = parseSyncRequest(message);
      if (!parsed) return undefined;
      // Sync settings and conflicts are the reader's, through extension pages, never a content script.
      if (!fromExtensionPage) sendResponse({ error: 'Not available to content scripts' });
      else if (!parsed.ok) sendResponse({ error: parsed.error });
      else {
        handle(parsed.request).then(sendResponse, (err: unknown) => sendResponse({ error: err instanceof Error ? err.message : String(err) }));
        return true;
      }
      return false;
    },
  };
}
