/**
 * The app's replication, one direction at a time, over the standard CouchDB endpoints
 * (./couch-remote.ts, one page at a time by ./replication-pages.ts). It replaces
 * PouchDB's `replicate()` for the app's syncs because on a 256 kbit/s, 300 ms line the
 * round trips PouchDB spends around the data (the server's `/`, the database's info, a
 * checkpoint read and two writes on the server each time) cost more than the data: one
 * changed document took 9 requests. Here an incremental pull is `_changes` + `_bulk_get`,
 * an incremental push `_revs_diff` + `_bulk_docs`, and an idle check one `_changes`.
 *
 * - **Checkpoints stay on this computer** (`_local/workbench-sync:<pull|push>:<server
 *   database>`), written after each page: a cut link or a closed app resumes from the
 *   last page. Sequences are kept exactly as the server gave them (opaque strings on
 *   CouchDB 2+) and only ever sent back, never compared.
 * - **A server database that was recreated** (a hub whose data folder was lost, a
 *   database deleted and made again) must not be trusted with a checkpoint of the old
 *   one: its sequences restart, and what this computer pushed is gone. Each local
 *   database leaves a marker on the server (`_local/workbench-peer-<its id>`, a random
 *   token) and keeps the token with its checkpoints; a checkpoint counts only while the
 *   server's marker still holds the same token, and a missing marker means starting
 *   both directions from the beginning (nothing is sent twice: `_revs_diff` and the local
 *   revs diff filter what each side has). The marker is read when a live sync starts and
 *   then once an hour at most per server database, alongside the first request of a page,
 *   never as a round trip of its own.
 * - Events and results are PouchDB's replication's (`change` with `docs_written` and
 *   `docs`, `active`, `paused` with the error that paused it, `denied`, `error` when
 *   retrying cannot help), so the controller and the secretariat's rounds follow it as
 *   they followed PouchDB.
 * - Live: the pull keeps a long poll open (renewed at `timeout`, heartbeat meanwhile), the
 *   push waits for a local change; a failure pauses with its error and is retried with
 *   backoff from `retryMs` doubling to two minutes; a refused sign-in (401) stops.
 */
import type { LocalDb } from '../pouch';
import { CouchError, type CouchRemote, type ReplicatedDoc, type Seq, type WriteResult } from './couch-remote';
import { pullPage, pushPage, type PageResult } from './replication-pages';

export interface ReplicateOptions {
  batchSize: number;
  /** Keep following, and retry after failures. */
  live?: { heartbeat: number; timeout: number; retryMs: number };
  /** Carry only the documents this selector matches (filtered on the server for a pull). */
  selector?: PouchDB.Find.Selector;
}

export interface ChangeInfo {
  docs_written: number;
  docs: ReplicatedDoc[];
  last_seq: Seq;
  /** Changes still to go, where known (PouchDB's field; this replicator does not know it). */
  pending?: number;
}

export interface DeniedDoc extends WriteResult {
  status: number;
  name: string;
  message: string;
}

export interface ReplicationResult {
  status: 'complete' | 'cancelled';
  docs_written: number;
  last_seq: Seq;
}

interface ReplicationEvents {
  change: ChangeInfo;
  /** A page is done and its place written: for a push, the server acknowledged it (PouchDB's event). */
  checkpoint: { checkpoint: Seq };
  active: undefined;
  /** Undefined when caught up; the error when a failure paused it (live). */
  paused: unknown;
  denied: DeniedDoc;
  /** Retrying cannot help (a refused sign-in): the replication has stopped. */
  error: unknown;
}

type Listener<K extends keyof ReplicationEvents> = (value: ReplicationEvents[K]) => void;

/** How often, at most, the server's marker is read again for one server database. */
const VERIFY_EVERY_MS = 60 * 60_000;
const LONGEST_RETRY_MS = 120_000;
const DEVICE_ID = '_local/workbench-device';

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function readLocal<T extends object>(
  db: LocalDb,
  id: string,
): Promise<(T & { _rev: string }) | undefined> {
  try {
    return (await db.get(id)) as unknown as T & { _rev: string };
  } catch {
    return undefined;
  }
}

