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
  | {
      kind: 'db';
      db: string;
      op: DbOp;
      access: Access;
      body: BodyKind;
      docId?: string;
      /** The attachment's name, for attachment routes. */
      attachment?: string;
    };

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
  const attachment = [third, ...more].join('/');
  const route = (access: Access, body: BodyKind): Route => ({
    kind: 'db',
    db: first,
    op: 'attachment',
    access,
    body,
    docId: second,
    attachment,
  });
  if (m === 'GET') return route('read', 'none');
  if (m === 'PUT') return route('write', 'raw');
  if (m === 'DELETE') return route('write', 'none');
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

type ParamKind =
  | 'bool'
  | 'uint'
  | 'heartbeat'
  | 'rev'
  | 'open_revs'
  | 'revs'
  | 'json'
  | 'docid'
  | 'since'
  | readonly string[];

const DOC_READ: Record<string, ParamKind> = {
  rev: 'rev',
  revs: 'bool',
  revs_info: 'bool',
  open_revs: 'open_revs',
  conflicts: 'bool',
  deleted_conflicts: 'bool',
  attachments: 'bool',
  att_encoding_info: 'bool',
  atts_since: 'revs',
  latest: 'bool',
  local_seq: 'bool',
  meta: 'bool',
};

const ALL_DOCS: Record<string, ParamKind> = {
  conflicts: 'bool',
  descending: 'bool',
  include_docs: 'bool',
  inclusive_end: 'bool',
  update_seq: 'bool',
  attachments: 'bool',
  att_encoding_info: 'bool',
  sorted: 'bool',
  stable: 'bool',
  update: ['true', 'false', 'lazy'],
  key: 'docid',
  keys: 'json',
  startkey: 'docid',
  start_key: 'docid',
  endkey: 'docid',
  end_key: 'docid',
  limit: 'uint',
  skip: 'uint',
};

const CHANGES: Record<string, ParamKind> = {
  doc_ids: 'json',
  conflicts: 'bool',
  descending: 'bool',
  include_docs: 'bool',
  attachments: 'bool',
  att_encoding_info: 'bool',
  feed: ['normal', 'longpoll', 'continuous', 'eventsource'],
  filter: ['_doc_ids', '_selector'],
  heartbeat: 'heartbeat',
  limit: 'uint',
  timeout: 'uint',
  seq_interval: 'uint',
  since: 'since',
  style: ['main_only', 'all_docs'],
  'last-event-id': 'since',
};

const REV_ONLY: Record<string, ParamKind> = { rev: 'rev' };

/**
 * The query parameters each request may carry, with their kinds: CouchDB's for that
 * endpoint, no others. express-pouchdb JSON-parses every query value and hands it to
 * PouchDB as an option, so an unknown name or a value of the wrong kind would reach
 * PouchDB in a shape it never expects (`?rev={}`, `?ctx=…`).
 */
function queryParamsFor(route: Route, method: string): Record<string, ParamKind> {
  if (route.kind !== 'db') return {};
  const m = method === 'HEAD' ? 'GET' : method;
  switch (route.op) {
    case 'doc':
      if (m === 'GET') return DOC_READ;
      if (m === 'PUT') return { rev: 'rev', batch: ['ok'], new_edits: 'bool' };
      return { rev: 'rev', batch: ['ok'] };
    case 'design_read':
      return DOC_READ;
    case 'attachment':
    case 'local':
      return REV_ONLY;
    case 'all_docs':
      return ALL_DOCS;
    case 'changes':
      return CHANGES;
    case 'bulk_get':
      return { revs: 'bool', attachments: 'bool', latest: 'bool' };
    default:
      return {};
  }
}

export class QueryRefusal extends Error {
  constructor(
    readonly error: 'bad_request' | 'query_parse_error',
    reason: string,
  ) {
    super(reason);
  }
}

/** The parsed value, or the `invalid` marker when the text is not JSON. */
const invalid = Symbol('invalid JSON');
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalid;
  }
}

const REV = /^\d+-./;

function checkParam(name: string, value: string, kind: ParamKind): void {
  const parse = (reason: string) => new QueryRefusal('query_parse_error', reason);
  if (Array.isArray(kind)) {
    if (!kind.includes(value)) {
      throw parse(`Invalid value for ${name}: ${JSON.stringify(value)}; expected one of ${kind.join(', ')}.`);
    }
    return;
  }
  switch (kind) {
    case 'bool':
      if (value !== 'true' && value !== 'false')
        throw parse(`Invalid boolean parameter: ${JSON.stringify(value)}`);
      return;
    case 'uint':
      if (!/^\d{1,15}$/.test(value)) throw parse(`Invalid value for integer: ${JSON.stringify(value)}`);
      return;
    case 'heartbeat':
      if (value !== 'true' && !/^\d{1,15}$/.test(value)) {
        throw parse(`Invalid heartbeat value: ${JSON.stringify(value)}`);
      }
      return;
    case 'rev':
      if (!REV.test(value)) throw new QueryRefusal('bad_request', 'Invalid rev format');
      return;
    case 'open_revs':
    case 'revs': {
      if (kind === 'open_revs' && value === 'all') return;
      const list = parseJson(value);
      if (!Array.isArray(list) || list.some((rev) => typeof rev !== 'string' || !REV.test(rev))) {
        throw new QueryRefusal('bad_request', `${name} must be a JSON list of revisions.`);
      }
      return;
    }
    case 'json': {
      // `keys` and `doc_ids`, the only JSON lists taken here: document ids.
      const list = parseJson(value);
      if (list === invalid) throw new QueryRefusal('bad_request', 'invalid UTF-8 JSON');
      if (!Array.isArray(list) || list.some((id) => typeof id !== 'string')) {
        throw new QueryRefusal('bad_request', `${name} must be a JSON list of document ids.`);
      }
      return;
    }
    case 'docid': {
      const id = parseJson(value);
      if (id === invalid) throw new QueryRefusal('bad_request', 'invalid UTF-8 JSON');
      if (typeof id !== 'string')
        throw new QueryRefusal('bad_request', `${name} must be a document id in quotes.`);
      return;
    }
    case 'since':
      // `now`, a local sequence number, or CouchDB's opaque `N-…` sequence.
      if (value !== 'now' && !/^\d{1,15}$/.test(value) && !/^\d{1,15}-[A-Za-z0-9_-]+$/.test(value)) {
        throw new QueryRefusal('bad_request', "Malformed sequence supplied in 'since' parameter.");
      }
      return;
  }
}

/**
 * The request's query as the gateway passes it on: only the parameters CouchDB knows
 * for this endpoint, each once (the last given), each of its kind; a value of the wrong
 * kind is refused (QueryRefusal), as CouchDB refuses it, and an unknown name is dropped,
 * as CouchDB ignores it.
 */
export function checkQuery(
  route: Route,
  method: string,
  query: Iterable<readonly [string, string]>,
): [string, string][] {
  const allowed = queryParamsFor(route, method);
  const last = new Map<string, string>();
  for (const [name, value] of query) last.set(name, value);
  const kept: [string, string][] = [];
  for (const [name, value] of last) {
    const kind = allowed[name];
    if (kind === undefined) continue;
    checkParam(name, value, kind);
    kept.push([name, value]);
  }
  return kept;
}
