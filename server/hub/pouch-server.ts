/**
 * express-pouchdb on PouchDB (LevelDB), wrapped in a typed surface. Only this module
 * touches express-pouchdb's untyped internals: the gateway asks it who a request's
 * user is (with express-pouchdb's own users database and session logic, so both agree
 * on identity) and what a database's `_security` says.
 */
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import expressPouchDB, { type ExpressPouchApp } from 'express-pouchdb';
import { getOrCreateDB } from 'express-pouchdb/lib/create-or-delete-dbs.js';
import { getUsersDB } from 'express-pouchdb/lib/utils.js';
import PouchDB from 'pouchdb-node';
import { ANONYMOUS, type UserCtx } from '../../shared/sync/security';
import { durableLeveldown } from './durable-store';

export interface PouchServer {
  handle(req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void;
  /** The user of a request, from its AuthSession cookie or basic auth, as express-pouchdb will see it. */
  authenticate(headers: IncomingHttpHeaders): Promise<UserCtx>;
  /** The PouchDB constructor the server's databases are opened with (LevelDB in the data folder). */
  Local: PouchDB.Static;
  allDbs(): Promise<string[]>;
  /** The database's security object, or undefined when the database does not exist. */
  readSecurity(dbName: string): Promise<unknown>;
  /** An existing database, as express-pouchdb holds it open (for the hub's own change feeds). */
  database(dbName: string): Promise<PouchDB.Database>;
  close(): Promise<void>;
}

interface UsersDb {
  multiUserSession(sessionId?: string): Promise<{ userCtx?: { name?: unknown; roles?: unknown } }>;
  multiUserLogIn(name: string, password: string): Promise<{ sessionID?: string }>;
}

interface AllDbsStatic {
  allDbs(): Promise<string[]>;
}

// Parts of express-pouchdb we do not use, or that the hub does itself (compression,
// forwarding instead of its _replicator daemon, no Fauxton UI).
const EXCLUDED = [
  'compression',
  'routes/fauxton',
  'replicator',
  'routes/replicate',
  'routes/active-tasks',
  'routes/db-updates',
  'routes/http-log',
  // The gateway validates writes itself: see ./validation.ts for why.
  'validation',
];

function setConfig(app: ExpressPouchApp, section: string, key: string, value: unknown) {
  return new Promise<void>((resolve, reject) =>
    app.couchConfig.set(section, key, value, (err: Error | null) => (err ? reject(err) : resolve())),
  );
}

function toUserCtx(session: { userCtx?: { name?: unknown; roles?: unknown } }): UserCtx {
  const name = session.userCtx?.name;
  const roles = session.userCtx?.roles;
  if (typeof name !== 'string') return ANONYMOUS;
  return { name, roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [] };
}

export function parseCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function parseBasicAuth(header: string | undefined): { name: string; pass: string } | undefined {
  const match = /^\s*basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { name: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

export async function createPouchServer(opts: {
  dataDir: string;
  adminPassword: string;
  cookieSecret: string;
  /** Sync every write to disk before answering (durable-store.ts); off only to measure its cost. */
  durable?: boolean;
}): Promise<PouchServer> {
  const LocalPouch = PouchDB.defaults({
    prefix: opts.dataDir + path.sep,
    ...(opts.durable === false ? {} : { db: durableLeveldown }),
  } as PouchDB.Configuration.DatabaseConfiguration);
  const app = expressPouchDB({
    mode: 'fullCouchDB',
    overrideMode: { exclude: EXCLUDED },
    inMemoryConfig: true, // our settings are below; nothing to persist but the databases
    logPath: path.join(opts.dataDir, 'log.txt'),
  });
  // Admins must be configured before PouchDB starts: without them express-pouchdb is in
  // "admin party" mode, where everybody is an admin. `set` resolves after hashing.
  await setConfig(app, 'admins', 'admin', opts.adminPassword);
  await setConfig(app, 'couch_httpd_auth', 'secret', opts.cookieSecret);
  await setConfig(app, 'couch_httpd_auth', 'timeout', 24 * 3600);
  await setConfig(app, 'log', 'level', 'error');
  await app.setPouchDB(LocalPouch);
  const usersDb = (await getUsersDB(app, LocalPouch)) as UsersDb;

  async function authenticate(headers: IncomingHttpHeaders): Promise<UserCtx> {
    // Same order as express-pouchdb: a cookie wins; basic auth when the cookie fails.
    const cookie = parseCookie(headers.cookie, 'AuthSession');
    if (cookie !== undefined) {
      try {
        return toUserCtx(await usersDb.multiUserSession(cookie));
      } catch {
        // malformed cookie: fall through to basic auth
      }
    }
    const basic = parseBasicAuth(headers.authorization);
    if (basic === undefined) return ANONYMOUS;
    try {
      const login = await usersDb.multiUserLogIn(basic.name, basic.pass);
      return toUserCtx(await usersDb.multiUserSession(login.sessionID));
    } catch {
      return ANONYMOUS;
    }
  }

  async function readSecurity(dbName: string): Promise<unknown> {
    // Never open a database that does not exist: PouchDB would create it.
    const all = await (LocalPouch as unknown as AllDbsStatic).allDbs();
    if (!all.includes(dbName)) return undefined;
    const db = (await getOrCreateDB(LocalPouch, dbName)) as PouchDB.Database;
    try {
      const doc = (await db.get('_local/_security')) as { security?: unknown };
      return doc.security ?? {};
    } catch {
      return {};
    }
  }

  async function close(): Promise<void> {
    const cache = (LocalPouch as unknown as { __dbCacheMap?: Map<string, PouchDB.Database> }).__dbCacheMap;
    const dbs = [...(cache?.values() ?? [])];
    await Promise.allSettled(dbs.map((db) => db.close()));
  }

  return {
    handle: (req, res, next) => app(req, res, next),
    Local: LocalPouch as unknown as PouchDB.Static,
    allDbs: () => (LocalPouch as unknown as AllDbsStatic).allDbs(),
    authenticate,
    readSecurity,
    database: async (dbName) => {
      const db = (await getOrCreateDB(LocalPouch, dbName)) as PouchDB.Database;
      // Each live feed listens for the database's destruction: a workshop's laptops keep
      // dozens open on the library at once, far past Node's warning at ten.
      (db as unknown as { setMaxListeners(n: number): void }).setMaxListeners(1000);
      return db;
    },
    close,
  };
}
