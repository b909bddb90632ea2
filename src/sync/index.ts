export { SyncService, type ServerSettings, type SyncConfig, type SyncStatus, type SyncSettingsArea, type SyncServiceDeps } from './service';
export { connectionStore } from './connection-store';
export type { LocalStore } from './local-store';
export type { PouchLike } from './pouch';
export type { Conflict, ConflictVersion } from './conflicts';
export type { PassReport } from './pass';
export { SyncError, classifyError, type SyncErrorCode } from './errors';
export { originPattern, parseSyncRequest, type SyncRequest, type SyncResponseMap } from './protocol';
