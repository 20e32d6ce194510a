/**
 * One server database as the replicator reaches it: the standard CouchDB HTTP API
 * (`_changes`, `_bulk_get`, attachments, `_revs_diff`, `_bulk_docs`, `_local`) and no
 * other endpoint or parameter, so the same requests work against the workshop hub and
 * Apache CouchDB 3 (single node or cluster). Basic auth on every request (no cookie,
 * which a browser would not send cross-origin anyway); request bodies over 1 kB go
 * gzip-compressed (CouchDB and the hub accept `Content-Encoding: gzip`); answers come
 * compressed because browsers and Node ask for gzip by themselves. Every failure is a
 * `CouchError` with the HTTP status (503 when the server could not be reached or the
 * link was cut mid-answer, see shared/sync/fetch.ts).
 */
import { settledStandardFetch } from '@shared/sync/fetch';
import { gzip } from './file-sync';

export interface Credentials {
  url: string;
  name: string;
  password: string;
}

/** A CouchDB sequence: a number on the hub, an opaque string on CouchDB 2 and later. */
export type Seq = number | string;

export interface ChangeRow {
  id: string;
  changes: { rev: string }[];
  deleted?: boolean;
}

export interface Attachment {
  content_type?: string;
  digest?: string;
  length?: number;
  revpos?: number;
  stub?: boolean;
  data?: string;
}

/** A document as replication moves it: with its revision history and attachments. */
export interface ReplicatedDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _revisions?: { start: number; ids: string[] };
  _attachments?: Record<string, Attachment>;
  [field: string]: unknown;
}

/** One document's answer in `_bulk_docs`: ok, or refused with CouchDB's error and reason. */
export interface WriteResult {
  id?: string;
  rev?: string;
  ok?: boolean;
  error?: string;
  reason?: string;
}

export class CouchError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly reason: string,
  ) {
    super(reason || error || `HTTP ${status}`);
    this.name = error || 'couch_error';
  }
}

