/**
 * Simulated devices for sync tests: each is a PouchDB on the memory adapter (like an
 * app's IndexedDB) with the app's repository over it, syncing over HTTP with its own
 * credentials. Remote databases use PouchDB's HTTP adapter with basic auth on every
 * request, so devices share no cookie jar.
 */
import memoryAdapter from 'pouchdb-adapter-memory';
import PouchDB from 'pouchdb-node';
import type { SyncCredentials } from '../../../shared/platform-api';
import type { LocalDb, PouchConstructor } from '../../../renderer/src/data/pouch';
import type { CredentialKeeper } from '../../../renderer/src/data/sync/session';
import { Repository } from '../../../renderer/src/data/repository';

PouchDB.plugin(memoryAdapter);

let counter = 0;

/** Local names open on the memory adapter; http(s) URLs on the HTTP adapter. */
export const TestPouch = function TestPouch(
  name: string,
  options: PouchDB.Configuration.DatabaseConfiguration = {},
) {
  return /^https?:\/\//.test(name)
    ? new PouchDB(name, options)
    : new PouchDB(`${name}-${process.pid}-${++counter}`, { ...options, adapter: 'memory' });
} as unknown as PouchConstructor;

export interface Device {
  name: string;
  db: LocalDb;
  library: LocalDb;
  repository: Repository;
  remote(url: string, db: string): LocalDb;
}

export function device(
  name: string,
  org: string,
  user: string,
  password: string,
  clock?: () => Date,
): Device {
  const db = new TestPouch(`device-${name}`);
  return {
    name,
    db,
    library: new TestPouch(`library-${name}`),
    repository: new Repository(db, { org, user }, clock),
    remote: (url, dbName) =>
      new TestPouch(`${url}/${dbName}`, {
        skip_setup: true,
        auth: { username: user, password },
      } as PouchDB.Configuration.RemoteDatabaseConfiguration),
  };
}

/** Deterministic pseudo-random numbers, so a failing order can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The platform's credential keeper as a browser tab has it: kept in memory only. */
export function memoryKeeper(): CredentialKeeper {
  let kept: SyncCredentials | null = null;
  return {
    credentialsLoad: () => Promise.resolve(kept),
    credentialsSave: (c: SyncCredentials) => {
      kept = c;
      return Promise.resolve({ persisted: false });
    },
    credentialsClear: () => {
      kept = null;
      return Promise.resolve();
    },
  };
}
