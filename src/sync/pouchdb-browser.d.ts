// pouchdb-browser ships no types; sync uses it only through the PouchLike interface (pouch.ts).
declare module 'pouchdb-browser' {
  import type { PouchLike } from './pouch';
  const PouchDB: new (name: string, options?: Record<string, unknown>) => PouchLike;
  export default PouchDB;
}