export function basicAuth(credentials: { name: string; password: string }): string {
  const bytes = new TextEncoder().encode(`${credentials.name}:${credentials.password}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export function serverBase(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/** Request bodies at least this large go up gzip-compressed. */
const COMPRESS_FROM = 1024;

/** Bytes as base64, in pieces small enough for `String.fromCharCode`. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A document id in a path: `_design/` and `_local/` keep their slash, as CouchDB wants. */
export function docPath(id: string): string {
  for (const prefix of ['_design/', '_local/']) {
    if (id.startsWith(prefix)) return prefix + encodeURIComponent(id.slice(prefix.length));
  }
  return encodeURIComponent(id);
}

type Query = Record<string, string | number | boolean | undefined>;

export class CouchRemote {
  /** The database's address without credentials: names the remote in checkpoints. */
  readonly url: string;
  private readonly fetcher: (url: string, init: RequestInit) => Promise<Response>;
  private readonly auth: string;

  constructor(
    credentials: Credentials,
    readonly dbName: string,
    extra: { fetch?: typeof fetch; onBytes?: (n: number) => void } = {},
  ) {
    this.url = `${serverBase(credentials.url)}/${dbName}`;
    this.auth = basicAuth(credentials);
    const raw = extra.fetch ?? ((url: string | URL | Request, init?: RequestInit) => fetch(url, init));
    this.fetcher = settledStandardFetch((url: string, init: RequestInit) => raw(url, init), extra.onBytes);
  }

  private async send(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.size > 0 ? `?${params.toString()}` : '';
    const headers = new Headers({ authorization: this.auth, accept: 'application/json' });
    let body: BodyInit | undefined;
    if (options.body !== undefined) {
      const text = JSON.stringify(options.body);
      headers.set('content-type', 'application/json');
      if (text.length >= COMPRESS_FROM) {
        headers.set('content-encoding', 'gzip');
        body = (await gzip(text)) as BodyInit;
      } else {
        body = text;
      }
    }
    const response = await this.fetcher(`${this.url}${path}${search}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!response.ok) {
      const answer = (await response.json().catch(() => ({}))) as { error?: string; reason?: string };
      throw new CouchError(response.status, answer.error ?? '', answer.reason ?? '');
    }
    return response;
  }

  private async json<T>(
    method: string,
    path: string,
    options: { query?: Query; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    const response = await this.send(method, path, options);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new CouchError(502, 'bad_answer', `The server's answer was not JSON: ${String(error)}`);
    }
  }

  info(signal?: AbortSignal): Promise<{ doc_count: number; update_seq: Seq }> {
    return this.json('GET', '/', signal ? { signal } : {});
  }

  /**
   * One page of the changes feed, every leaf revision of each document (`style=all_docs`).
   * `seq_interval` spares a cluster from encoding a sequence for every row (only
   * `last_seq` is used); the hub ignores it. With `wait`, a long poll that answers at the
   * first change or empty after `timeout`, with a newline every `heartbeat` meanwhile.
   */
  changes(
    since: Seq,
    limit: number,
    options: {
      wait?: { timeout: number; heartbeat: number };
      signal?: AbortSignal;
      /** Only the documents this Mango selector matches (CouchDB's `_selector` filter). */
      selector?: PouchDB.Find.Selector;
    } = {},
  ): Promise<{ results: ChangeRow[]; last_seq: Seq }> {
    return this.json(options.selector ? 'POST' : 'GET', '/_changes', {
      query: {
        style: 'all_docs',
        since: String(since),
        limit,
        seq_interval: limit,
        ...(options.selector ? { filter: '_selector' } : {}),
        ...(options.wait
          ? { feed: 'longpoll', timeout: options.wait.timeout, heartbeat: options.wait.heartbeat }
          : {}),
      },
      ...(options.selector ? { body: { selector: options.selector } } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * The given revisions with their history; attachments as stubs, or inline (base64) with
   * `attachments`. `latest` gives the newest leaf where the asked revision was superseded.
   */
  async bulkGet(
    docs: { id: string; rev: string }[],
    attachments: boolean,
    signal?: AbortSignal,
  ): Promise<{ docs: ReplicatedDoc[]; missing: string[] }> {
    const answer = await this.json<{
      results: { id: string; docs: { ok?: ReplicatedDoc; error?: { id: string; rev: string } }[] }[];
    }>('POST', '/_bulk_get', {
      query: { revs: true, latest: true, ...(attachments ? { attachments: true } : {}) },
      body: { docs },
      ...(signal ? { signal } : {}),
    });
    const found: ReplicatedDoc[] = [];
    const missing: string[] = [];
    for (const result of answer.results) {
      for (const doc of result.docs) {
        if (doc.ok) found.push(doc.ok);
        else missing.push(result.id);
      }
    }
    return { docs: found, missing };
  }

  /** One attachment's bytes as stored (no base64 on the wire), returned as base64 for PouchDB. */
  async attachment(id: string, name: string, rev: string, signal?: AbortSignal): Promise<string> {
    const response = await this.send(
      'GET',
      `/${docPath(id)}/${name.split('/').map(encodeURIComponent).join('/')}`,
      {
        query: { rev },
        ...(signal ? { signal } : {}),
      },
    );
    return toBase64(new Uint8Array(await response.arrayBuffer()));
  }

  revsDiff(
    revs: Record<string, string[]>,
    signal?: AbortSignal,
  ): Promise<Record<string, { missing: string[]; possible_ancestors?: string[] }>> {
    return this.json('POST', '/_revs_diff', { body: revs, ...(signal ? { signal } : {}) });
  }

  /** Writes revisions as they are (`new_edits: false`): the sender's revision tree, no new revisions. */
  bulkDocs(docs: ReplicatedDoc[], signal?: AbortSignal): Promise<WriteResult[]> {
    return this.json('POST', '/_bulk_docs', {
      body: { docs, new_edits: false },
      ...(signal ? { signal } : {}),
    });
  }

  async getLocal<T extends object>(
    id: string,
    signal?: AbortSignal,
  ): Promise<(T & { _rev?: string }) | undefined> {
    try {
      return await this.json<T & { _rev?: string }>(
        'GET',
        `/${docPath(`_local/${id}`)}`,
        signal ? { signal } : {},
      );
    } catch (error) {
      if (error instanceof CouchError && error.status === 404) return undefined;
      throw error;
    }
  }

  async putLocal(id: string, body: object, signal?: AbortSignal): Promise<void> {
    await this.json('PUT', `/${docPath(`_local/${id}`)}`, { body, ...(signal ? { signal } : {}) });
  }
}
