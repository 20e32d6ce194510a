/**
 * What Apache CouchDB 3 makes of a document body before it stores anything
 * (couch_doc:from_json_obj_validate and chttpd_db's PUT and `_bulk_docs` handlers), as
 * pure functions. The hub's gateway runs every written body through `couchDocument`, so
 * a body CouchDB would refuse is refused with CouchDB's status and reason, and the body
 * handed on to PouchDB is the document CouchDB would store: the path's id, known special
 * fields only, attachments whose data is really there. PouchDB's own write path assumes
 * these shapes and, given others, throws where nobody catches it (see docs/architecture.md,
 * "What the gateway passes").
 */

export class CouchRefusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    reason: string,
  ) {
    super(reason);
  }
}

const badRequest = (reason: string) => new CouchRefusal(400, 'bad_request', reason);
const docValidation = (reason: string) => new CouchRefusal(400, 'doc_validation', reason);
const illegalDocId = (reason: string) => new CouchRefusal(400, 'illegal_docid', reason);

/**
 * How deeply a request body may nest. CouchDB has no such number, but no workbench
 * document comes near it (a response is five levels deep), and PouchDB's recursive
 * copies and serialisers fail on bodies thousands of levels deep.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The deepest nesting of objects and arrays in a JSON text, counted without parsing it
 * (so a body nested a million levels costs one pass over its bytes). Stops counting
 * once past `limit`.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** couch_doc:validate_docid. */
export function checkDocId(id: unknown): string {
  if (typeof id !== 'string') throw illegalDocId('Document id must be a string');
  if (id === '') throw illegalDocId('Document id must not be empty');
  if (id === '_design/') throw illegalDocId('Illegal document id `_design/`');
  if (id === '_local/') throw illegalDocId('Illegal document id `_local/`');
  if (LONE_SURROGATE.test(id)) throw illegalDocId('Document id must be valid UTF-8');
  if (id.startsWith('_') && !id.startsWith('_design/') && !id.startsWith('_local/')) {
    throw illegalDocId('Only reserved document ids may start with underscore.');
  }
  return id;
}

/** couch_doc:parse_rev: `N-id` with N a whole number. */
export function checkRev(rev: unknown): string {
  if (typeof rev !== 'string' || !/^\d+-./.test(rev)) throw badRequest('Invalid rev format');
  return rev;
}

const HEX32 = /^[0-9a-fA-F]{32}$/;

function checkRevisions(value: unknown): { start: number; ids: string[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw docValidation('Bad special document member: _revisions');
  }
  const { start, ids } = value as Record<string, unknown>;
  if (typeof start !== 'number' || !Number.isInteger(start)) {
    throw docValidation("_revisions.start isn't an integer.");
  }
  if (!Array.isArray(ids)) throw docValidation("_revisions.ids isn't a array.");
  for (const id of ids) {
    if (typeof id !== 'string') throw docValidation("RevId isn't a string");
    if (id.length === 32 && !HEX32.test(id)) throw docValidation("RevId isn't a valid hexadecimal");
  }
  // CouchDB takes these and fails later, deep in the revision tree; so would PouchDB.
  if (ids.length === 0 || start < ids.length) {
    throw docValidation('_revisions must list at least one revision, and no more than its start.');
  }
  return { start, ids: ids as string[] };
}

/** Base64 as Erlang's `base64:decode` takes it (whitespace between groups allowed). */
function isBase64(data: string): boolean {
  const compact = data.replace(/[\s]/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 !== 1;
}

export interface AttachmentRules {
  /** True for a multipart/related PUT, whose attachments may say `follows`. */
  multipart?: boolean;
}

/** couch_att:from_json for every attachment, and chttpd's attachment-name rule. */
function checkAttachments(value: unknown, rules: AttachmentRules): Record<string, Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw docValidation('Bad special document member: _attachments');
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, raw] of Object.entries(value)) {
    // CouchDB's list comprehension skips entries that are not objects.
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) continue;
    if (name.startsWith('_')) {
      throw badRequest(`Attachment name '${name}' starts with prohibited character '_'`);
    }
    if (LONE_SURROGATE.test(name)) throw badRequest(`Attachment name '${name}' is not UTF-8 encoded`);
    const att = { ...(raw as Record<string, unknown>) };
    const type = att['content_type'];
    if (type === undefined) att['content_type'] = 'application/octet-stream';
    else if (typeof type !== 'string')
      throw badRequest(`The content_type of attachment ${name} must be text.`);
    if (att['stub'] === true) {
      out[name] = att; // the store answers 412 missing_stub when the revision lacks it
      continue;
    }
    if (att['follows'] === true) {
      if (!rules.multipart) {
        throw badRequest(
          `Attachment ${name} says its data follows, but the request is not multipart/related.`,
        );
      }
      out[name] = att;
      continue;
    }
    const data = att['data'];
    if (typeof data !== 'string' || !isBase64(data)) throw badRequest(`Invalid attachment data for ${name}`);
    out[name] = att;
  }
  return out;
}

