export { openDatabase, type Database } from './db';
export { DB_NAME } from './schema';
export { DB_VERSION } from './migrations';
export {
  createAnnotation,
  updateAnnotation,
  deleteAnnotation,
  annotationsForPage,
  recordVisit,
  allAnnotations,
} from './annotations';
export { restoreAnnotation, importAnnotations } from './annotations';
export { answerRequest, pageKeyWritten, pageKeysWritten } from './requests';
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
