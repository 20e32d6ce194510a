// Local declarations for the parts of express-pouchdb 4.2.0 (untyped CommonJS) that
// server/hub/pouch-server.ts uses. Nothing else may import these modules.
declare module 'express-pouchdb' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface CouchConfig {
    set(section: string, key: string, value: unknown, callback: (err: Error | null) => void): void;
  }
  export interface ExpressPouchApp {
    (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
    couchConfig: CouchConfig;
    setPouchDB(PouchDB: unknown): Promise<void>;
  }
  export interface Options {
    mode?: 'fullCouchDB' | 'minimumForPouchDB';
    overrideMode?: { include?: string[]; exclude?: string[] };
    configPath?: string;
    logPath?: string;
    inMemoryConfig?: boolean;
  }
  export default function expressPouchDB(opts: Options): ExpressPouchApp;
}

declare module 'express-pouchdb/lib/utils.js' {
  export function getUsersDB(app: unknown, PouchDB: unknown): Promise<unknown>;
}

declare module 'express-pouchdb/lib/create-or-delete-dbs.js' {
  export function getOrCreateDB(PouchDB: unknown, name: string): Promise<unknown>;
}