/** Special fields CouchDB reads and drops, and those it keeps in the body as they are. */
const IGNORED = new Set(['_revs_info', '_local_seq', '_conflicts', '_deleted_conflicts']);
const KEPT = new Set([
  '_replication_state',
  '_replication_state_time',
  '_replication_state_reason',
  '_replication_id',
  '_replication_stats',
]);

export interface DocumentTarget extends AttachmentRules {
  /** The id from the request path (a PUT); the body's `_id` is checked, then replaced by it. */
  pathId?: string;
  /** The `rev` query parameter of a PUT. */
  queryRev?: string;
}

/**
 * The document CouchDB would store for this body, or a CouchRefusal with CouchDB's
 * status, error and reason. Fields are checked in the body's order, as CouchDB does,
 * so the first problem is the one reported.
 */
export function couchDocument(body: unknown, target: DocumentTarget = {}): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('Document must be a JSON object');
  }
  const doc: Record<string, unknown> = {};
  let revisions: { start: number; ids: string[] } | undefined;
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('_')) {
      doc[key] = value;
      continue;
    }
    if (IGNORED.has(key)) continue;
    if (KEPT.has(key)) {
      doc[key] = value;
      continue;
    }
    switch (key) {
      case '_id':
        doc['_id'] = checkDocId(value);
        break;
      case '_rev':
        doc['_rev'] = checkRev(value);
        break;
      case '_revisions':
        revisions = checkRevisions(value);
        doc['_revisions'] = revisions;
        break;
      case '_attachments':
        doc['_attachments'] = checkAttachments(value, target);
        break;
      case '_deleted':
        if (typeof value !== 'boolean') throw docValidation('Bad special document member: _deleted');
        doc['_deleted'] = value;
        break;
      default:
        throw docValidation(`Bad special document member: ${key}`);
    }
  }
  if (revisions && typeof doc['_rev'] === 'string') {
    // With both, CouchDB takes the revision from `_revisions`.
    doc['_rev'] = `${revisions.start}-${revisions.ids[0]}`;
  }
  if (target.pathId !== undefined) {
    doc['_id'] = checkDocId(target.pathId);
    if (target.queryRev !== undefined) {
      const rev = checkRev(target.queryRev);
      if (doc['_rev'] !== undefined && doc['_rev'] !== rev) {
        throw badRequest('Document rev from request body and query string have different values');
      }
      doc['_rev'] = rev;
    }
  }
  return doc;
}

/**
 * A `_local` document as CouchDB keeps it: the path's id, a body, `_rev` and `_deleted`;
 * attachments and revision histories belong to replicated documents only.
 */
export function couchLocalDocument(
  body: unknown,
  pathId: string,
  queryRev?: string,
): Record<string, unknown> {
  const doc = couchDocument(body, { pathId, ...(queryRev === undefined ? {} : { queryRev }) });
  delete doc['_attachments'];
  delete doc['_revisions'];
  return doc;
}

/** The body of `POST /db/_bulk_docs`, every document checked; one bad document refuses the request. */
export function couchBulkDocs(body: Record<string, unknown>): {
  docs: Record<string, unknown>[];
  new_edits?: boolean;
} {
  const { docs, new_edits: newEdits } = body;
  if (!Array.isArray(docs)) throw badRequest("Missing JSON list of 'docs'");
  if (newEdits !== undefined && typeof newEdits !== 'boolean') {
    throw badRequest('"new_edits" must be true or false.');
  }
  const checked = docs.map((doc) => couchDocument(doc));
  return newEdits === undefined ? { docs: checked } : { docs: checked, new_edits: newEdits };
}
