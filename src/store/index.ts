export { openDatabase, type Database } from './db';
export { DB_NAME } from './schema';
export { DB_VERSION } from './migrations';
export {
  createAnnotation,
  updateAnnotation,
  deleteAnnotation,
  annotationsForPage,
  annotationsForVisit,
  recordVisit,
  allAnnotations,
} from './annotations';
export { restoreAnnotation, importAnnotations } from './annotations';
export { answerRequest, describeStorageError, pageKeyWritten, pageKeysWritten } from './requests';
export { Connection, DISK_RESERVE_BYTES, type ConnectionOptions, type Ledger } from './connection';
export { Backup, type BackupArea } from './backup';
export {
  SearchIndex,
  allTags,
  byReadingOrder,
  counts,
  isEmptyFilter,
  quoteOf,
  readingPosition,
  recentGroups,
  type Filter,
  type PageGroup,
  type RecentCursor,
} from './search';
