// Local declaration for leveldown 6 (untyped), the LevelDB binding PouchDB's node
// adapter uses; server/hub/durable-store.ts alone imports it.
declare module 'leveldown' {
  export type Callback = (err?: Error | null) => void;
  export interface WriteOptions {
    sync?: boolean;
  }
  export interface LevelDown {
    _put(key: unknown, value: unknown, options: WriteOptions, callback: Callback): void;
    _del(key: unknown, options: WriteOptions, callback: Callback): void;
    _batch(operations: unknown[], options: WriteOptions, callback: Callback): void;
  }
  interface LevelDownFactory {
    (location: string): LevelDown;
    destroy(location: string, callback: Callback): void;
    repair(location: string, callback: Callback): void;
  }
  const leveldown: LevelDownFactory;
  export default leveldown;
}
