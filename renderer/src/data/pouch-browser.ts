// PouchDB on IndexedDB, as the app uses it. Kept apart from ./pouch.ts because
// pouchdb-browser expects a browser global scope when it is loaded.
import PouchDB from 'pouchdb-browser';
import type { PouchConstructor } from './pouch';

export const BrowserPouch: PouchConstructor = PouchDB;
