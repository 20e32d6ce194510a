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
import { bodyLimit, classifyRequest, type Route } from '../../shared/sync/gateway-routes';
import { isAllowedOrigin } from '../../shared/sync/names';
import { isMember, isServerAdmin, type UserCtx } from '../../shared/sync/security';
import { BodyError, decodeBody, readBody } from './body';
import { liveFeedKind, serveLiveChanges, servesItself, type ChangesSource } from './live-changes';
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

/** Reads, decodes and parses the body as the route expects, leaving it where body-parser looks. */
async function prepareBody(req: ParsedRequest, route: Route): Promise<void> {
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
  if (!hasBody(req)) return;
  const limit = bodyLimit(route);
  const raw = await readBody(req, limit);
  const body = await decodeBody(raw, req.headers['content-encoding'], limit);
  delete req.headers['content-encoding'];
  req.headers['content-length'] = String(body.length);
  const text = body.toString('utf8');
  if (kind === 'none') {
    req.body = {};
    req._body = true;
    return;
  }
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (kind === 'form-or-json' && type.startsWith('application/x-www-form-urlencoded')) {
    req.body = Object.fromEntries(new URLSearchParams(text));
    req._body = true;
    return;
  }
  if (text.trim() === '') {
    req.body = {};
    req._body = true;
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BodyError(400, 'bad_request', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BodyError(400, 'bad_request', 'The request body must be a JSON object.');
  }
  checkShape(route, parsed as Record<string, unknown>);
  req.body = parsed;
  req._body = true;
}

/** The shapes express-pouchdb assumes without checking (it throws on anything else). */
function checkShape(route: Route, body: Record<string, unknown>): void {
  if (route.kind !== 'db') return;
  const bad = (reason: string): never => {
    throw new BodyError(400, 'bad_request', reason);
  };
  const list = (key: string, required: boolean) => {
    const value = body[key];
    if (value === undefined ? required : !Array.isArray(value)) bad(`"${key}" must be a list.`);
    if (Array.isArray(value) && value.some((v) => typeof v !== 'object' || v === null) && key === 'docs') {
      bad('Each entry of "docs" must be an object.');
    }
  };
  if (route.op === 'bulk_docs' || route.op === 'bulk_get') {
    list('docs', true);
    // Local documents hold the database's own settings (`_local/_security`): never in bulk.
    const ids = (body['docs'] as { _id?: unknown; id?: unknown }[]).map((d) => d._id ?? d.id);
    if (ids.some((id) => typeof id === 'string' && id.startsWith('_local/'))) {
      bad('Local documents cannot be read or written in bulk; use /<db>/_local/<id>.');
    }
  }
  if (route.op === 'all_docs' || route.op === 'changes') {
    if (body['keys'] !== undefined && !Array.isArray(body['keys'])) bad('"keys" must be a list.');
    if (body['doc_ids'] !== undefined && !Array.isArray(body['doc_ids'])) bad('"doc_ids" must be a list.');
  }
  if (route.op === 'revs_diff' && Object.values(body).some((revs) => !Array.isArray(revs))) {
    bad('Each document in a revs_diff request needs a list of revisions.');
  }
}

function forbidden(res: ServerResponse, reason: string): false {
  sendJson(res, 403, { error: 'forbidden', reason });
  return false;
}

/**
 * Applies validate_doc_update to a write. A single document is refused with 403; in a
 * `_bulk_docs`, refused documents are answered per document (as CouchDB does) and the
 * rest go through, so one bad document never blocks a replication.
 */
function checkWrite(
  req: ParsedRequest,
  res: ServerResponse,
  route: Extract<Route, { kind: 'db' }>,
  user: UserCtx,
  security: unknown,
): boolean {
  if (route.op === 'doc' && req.method === 'PUT') {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const reason = refusal(route.db, { ...body, _id: route.docId }, user, security);
    return reason === undefined ? true : forbidden(res, reason);
  }
  if (route.op === 'doc' || route.op === 'attachment') {
    // Deleting a document or changing an attachment: the writer check alone.
    const reason = refusal(route.db, { _id: route.docId, _deleted: true }, user, security);
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
      await prepareBody(req, route);
      if (route.kind === 'db' && route.access === 'write') {
        const security = await server.readSecurity(route.db);
        if (!checkWrite(req, res, route, user, security)) return;
      }
      if (route.kind === 'db' && route.op === 'changes') {
        // Live feeds are served here: express-pouchdb's leave a timer behind (live-changes.ts).
        const query = new URL(req.url ?? '/', 'http://hub').searchParams;
        const kind = liveFeedKind(query);
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
    } catch (error) {
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