async function writeLocal(db: LocalDb, id: string, body: object): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = await readLocal(db, id);
    try {
      await db.put({ ...body, _id: id, ...(current ? { _rev: current._rev } : {}) });
      return;
    } catch (error) {
      if ((error as { status?: number }).status !== 409 || attempt >= 2) throw error;
    }
  }
}

/** This local database's own id: names its marker on servers. */
async function deviceId(local: LocalDb): Promise<string> {
  const kept = await readLocal<{ id: string }>(local, DEVICE_ID);
  if (kept?.id) return kept.id;
  const id = randomToken();
  await writeLocal(local, DEVICE_ID, { id });
  return (await readLocal<{ id: string }>(local, DEVICE_ID))?.id ?? id;
}

const verified = new WeakMap<LocalDb, Map<string, { token: Promise<string>; at: number }>>();

/**
 * The token of this local database's marker on the server database, left there if
 * missing. Read at most once an hour per server database (shared by both directions).
 */
export function peerToken(local: LocalDb, remote: CouchRemote, signal: AbortSignal): Promise<string> {
  let byRemote = verified.get(local);
  if (!byRemote) verified.set(local, (byRemote = new Map()));
  const known = byRemote.get(remote.url);
  if (known && Date.now() - known.at < VERIFY_EVERY_MS) return known.token;
  const token = (async () => {
    const id = `workbench-peer-${await deviceId(local)}`;
    const marker = await remote.getLocal<{ token?: string }>(id, signal);
    if (marker?.token) return marker.token;
    const fresh = randomToken();
    await remote.putLocal(id, { token: fresh, ...(marker?._rev ? { _rev: marker._rev } : {}) }, signal);
    return fresh;
  })();
  const entry = { token, at: Date.now() };
  byRemote.set(remote.url, entry);
  token.catch(() => {
    if (byRemote.get(remote.url) === entry) byRemote.delete(remote.url);
  });
  return token;
}

/** The next sync reads the server's markers again: a live session starts by checking them. */
export function forgetPeers(local: LocalDb): void {
  verified.delete(local);
}

interface Checkpoint {
  since: Seq;
  peer: string;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

export class Replication {
  private readonly listeners: { [K in keyof ReplicationEvents]?: Listener<K>[] } = {};
  private readonly abort = new AbortController();
  private written = 0;
  private wake: (() => void) | undefined;
  private woken = false;
  /** Settles when a one-shot replication ends (rejects with its error) or any is cancelled. */
  readonly done: Promise<ReplicationResult>;

  constructor(
    readonly direction: 'pull' | 'push',
    private readonly local: LocalDb,
    private readonly remote: CouchRemote,
    private readonly options: ReplicateOptions,
  ) {
    this.done = this.run();
    // A live replication reports its failures as events; only one-shot ones reject.
    if (options.live) this.done.catch(() => undefined);
  }

  on<K extends keyof ReplicationEvents>(event: K, listener: Listener<K>): this {
    const list = (this.listeners[event] ?? []) as Listener<K>[];
    list.push(listener);
    (this.listeners as Record<K, Listener<K>[]>)[event] = list;
    return this;
  }

  private emit<K extends keyof ReplicationEvents>(event: K, value: ReplicationEvents[K]): void {
    for (const listener of (this.listeners[event] ?? []) as Listener<K>[]) listener(value);
  }

  cancel(): void {
    this.abort.abort();
    this.wake?.();
  }

  private get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  private result(status: ReplicationResult['status'], lastSeq: Seq): ReplicationResult {
    return { status, docs_written: this.written, last_seq: lastSeq };
  }

  private get checkpointId(): string {
    return `_local/workbench-sync:${this.direction}:${this.remote.url}`;
  }

