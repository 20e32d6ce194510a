/**
 * The default-deny gateway in front of express-pouchdb. Every request is classified
 * (shared/sync/gateway-routes.ts); only the routes that sign-in, replication and the app
 * use are open to non-admins, and each database route is checked here against the
 * database's `_security` and the caller's session before express-pouchdb sees it.
 * Bodies are read here with a size bound, gzip is undone, and JSON is parsed once, so a
 * malformed or oversized request is answered with a JSON reason and never reaches code
 * that could crash on it. Known express-pouchdb 4.2.0 defects this closes: a non-admin
 * `PUT /<new-db>` crashing the process, `_bulk_get` and `_find` ignoring `_security`,
 * and `_all_dbs` answering anonymous callers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CouchRefusal,
  couchBulkDocs,
  couchDocument,
  couchLocalDocument,
  jsonDepthExceeds,
  MAX_JSON_DEPTH,
} from '../../shared/sync/couch-doc';
import {
  bodyLimit,
  checkQuery,
  classifyRequest,
  QueryRefusal,
  type Route,
} from '../../shared/sync/gateway-routes';
import { isAllowedOrigin } from '../../shared/sync/names';
import { isMember, isServerAdmin, type UserCtx } from '../../shared/sync/security';
import { BodyError, decodeBody, readBody } from './body';
import {
  liveFeedKind,
  serveLiveChanges,
  serveNormalChanges,
  servesItself,
  type ChangesSource,
} from './live-changes';
import { isMultipartRelated, multipartDocument } from './multipart';
import type { PouchServer } from './pouch-server';
import { refusal } from './validation';

type Next = (err?: unknown) => void;

interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  _body?: boolean;
}

export function sendJson(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

const CORS_METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
const CORS_HEADERS =
  'Accept, Authorization, Content-Type, Content-Encoding, Origin, Referer, X-Requested-With';

/** CORS for the app's own origins only, with credentials (the session cookie). */
function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Vary', 'Origin');
  if (typeof origin !== 'string' || !isAllowedOrigin(origin)) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  res.setHeader('Access-Control-Expose-Headers', 'Content-Type, Cache-Control, ETag, Server');
}

function deny(res: ServerResponse, user: UserCtx, reason: string): void {
  if (user.name === null) {
    sendJson(res, 401, { error: 'unauthorized', reason: `Sign in first: ${reason}` });
  } else {
    sendJson(res, 403, { error: 'forbidden', reason });
  }
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
}

function refused(error: CouchRefusal | QueryRefusal): BodyError {
  return error instanceof CouchRefusal
    ? new BodyError(error.status, error.error, error.message)
    : new BodyError(400, error.error, error.message);
}

