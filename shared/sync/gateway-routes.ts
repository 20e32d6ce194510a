/**
 * The hub's route table: which requests a non-admin may make at all. Default deny —
 * only what sign-in, replication and the app use is listed; everything else (listing
 * databases, `_find`, creating or deleting databases, `_security`, design document
 * writes, `_config`, `_users`, unknown paths) is for server admins only. The gateway
 * (server/hub/gateway.ts) then checks database routes against the database's
 * `_security` and the signed-in user.
 */

export type Access = 'read' | 'write';

/** How the gateway must treat the body before express-pouchdb sees it. */
export type BodyKind = 'none' | 'json' | 'form-or-json' | 'raw';

export type DbOp =
  | 'info'
  | 'changes'
  | 'all_docs'
  | 'revs_diff'
  | 'bulk_docs'
  | 'bulk_get'
  | 'ensure_full_commit'
  | 'doc'
  | 'design_read'
  | 'local'
  | 'attachment';

export type Route =
  | { kind: 'public'; body: BodyKind }
  | { kind: 'admin' }
  | { kind: 'db'; db: string; op: DbOp; access: Access; body: BodyKind; docId?: string };

const ADMIN: Route = { kind: 'admin' };

/** CouchDB's rule for database names, without `/` (which our databases never use). */
const DB_NAME = /^[a-z][a-z0-9_$()+-]{0,237}$/;

/** Splits a path into decoded segments; undefined when it is malformed or odd (`//`, `..`). */
export function pathSegments(rawPath: string): string[] | undefined {
  const path = rawPath.split('?', 1)[0] ?? '';
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // one trailing slash, as express allows
  if (parts.length === 1 && parts[0] === '') return [];
  const decoded: string[] = [];
  for (const part of parts) {
    let value: string;
    try {
      value = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (value === '' || value === '.' || value === '..') return undefined;
    decoded.push(value);
  }
  return decoded;
}

function db(name: string, op: DbOp, access: Access, body: BodyKind, docId?: string): Route {
  return docId === undefined
    ? { kind: 'db', db: name, op, access, body }
    : { kind: 'db', db: name, op, access, body, docId };
}

/** Classifies one request. `method` is upper case; HEAD counts as GET. */
export function classifyRequest(method: string, rawPath: string): Route {
  const m = method === 'HEAD' ? 'GET' : method;
  const parts = pathSegments(rawPath);
  if (parts === undefined) return ADMIN;
  const [first, second, third, ...more] = parts;
  if (first === undefined) return m === 'GET' ? { kind: 'public', body: 'none' } : ADMIN;
  if (first === '_session' && second === undefined) {
    if (m === 'GET' || m === 'DELETE') return { kind: 'public', body: 'none' };
    if (m === 'POST') return { kind: 'public', body: 'form-or-json' };
    return ADMIN;
  }
  if (!DB_NAME.test(first)) return ADMIN; // `_all_dbs`, `_users`, `_config`, … and junk
  if (second === undefined) return m === 'GET' ? db(first, 'info', 'read', 'none') : ADMIN;

  if (second.startsWith('_')) {
    if (third === undefined) {
      switch (`${m} ${second}`) {
        case 'GET _changes':
        case 'GET _all_docs':
          return db(first, second === '_changes' ? 'changes' : 'all_docs', 'read', 'none');
        case 'POST _changes':
        case 'POST _all_docs':
          return db(first, second === '_changes' ? 'changes' : 'all_docs', 'read', 'json');
        case 'POST _revs_diff':
          return db(first, 'revs_diff', 'read', 'json');
        case 'POST _bulk_get':
          return db(first, 'bulk_get', 'read', 'json');
        case 'POST _bulk_docs':
          return db(first, 'bulk_docs', 'write', 'json');
        case 'POST _ensure_full_commit':
          return db(first, 'ensure_full_commit', 'read', 'none');
      }
      return ADMIN;
    }
    if (more.length > 0) return ADMIN; // views, shows, design attachments, …
    // Replication checkpoints (PouchDB's ids may start with `_`). `_local/_security` is
    // where express-pouchdb keeps the security object itself: only the admin touches it.
    if (second === '_local' && third !== '_security') {
      if (m === 'GET') return db(first, 'local', 'read', 'none', `_local/${third}`);
      if (m === 'PUT') return db(first, 'local', 'read', 'json', `_local/${third}`);
      if (m === 'DELETE') return db(first, 'local', 'read', 'none', `_local/${third}`);
    }
    if (second === '_design' && m === 'GET') return db(first, 'design_read', 'read', 'none');
    return ADMIN;
  }

  if (third === undefined) {
    if (m === 'GET') return db(first, 'doc', 'read', 'none', second);
    if (m === 'PUT') return db(first, 'doc', 'write', 'json', second);
    if (m === 'DELETE') return db(first, 'doc', 'write', 'none', second);
    return ADMIN;
  }
  if (m === 'GET') return db(first, 'attachment', 'read', 'none', second);
  if (m === 'PUT') return db(first, 'attachment', 'write', 'raw', second);
  if (m === 'DELETE') return db(first, 'attachment', 'write', 'none', second);
  return ADMIN;
}

export const MB = 1024 * 1024;

/** Largest request body accepted (after gzip decompression) for a route. */
export function bodyLimit(route: Route): number {
  if (route.kind === 'admin') return 64 * MB;
  if (route.kind === 'public') return 64 * 1024;
  if (route.op === 'bulk_docs' || route.op === 'doc' || route.op === 'attachment') return 50 * MB;
  return 4 * MB;
}
