/** A real PouchDB on the in-memory LevelDB adapter, with a fresh name per call. */
import PouchDB from 'pouchdb-core';
import memoryAdapter from 'pouchdb-adapter-memory';
import type { PouchConstructor } from '../../../renderer/src/data/pouch';

PouchDB.plugin(memoryAdapter);

let counter = 0;

export const MemoryPouch = PouchDB.defaults({ adapter: 'memory' }) as unknown as PouchConstructor;

export function uniqueOrg(prefix = 'org'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}
