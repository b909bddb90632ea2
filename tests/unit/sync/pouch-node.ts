/** PouchDB for unit tests in Node: in-memory databases, replication, and the http adapter (for pouchdb-server). */
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import type { PouchLike } from '@/src/sync';

PouchDB.plugin(memory).plugin(http).plugin(replication);

let n = 0;
/** A fresh in-memory database (a device's replica, or a stand-in server). */
export const memoryDb = (name = 'db'): PouchLike => new PouchDB(`${name}-${++n}-${Math.random()}`, { adapter: 'memory' }) as unknown as PouchLike;
export const httpDb = (url: string, auth?: { username: string; password: string }): PouchLike =>
  new PouchDB(url, { adapter: 'http', skip_setup: true, auth }) as unknown as PouchLike;