  private async run(): Promise<ReplicationResult> {
    const { live } = this.options;
    let retryMs = live?.retryMs ?? 0;
    let lastSeq: Seq = 0;
    const feed = this.direction === 'push' && live ? this.followLocal() : undefined;
    try {
      for (;;) {
        try {
          this.emit('active', undefined);
          lastSeq = await this.catchUp((seq) => {
            lastSeq = seq;
            retryMs = live?.retryMs ?? 0;
          });
          if (!live || this.cancelled) return this.result(this.cancelled ? 'cancelled' : 'complete', lastSeq);
        } catch (error) {
          if (this.cancelled) return this.result('cancelled', lastSeq);
          if (!live) throw error;
          if ((error as { status?: number }).status === 401) {
            this.emit('error', error);
            return this.result('cancelled', lastSeq);
          }
          this.emit('paused', error);
          await sleep(retryMs, this.abort.signal);
          retryMs = Math.min(retryMs * 2, LONGEST_RETRY_MS);
          if (this.cancelled) return this.result('cancelled', lastSeq);
        }
      }
    } finally {
      feed?.cancel();
    }
  }

  /** Live push: wakes the waiting push at every local change. */
  private followLocal(): PouchDB.Core.Changes<object> {
    const feed = this.local.changes({ live: true, since: 'now' });
    feed.on('change', () => {
      this.woken = true;
      this.wake?.();
    });
    feed.on('error', () => undefined);
    return feed;
  }

  private waitForLocalChange(): Promise<void> {
    if (this.woken) return Promise.resolve();
    return new Promise((resolve) => {
      this.wake = resolve;
    });
  }

  /**
   * Pages until caught up; live, goes on waiting for the next change (a long poll, or a
   * local change) and returns only when cancelled.
   */
  private async catchUp(onPage: (seq: Seq) => void): Promise<Seq> {
    const { local, remote, options } = this;
    const signal = this.abort.signal;
    // Asked alongside the first page's request; from the cache afterwards.
    let token = peerToken(local, remote, signal);
    token.catch(() => undefined);
    let checkpoint: Checkpoint | undefined = await readLocal<Checkpoint>(local, this.checkpointId);
    let since: Seq = checkpoint?.since ?? 0;
    let caughtUp = false;
    let paused = false;
    for (;;) {
      if (this.cancelled) return since;
      const waiting = caughtUp && options.live !== undefined;
      if (waiting && !paused) {
        paused = true;
        this.emit('paused', undefined);
      }
      if (waiting && this.direction === 'push') {
        await this.waitForLocalChange();
        this.wake = undefined;
        if (this.cancelled) return since;
      }
      this.woken = false;
      const page: PageResult =
        this.direction === 'pull'
          ? await pullPage(
              local,
              remote,
              since,
              options.batchSize,
              signal,
              waiting && options.live
                ? { timeout: options.live.timeout, heartbeat: options.live.heartbeat }
                : undefined,
              options.selector,
            )
          : await pushPage(local, remote, since, options.batchSize, signal, options.selector);
      const peer = await token;
      if (checkpoint && checkpoint.peer !== peer && since !== 0) {
        // The server's database is not the one this checkpoint was made with: start over.
        checkpoint = undefined;
        since = 0;
        caughtUp = false;
        continue;
      }
      if (paused && page.rows > 0) {
        paused = false;
        this.emit('active', undefined);
      }
      if (!checkpoint || checkpoint.since !== page.lastSeq || checkpoint.peer !== peer) {
        checkpoint = { since: page.lastSeq, peer };
        await writeLocal(local, this.checkpointId, checkpoint);
      }
      since = page.lastSeq;
      onPage(since);
      this.emit('checkpoint', { checkpoint: since });
      for (const denied of page.denied) {
        this.emit('denied', {
          ...denied,
          status: 403,
          name: denied.error ?? 'forbidden',
          message: denied.reason ?? 'The server refused it.',
        });
      }
      if (page.docs.length > 0) {
        this.written += page.docs.length;
        this.emit('change', { docs_written: page.docs.length, docs: page.docs, last_seq: since });
      }
      caughtUp = page.rows < options.batchSize;
      if (caughtUp && !options.live) return since;
      // Once an hour the marker is read again (the cache decides); between, this is free.
      token = peerToken(local, remote, signal);
      token.catch(() => undefined);
    }
  }
}

/** Follows the server database into the local one. */
export function pull(local: LocalDb, remote: CouchRemote, options: ReplicateOptions): Replication {
  return new Replication('pull', local, remote, options);
}

/** Sends the local database's changes to the server database. */
export function push(local: LocalDb, remote: CouchRemote, options: ReplicateOptions): Replication {
  return new Replication('push', local, remote, options);
}

export { CouchError };
