declare module 'pouchdb-core' {
  const PouchDB: {
    new (name: string, options?: Record<string, unknown>): unknown;
    plugin(plugin: unknown): typeof PouchDB;
  };
  export default PouchDB;
}
declare module 'pouchdb-adapter-memory';
declare module 'pouchdb-adapter-http';
declare module 'pouchdb-replication';
