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
