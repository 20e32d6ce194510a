/**
 * Long-poll and continuous `_changes` feeds, served by the hub itself rather than by
 * express-pouchdb. Its feed starts a heartbeat timer that is cleared only when PouchDB
 * reports the feed complete, and the wrapper it reads changes through never does once
 * the client has gone: every long-poll a device renewed or a cut link left behind kept a
 * timer writing to a closed socket, for ever (a workshop hub gathered one a minute per
 * laptop). Here every timer and listener belongs to the request and is released when it
 * ends, however it ends. The answers are CouchDB's: a long poll answers once with
 * `{"results":[…],"last_seq":…}` (at the first change, or empty at the timeout), a
 * continuous feed writes one change per line and `{"last_seq":…}` at its timeout; both
 * send a newline as heartbeat.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A live changes feed as PouchDB (or its wrappers) gives it. */
export interface LiveFeed {
  on(event: 'change', listener: (change: { seq: number | string }) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  cancel(): void;
}

export interface ChangesSource {
  changes(options: Record<string, unknown>): LiveFeed & PromiseLike<unknown>;
}

export type LiveFeedKind = 'longpoll' | 'continuous';

/** CouchDB's timeout of a feed without one: a minute. */
const DEFAULT_TIMEOUT = 60_000;

export function liveFeedKind(query: URLSearchParams): LiveFeedKind | undefined {
  const feed = query.get('feed');
  return feed === 'longpoll' || feed === 'continuous' ? feed : undefined;
}

function jsonParam(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function flag(query: URLSearchParams, name: string): boolean {
  return query.get(name) === 'true';
}

/** The options of a `_changes` request, as PouchDB's `changes()` takes them (without `live`). */
export function changesOptions(
  query: URLSearchParams,
  body: Record<string, unknown> | undefined,
): { options: Record<string, unknown>; heartbeat: number | undefined; timeout: number | undefined } {
  const options: Record<string, unknown> = {};
  const since = jsonParam(query.get('since'));
  if (since !== undefined) options['since'] = since;
  const limit = Number(query.get('limit'));
  if (query.has('limit') && Number.isInteger(limit) && limit > 0) options['limit'] = limit;
  for (const name of ['include_docs', 'conflicts', 'attachments', 'descending']) {
    if (flag(query, name)) options[name] = true;
  }
  if (query.get('style') === 'all_docs') options['style'] = 'all_docs';
  const filter = query.get('filter');
  const docIds = body?.['doc_ids'] ?? jsonParam(query.get('doc_ids'));
  if ((filter === '_doc_ids' || filter === null) && Array.isArray(docIds)) options['doc_ids'] = docIds;
  if (filter === '_selector' && body?.['selector'] !== undefined) options['selector'] = body['selector'];
  const heartbeatText = query.get('heartbeat');
  const heartbeat =
    heartbeatText === 'true'
      ? DEFAULT_TIMEOUT
      : heartbeatText
        ? Number(heartbeatText) || undefined
        : undefined;
  const timeoutText = query.get('timeout');
  const timeout = timeoutText ? Number(timeoutText) || undefined : undefined;
  return { options, heartbeat, timeout };
}

/** True when the hub can serve this feed itself (custom design-document filters go to express-pouchdb). */
export function servesItself(query: URLSearchParams): boolean {
  const filter = query.get('filter');
  return filter === null || filter === '_doc_ids' || filter === '_selector';
}

export async function serveLiveChanges(
  db: ChangesSource,
  kind: LiveFeedKind,
  query: URLSearchParams,
  body: Record<string, unknown> | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { options, heartbeat, timeout } = changesOptions(query, body);
  let finished = false;
  /** The live feed, once it is started (a long poll with changes at hand never starts one). */
  const live: { feed?: LiveFeed } = {};
  const timers: ReturnType<typeof setTimeout>[] = [];
  const finish = (last?: string) => {
    if (finished) return;
    finished = true;
    for (const timer of timers) clearTimeout(timer);
    live.feed?.cancel();
    if (last !== undefined && !res.destroyed) res.end(last);
    else res.end();
  };
  // However the request ends (answered, timed out, or the client gone), nothing outlives it.
  res.once('close', () => finish());

  res.setHeader('Content-Type', 'application/json');
  if (kind === 'longpoll') {
    // What is there already is answered at once, as CouchDB does.
    const first = (await db.changes(options)) as { results: unknown[]; last_seq: number | string };
    if (finished) return;
    if (first.results.length > 0) {
      res.statusCode = 200;
      finish(`${JSON.stringify({ results: first.results, last_seq: first.last_seq, pending: 0 })}\n`);
      return;
    }
    options['since'] = first.last_seq;
  }
  res.statusCode = 200;
  res.flushHeaders();
  if (heartbeat !== undefined && heartbeat > 0) {
    timers.push(setInterval(() => !finished && res.write('\n'), heartbeat));
  }
  let lastSeq: number | string = (options['since'] as number | string | undefined) ?? 0;
  const feedTimeout = timeout ?? (kind === 'longpoll' ? DEFAULT_TIMEOUT : undefined);
  if (feedTimeout !== undefined) {
    timers.push(
      setTimeout(
        () =>
          finish(
            kind === 'longpoll'
              ? `${JSON.stringify({ results: [], last_seq: lastSeq })}\n`
              : `${JSON.stringify({ last_seq: lastSeq })}\n`,
          ),
        feedTimeout,
      ),
    );
  }
  const feed = db.changes({ ...options, live: true });
  live.feed = feed;
  feed.on('change', (change) => {
    if (finished) return;
    lastSeq = change.seq;
    if (kind === 'longpoll') {
      finish(`${JSON.stringify({ results: [change], last_seq: change.seq })}\n`);
    } else {
      res.write(`${JSON.stringify(change)}\n`);
    }
  });
  feed.on('error', () => finish());
  // Where the feed was cancelled before PouchDB resolved it, its promise rejects: not an error here.
  void Promise.resolve(feed).then(undefined, () => undefined);
}

/**
 * A normal (not live) `_changes` request filtered by `_doc_ids` or `_selector`, which
 * express-pouchdb takes for the name of a design document's filter and answers 404. The
 * answer is CouchDB's: the changes since `since`, `last_seq`, and how many are pending
 * past `limit`.
 */
export async function serveNormalChanges(
  db: ChangesSource,
  query: URLSearchParams,
  body: Record<string, unknown> | undefined,
  res: ServerResponse,
): Promise<void> {
  const { options } = changesOptions(query, body);
  const answer = (await db.changes(options)) as { results: unknown[]; last_seq: number | string };
  let pending = 0;
  if (typeof options['limit'] === 'number' && answer.results.length === options['limit']) {
    const rest = (await db.changes({ ...options, since: answer.last_seq, limit: undefined })) as {
      results: unknown[];
    };
    pending = rest.results.length;
  }
  const text = JSON.stringify({ results: answer.results, last_seq: answer.last_seq, pending });
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
