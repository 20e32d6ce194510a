/**
 * The hub's LevelDB, with every write synced to disk before it is acknowledged. PouchDB's
 * node adapter writes its batches without `sync`, so the operating system may still hold
 * a batch in memory when the hub answers 201: a process killed by `kill -9` loses nothing
 * (the kernel has the data), but a power cut or an OS crash — a facilitator's laptop on
 * battery — can lose writes the hub already acknowledged. CouchDB fsyncs before it
 * answers; so does this store: LevelDB writes its log and fsyncs it for each batch,
 * grouping concurrent writers into one sync. PouchDB takes a LevelDOWN-compatible
 * factory as its `db` option; this one is leveldown with `sync: true` on every write.
 * The cost is measured by `npm run bench -- durable`.
 */
import leveldown, { type Callback, type LevelDown, type WriteOptions } from 'leveldown';

const synced = (options: WriteOptions | undefined): WriteOptions => ({ ...(options ?? {}), sync: true });

/**
 * Named, not anonymous: PouchDB keeps one store of open databases per factory, keyed by
 * the factory's name.
 */
export function durableLeveldown(location: string): LevelDown {
  const db = leveldown(location);
  const put = db._put.bind(db);
  const del = db._del.bind(db);
  const batch = db._batch.bind(db);
  db._put = (key: unknown, value: unknown, options: WriteOptions, callback: Callback) =>
    put(key, value, synced(options), callback);
  db._del = (key: unknown, options: WriteOptions, callback: Callback) => del(key, synced(options), callback);
  db._batch = (operations: unknown[], options: WriteOptions, callback: Callback) =>
    batch(operations, synced(options), callback);
  return db;
}
durableLeveldown.destroy = leveldown.destroy;
durableLeveldown.repair = leveldown.repair;
