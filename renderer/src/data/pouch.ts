/**
 * The one PouchDB factory. Screens never import PouchDB; they use the repository
 * and the read model. The constructor is passed in: the app gives pouchdb-browser
 * (IndexedDB, see ./pouch-browser.ts), tests and benches the memory adapter.
 */
export type LocalDb = PouchDB.Database;
export type PouchConstructor = new (
  name: string,
  options?: PouchDB.Configuration.DatabaseConfiguration,
) => LocalDb;

/** Local database of one institute: `workbench-<org>`, matching the server's `org-<org>`. */
export function localDbName(org: string): string {
  return `workbench-${org}`;
}

export function openLocalDb(org: string, Pouch: PouchConstructor): LocalDb {
  return new Pouch(localDbName(org));
}

/** The local copy of the server's shared library (`dec-library`), one per computer. */
export const LIBRARY_LOCAL_DB = 'workbench-library';

export function openLibraryDb(Pouch: PouchConstructor): LocalDb {
  return new Pouch(LIBRARY_LOCAL_DB);
}
