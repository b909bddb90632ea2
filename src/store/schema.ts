import type { DBSchema } from 'idb';
import type { Annotation, PageRecord } from '../messages';

export const DB_NAME = 'clearmark';

export interface ClearmarkDB extends DBSchema {
  annotations: {
    key: string;
    value: Annotation;
    indexes: { pageKey: string; updated: number; tags: string };
  };
  pages: {
    key: string;
    value: PageRecord;
    indexes: { lastSeen: number };
  };
}
