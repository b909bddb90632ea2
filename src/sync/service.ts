/**
 * Sync as the background runs it: set up (check the server and the passphrase, keep the
 * derived key), run one pass at a time, keep the last result for the options page. Knows no
 * extension API: the background hands it PouchDB factories, the local store and a settings area.
 */
import type { Annotation } from '../messages';
import { importKeys, type KeyMaterial } from './crypto';
import { listConflicts, resolveConflict, type Conflict } from './conflicts';
import { classifyError, SyncError, type SyncErrorCode } from './errors';
import { checkServerKey, keyForServer } from './key-check';
import type { LocalStore } from './local-store';
import { syncPass, type PassReport } from './pass';
import type { PouchLike } from './pouch';

export interface ServerSettings {
  /** A CouchDB database URL, e.g. https://couch.example.org/clearmark */
  url: string;
  username: string;
  password: string;
}

export interface SyncConfig extends ServerSettings {
  key: KeyMaterial;
}

export interface SyncStatus {
  enabled: boolean;
  url?: string;
  username?: string;
  running?: boolean;
  /** When the last pass completed. */
  lastSync?: number;
  last?: PassReport;
  error?: { code: SyncErrorCode; message: string; at: number };
}

/** Where the configuration and the last status are kept (extension storage in the background). */
export interface SyncSettingsArea {
  loadConfig(): Promise<SyncConfig | undefined>;
  saveConfig(config: SyncConfig | undefined): Promise<void>;
  loadStatus(): Promise<SyncStatus | undefined>;
  saveStatus(status: SyncStatus): Promise<void>;
}

export interface SyncServiceDeps {
  area: SyncSettingsArea;
  local: LocalStore;
  openRemote(settings: ServerSettings): PouchLike;
  /** The local encrypted replica. */
  openReplica(): PouchLike;
  onLocalChange?: (pageKey: string) => void;
}

export class SyncService {
  private running: Promise<SyncStatus> | undefined;
  private again = false;
  private replicaDb: PouchLike | undefined;

  constructor(private readonly deps: SyncServiceDeps) {}

  async status(): Promise<SyncStatus> {
    const [config, saved] = await Promise.all([this.deps.area.loadConfig(), this.deps.area.loadStatus()]);
    return { ...saved, enabled: !!config, url: config?.url, username: config?.username, running: !!this.running };
  }

  /**
   * Connects to a server: it must answer, accept the user, have the database, and (if another
   * device set it up) the passphrase must be the one used there. Until all of that holds, the
   * old configuration stays as it was and nothing is written, locally or on the server.
   */
  async configure(settings: ServerSettings, passphrase: string): Promise<SyncStatus> {
    const remote = this.deps.openRemote(settings);
    let key: KeyMaterial;
    try {
      await remote.info();
      key = await keyForServer(remote, passphrase);
    } catch (err) {
      const error = classifyError(err);
      return { ...(await this.status()), error: { code: error.code, message: error.message, at: Date.now() } };
    }
    await this.settled();
    const before = await this.deps.area.loadConfig();
    // Another server or another key: the replica and its record of what was synced belong to the old one.
    if (before && (before.url !== settings.url || before.key.raw !== key.raw)) await this.resetReplica();
    await this.deps.area.saveConfig({ ...settings, key });
    return this.run();
  }

  /** Sync off: forget the server and the key, drop the replica. The local store is untouched. */
  async disable(): Promise<SyncStatus> {
    await this.settled();
    await this.deps.area.saveConfig(undefined);
    await this.resetReplica();
    await this.deps.area.saveStatus({ enabled: false });
    return this.status();
  }

  /** One pass; a call during a pass waits for it and then runs one more (the new change is in neither). */
  run(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.runOnce().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  private async runOnce(): Promise<SyncStatus> {
    const config = await this.deps.area.loadConfig();
    if (!config) return { enabled: false };
    const saved = (await this.deps.area.loadStatus()) ?? { enabled: true };
    let status: SyncStatus;
    try {
      const remote = this.deps.openRemote(config);
      await remote.info();
      await checkServerKey(remote, config.key);
      const keys = await importKeys(config.key);
      const report = await syncPass({ local: this.deps.local, replica: this.replica(), remote, keys, onLocalChange: this.deps.onLocalChange });
      status = { enabled: true, lastSync: Date.now(), last: report };
    } catch (err) {
      const error = classifyError(err);
      status = { ...saved, enabled: true, error: { code: error.code, message: error.message, at: Date.now() } };
    }
    await this.deps.area.saveStatus(status);
    return { ...status, url: config.url, username: config.username };
  }

  async conflicts(): Promise<Conflict[]> {
    const config = await this.deps.area.loadConfig();
    if (!config) return [];
    return listConflicts(this.replica(), await importKeys(config.key));
  }

  async resolve(id: string, keepRev: string): Promise<Annotation> {
    const config = await this.deps.area.loadConfig();
    if (!config) throw new SyncError('failed', 'Sync is off.');
    await this.settled();
    const kept = await resolveConflict(this.replica(), await importKeys(config.key), this.deps.local, id, keepRev);
    void this.run();
    return kept;
  }

  private async settled() {
    await this.running?.catch(() => {});
  }

  private replica(): PouchLike {
    return (this.replicaDb ??= this.deps.openReplica());
  }

  private async resetReplica() {
    await this.replica().destroy().catch(() => {});
    this.replicaDb = undefined;
  }
}