/** JSON as CouchDB reads it, refusing bodies nested deeper than any document of ours. */
function parseJsonBody(text: string): unknown {
  if (jsonDepthExceeds(text)) {
    throw new BodyError(
      400,
      'bad_request',
      `The request body is nested more than ${MAX_JSON_DEPTH} levels deep; no workbench document is.`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyError(400, 'bad_request', 'invalid UTF-8 JSON');
  }
}

/** Keeps only the query parameters CouchDB knows for this request, each of its kind. */
function prepareQuery(req: ParsedRequest, route: Route, method: string): void {
  if (route.kind !== 'db') return;
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  if (mark < 0) return;
  const query = checkQuery(route, method, new URLSearchParams(url.slice(mark + 1)));
  const rest = new URLSearchParams(query).toString();
  req.url = url.slice(0, mark) + (rest === '' ? '' : `?${rest}`);
}

/**
 * Reads, decodes and parses the body as the route expects, and leaves, where
 * body-parser looks, the body CouchDB would act on: a written document is the one
 * CouchDB would store (shared/sync/couch-doc.ts), or the request is refused as CouchDB
 * refuses it.
 */
async function prepareBody(req: ParsedRequest, route: Route, method: string): Promise<void> {
  if (route.kind === 'admin') return;
  const kind = route.body;
  if (kind === 'raw') {
    // Attachments stream through unread; their size is bound by the declared length,
    // which Node's HTTP parser enforces.
    const declared = req.headers['content-length'];
    if (declared === undefined) {
      throw new BodyError(411, 'length_required', 'Send attachments with a Content-Length header.');
    }
    if (Number(declared) > bodyLimit(route)) {
      throw new BodyError(
        413,
        'too_large',
        `The attachment is larger than ${bodyLimit(route) / 1024 / 1024} MB.`,
        true,
      );
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding !== 'identity') {
      throw new BodyError(415, 'bad_content_type', 'Attachments must be sent without Content-Encoding.');
    }
    return;
  }
  const writesDocument =
    route.kind === 'db' && (route.op === 'doc' || route.op === 'local') && method === 'PUT';
  if (!hasBody(req) && !writesDocument) return;
  const limit = bodyLimit(route);
  const raw = hasBody(req) ? await readBody(req, limit) : Buffer.alloc(0);
  const body = await decodeBody(raw, req.headers['content-encoding'], limit);
  delete req.headers['content-encoding'];
  req.headers['content-length'] = String(body.length);
  if (kind === 'none') {
    req.body = {};
    req._body = true;
    return;
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (kind === 'form-or-json' && type.startsWith('application/x-www-form-urlencoded')) {
    req.body = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    req._body = true;
    return;
  }
  let parsed: unknown;
  if (writesDocument && route.kind === 'db' && route.op === 'doc' && isMultipartRelated(type)) {
    parsed = multipartDocument(body, req.headers['content-type'] ?? '', parseJsonBody, limit);
    // From here on it is the JSON document it stands for.
    req.headers['content-type'] = 'application/json';
    req.headers['content-length'] = String(Buffer.byteLength(JSON.stringify(parsed)));
  } else {
    const text = body.toString('utf8');
    if (text.trim() === '' && !writesDocument) {
      req.body = {};
      req._body = true;
      return;
    }
    parsed = parseJsonBody(text);
  }
  req.body = canonicalBody(route, parsed, new URL(req.url ?? '/', 'http://hub').searchParams);
  req._body = true;
}

function bad(reason: string): never {
  throw new BodyError(400, 'bad_request', reason);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRev = (value: unknown): boolean => typeof value === 'string' && /^\d+-./.test(value);

/**
 * The body as CouchDB reads it for this route, in the only shapes express-pouchdb and
 * PouchDB are given: written documents as CouchDB would store them, and the lists that
 * replication sends checked element by element.
 */
function canonicalBody(route: Route, body: unknown, query: URLSearchParams): Record<string, unknown> {
  if (route.kind !== 'db') {
    if (!isObject(body)) bad('Request body must be a JSON object');
    return body;
  }
  const queryRev = query.get('rev') ?? undefined;
  switch (route.op) {
    case 'doc':
      return couchDocument(body, {
        pathId: route.docId ?? '',
        ...(queryRev === undefined ? {} : { queryRev }),
      });
    case 'local':
      return couchLocalDocument(body, route.docId ?? '', queryRev);
    case 'bulk_docs': {
      if (!isObject(body)) bad('Request body must be a JSON object');
      if (body['docs'] === undefined) bad('POST body must include `docs` parameter.');
      if (!Array.isArray(body['docs'])) bad('`docs` parameter must be an array.');
      const checked = couchBulkDocs(body);
      // Local documents hold the database's own settings (`_local/_security`): never in bulk.
      if (checked.docs.some((doc) => typeof doc['_id'] === 'string' && doc['_id'].startsWith('_local/'))) {
        bad('Local documents cannot be written in bulk here; use PUT /<db>/_local/<id>.');
      }
      return checked;
    }
    case 'bulk_get': {
      if (!isObject(body)) bad('Request body must be a JSON object');
      const docs = body['docs'];
      if (!Array.isArray(docs)) bad("Missing JSON list of 'docs'.");
      for (const doc of docs) {
        if (!isObject(doc) || typeof doc['id'] !== 'string') bad('Each entry of "docs" needs an "id".');
        if (doc['id'].startsWith('_local/'))
          bad('Local documents cannot be read in bulk; use /<db>/_local/<id>.');
        if (doc['rev'] !== undefined && !isRev(doc['rev'])) bad('Invalid rev format');
        const since = doc['atts_since'];
        if (since !== undefined && (!Array.isArray(since) || !since.every(isRev))) {
          bad('"atts_since" must be a list of revisions.');
        }
      }
      return { docs };
    }
    case 'revs_diff': {
      if (!isObject(body)) bad('Request body must be a JSON object');
      for (const revs of Object.values(body)) {
        if (!Array.isArray(revs) || !revs.every(isRev)) {
          bad('Each document in a revs_diff request needs a list of revisions.');
        }
      }
      return body;
    }
    case 'all_docs':
    case 'changes': {
      if (!isObject(body)) bad('Request body must be a JSON object');
      for (const key of ['keys', 'doc_ids']) {
        const list = body[key];
        if (list !== undefined && (!Array.isArray(list) || list.some((id) => typeof id !== 'string'))) {
          bad(`"${key}" must be a list of document ids.`);
        }
      }
      if (body['selector'] !== undefined && !isObject(body['selector'])) bad('"selector" must be an object.');
      return body;
    }
    default:
      if (!isObject(body)) bad('Request body must be a JSON object');
      return body;
  }
}

function forbidden(res: ServerResponse, reason: string): false {
  sendJson(res, 403, { error: 'forbidden', reason });
  return false;
}

/**
 * The document as it would be after an attachment is added or removed, for
 * validate_doc_update (CouchDB validates attachment writes as document updates):
 * `undefined` where the store answers the conflict itself (no revision given for a
 * document that exists, or a revision that is not its latest), `'conflict'` for a
 * revision given on a document that does not exist (PouchDB would create it; CouchDB
 * answers 409), and for a new document the one CouchDB would try to write: just the id
 * and the attachment, which our validation refuses.
 */
async function afterAttachmentWrite(
  server: PouchServer,
  route: Extract<Route, { kind: 'db' }>,
  method: string,
  query: URLSearchParams,
): Promise<Record<string, unknown> | 'conflict' | undefined> {
  const db = await server.database(route.db);
  const rev = query.get('rev');
  let current: Record<string, unknown> | undefined;
  try {
    current = (await db.get(route.docId ?? '')) as unknown as Record<string, unknown>;
  } catch {
    current = undefined;
  }
  if (current === undefined) {
    if (rev || method === 'DELETE') return 'conflict';
    return { _id: route.docId, _attachments: { [route.attachment ?? '']: { stub: true } } };
  }
  if (current['_rev'] !== rev) return undefined;
  const name = route.attachment ?? '';
  const kept = Object.entries((current['_attachments'] as Record<string, unknown> | undefined) ?? {}).filter(
    ([key]) => key !== name,
  );
  const attachments = Object.fromEntries(method === 'DELETE' ? kept : [...kept, [name, { stub: true }]]);
  return { ...current, _attachments: attachments };
}

/**
 * Applies validate_doc_update to a write. A single document is refused with 403; in a
 * `_bulk_docs`, refused documents are answered per document (as CouchDB does) and the
 * rest go through, so one bad document never blocks a replication.
 */
async function checkWrite(
  req: ParsedRequest,
  res: ServerResponse,
  server: PouchServer,
  route: Extract<Route, { kind: 'db' }>,
  method: string,
  user: UserCtx,
): Promise<boolean> {
  const security = await server.readSecurity(route.db);
  if (route.op === 'doc' && method === 'PUT') {
    const reason = refusal(route.db, req.body, user, security);
    return reason === undefined ? true : forbidden(res, reason);
  }
  if (route.op === 'doc') {
    // Deleting a document: the writer check alone, as validate_doc_update returns early.
    const reason = refusal(route.db, { _id: route.docId, _deleted: true }, user, security);
    return reason === undefined ? true : forbidden(res, reason);
  }
  if (route.op === 'attachment') {
    if ((route.attachment ?? '').startsWith('_')) {
      throw new BodyError(
        400,
        'bad_request',
        `Attachment name '${route.attachment ?? ''}' starts with prohibited character '_'`,
      );
    }
    const query = new URL(req.url ?? '/', 'http://hub').searchParams;
    const after = await afterAttachmentWrite(server, route, method, query);
    if (after === 'conflict') {
      sendJson(
        res,
        method === 'DELETE' ? 404 : 409,
        method === 'DELETE'
          ? { error: 'not_found', reason: 'missing' }
          : { error: 'conflict', reason: 'Document update conflict.' },
      );
      return false;
    }
    const reason =
      after === undefined
        ? refusal(route.db, { _id: route.docId, _deleted: true }, user, security)
        : refusal(route.db, after, user, security);
    return reason === undefined ? true : forbidden(res, reason);
  }
  if (route.op !== 'bulk_docs') return true;
  const body = req.body as { docs: Record<string, unknown>[]; new_edits?: boolean };
  const verdicts = body.docs.map((doc) => refusal(route.db, doc, user, security));
  if (verdicts.every((v) => v === undefined)) return true;
  const replicated = body.new_edits === false;
  const errorFor = (doc: Record<string, unknown>, reason: string) => ({
    id: doc['_id'],
    error: 'forbidden',
    reason,
  });
  const refused = body.docs.flatMap((doc, i) =>
    verdicts[i] === undefined ? [] : [errorFor(doc, verdicts[i] as string)],
  );
  const original = body.docs;
  const accepted = original.filter((_, i) => verdicts[i] === undefined);
  if (accepted.length === 0) {
    const answer = JSON.stringify(body.docs.map((doc, i) => errorFor(doc, verdicts[i] as string)));
    res.statusCode = 201;
    res.setHeader('Content-Type', 'application/json');
    res.end(answer);
    return false;
  }
  body.docs = accepted;
  // Weave the refusals back into express-pouchdb's answer, in the order of the request.
  interceptJson(res, (answer) => {
    if (!Array.isArray(answer)) return answer;
    if (replicated) return [...refused, ...answer];
    const queue = [...answer];
    return verdicts.map((verdict, i) =>
      verdict === undefined ? queue.shift() : errorFor(original[i] ?? {}, verdict),
    );
  });
  return true;
}

/** Buffers a JSON answer and rewrites it before it is sent. */
function interceptJson(res: ServerResponse, transform: (body: unknown) => unknown): void {
  const chunks: Buffer[] = [];
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.write = ((chunk: unknown) => {
    if (chunk !== undefined && chunk !== null) chunks.push(Buffer.from(chunk as string));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== 'function')
      chunks.push(Buffer.from(chunk as string));
    let text = Buffer.concat(chunks as unknown as Uint8Array[]).toString('utf8');
    try {
      text = JSON.stringify(transform(JSON.parse(text)));
    } catch {
      // not JSON: sent as it was
    }
    if (!res.headersSent) res.setHeader('Content-Length', Buffer.byteLength(text));
    return end(text);
  }) as typeof res.end;
}

export function createGateway(server: PouchServer) {
  return async function gateway(req: ParsedRequest, res: ServerResponse, next: Next): Promise<void> {
    applyCors(req, res);
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', CORS_METHODS);
      res.setHeader('Access-Control-Allow-Headers', CORS_HEADERS);
      res.setHeader('Access-Control-Max-Age', '600');
      res.statusCode = 204;
      res.end();
      return;
    }
    try {
      const route = classifyRequest(method, req.url ?? '/');
      const user = await server.authenticate(req.headers);
      if (route.kind === 'admin') {
        if (!isServerAdmin(user)) {
          deny(res, user, 'only the hub administrator may do this.');
          return;
        }
        next();
        return;
      }
      if (route.kind === 'db' && !isServerAdmin(user)) {
        // The same answer whether the database is missing or closed to this user: the
        // reply never tells anyone which other databases exist.
        const security = await server.readSecurity(route.db);
        if (security === undefined || !isMember(user, security)) {
          deny(res, user, `you are not a member of the database ${route.db}.`);
          return;
        }
      }
      prepareQuery(req, route, method);
      await prepareBody(req, route, method);
      if (route.kind === 'db' && route.access === 'write') {
        if (!(await checkWrite(req, res, server, route, method, user))) return;
      }
      if (route.kind === 'db' && route.op === 'changes') {
        // Live feeds are served here: express-pouchdb's leave a timer behind (live-changes.ts);
        // so are built-in filters, which express-pouchdb takes for design documents' names.
        const query = new URL(req.url ?? '/', 'http://hub').searchParams;
        const kind = liveFeedKind(query);
        const filter = query.get('filter');
        if (!kind && (filter === '_selector' || filter === '_doc_ids')) {
          if (!(await server.allDbs()).includes(route.db)) {
            sendJson(res, 404, { error: 'not_found', reason: 'Database does not exist.' });
            return;
          }
          const db = (await server.database(route.db)) as unknown as ChangesSource;
          const body = (req.body ?? undefined) as Record<string, unknown> | undefined;
          await serveNormalChanges(db, query, body, res);
          return;
        }
        if (kind && servesItself(query)) {
          // Opening a database that does not exist would create it.
          if (!(await server.allDbs()).includes(route.db)) {
            sendJson(res, 404, { error: 'not_found', reason: 'Database does not exist.' });
            return;
          }
          const db = (await server.database(route.db)) as unknown as ChangesSource;
          const body = (req.body ?? undefined) as Record<string, unknown> | undefined;
          await serveLiveChanges(db, kind, query, body, req, res);
          return;
        }
      }
      next();
    } catch (thrown) {
      const error =
        thrown instanceof CouchRefusal || thrown instanceof QueryRefusal ? refused(thrown) : thrown;
      if (error instanceof BodyError) {
        if (error.closeConnection) res.setHeader('Connection', 'close');
        sendJson(res, error.status, { error: error.error, reason: error.message });
        if (error.closeConnection) req.destroy();
        return;
      }
      next(error);
    }
  };
}

/** The last handler: whatever went wrong is a JSON answer, never a crash. */
export function errorHandler(err: unknown, _req: IncomingMessage, res: ServerResponse, next: Next): void {
  void next;
  console.error('hub: request failed:', err);
  sendJson(res, 500, { error: 'internal_error', reason: 'The hub could not handle this request.' });
}
