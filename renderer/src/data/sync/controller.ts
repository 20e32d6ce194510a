/**
 * Live two-way replication of the institute's database with its server database
 * (`org-<slug>`), and a read-only pull of the shared library, tuned for slow, costly
 * links: small batches, a long-poll changes feed that stays open with heartbeats (an idle
 * sync sends about one request a minute), gzip answers, retry with backoff. Everything
 * the user sees about sync comes from the status this controller reports; it does not
 * touch the DOM, so the same code runs in the app and in tests. On a secretariat account
 * the push carries only this institute's documents, and the library and the other
 * institutes are synced in rounds (./secretariat.ts).
 */
import { WorkbenchError } from '@shared/errors';
import { settledStandardFetch } from '@shared/sync/fetch';
import { LIBRARY_DB, orgDbName, orgRole, SECRETARIAT_ROLE } from '@shared/sync/names';
import type { LocalDb, PouchConstructor } from '../pouch';
import { resolveConflicts, type InboxItem } from './conflicts';
import { AcknowledgedMarker, DocTally } from './counting';
import { basicAuth, CouchRemote, serverBase, type Credentials } from './couch-remote';
import { gzip } from './file-sync';
import { forgetPeers, pull, push, type ReplicateOptions, type Replication } from './replicator';
import { orgSelector } from './waiting';

export { serverBase, type Credentials };

export type SyncPhase = 'stopped' | 'connecting' | 'syncing' | 'idle' | 'offline' | 'error';

export interface RefusedDoc {
  id: string;
  reason: string;
}

/** One line of the Sync screen's history. */
export interface SyncRun {
  at: string;
  outcome: 'ok' | 'offline' | 'error';
  up: number;
  down: number;
  message?: string;
}

export interface SyncStatus {
  phase: SyncPhase;
  /** A sentence for the user when phase is offline or error. */
  message?: string;
  lastSyncedAt?: string;
  /** Documents changed here that the server has not received yet. */
  waitingUp: number;
  docsUp: number;
  docsDown: number;
  /** Bytes of answers received since sync started (as read, after decompression). */
  bytesDown: number;
  /** How many documents the server holds, for "n of about m" on a first sync. */
  serverDocs?: number;
  refused: RefusedDoc[];
  inbox: InboxItem[];
  /** Recent syncs, newest first. */
  history: SyncRun[];
}

export interface SyncOptions {
  /** Changes per page (one page is in memory at a time): a cut link loses at most one. */
  batchSize: number;
  /** Milliseconds between keep-alive newlines on the open changes request. */
  heartbeat: number;
  /** How long the changes request may stay open before it is renewed. */
  timeout: number;
  /** First wait before retrying after a failure; it doubles up to two minutes. */
  retryMs: number;
}

/**
 * Settings for a 256 kbit/s line with 300 ms round trips (figures: `npm run bench -- sync`).
 * A page of 100 changes costs two requests each way (./replication-pages.ts), so round
 * trips are a small part of a first sync; one page at a time is in memory, for old
 * laptops. The open changes request is kept alive by a newline every 25 s and renewed
 * once a minute, so an idle sync asks the server about once a minute.
 */
export const SLOW_LINK: SyncOptions = {
  batchSize: 100,
  heartbeat: 25_000,
  timeout: 60_000,
  retryMs: 2_000,
};

export const initialStatus = (): SyncStatus => ({
  phase: 'stopped',
  waitingUp: 0,
  docsUp: 0,
  docsDown: 0,
  bytesDown: 0,
  refused: [],
  inbox: [],
  history: [],
});

const HISTORY_LENGTH = 20;
/** Where the local sequence of the last complete sync is kept; `_local` never replicates. */
const MARKER_ID = '_local/sync-marker';

/** Who the server says signed in: the account's name and roles (e.g. `org:<slug>`, `secretariat`). */
export interface SignedIn {
  name: string;
  roles: string[];
}

/**
 * Checks the address and the credentials with the server's `_session`, and that the
 * account may use this institute's database. Each failure is one plain sentence.
 */
export async function checkSignIn(
  credentials: Credentials,
  org: string,
  fetcher: typeof fetch = fetch,
): Promise<SignedIn> {
  let base: URL;
  try {
    base = new URL(serverBase(credentials.url));
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw new WorkbenchError('invalid-input', 'The server address must look like http://192.168.1.20:5984.');
  }
  let response: Response;
  try {
    response = await fetcher(`${serverBase(credentials.url)}/_session`, {
      headers: { authorization: basicAuth(credentials), accept: 'application/json' },
    });
  } catch {
    throw new WorkbenchError(
      'storage-unavailable',
      `The server ${base.host} cannot be reached. Check the address and that this computer is on the same network.`,
    );
  }
  if (response.status === 401) {
    throw new WorkbenchError('invalid-input', 'The user name or password is wrong.');
  }
  const body = (await response.json().catch(() => ({}))) as {
    userCtx?: { name?: string | null; roles?: string[] };
  };
  if (!response.ok || body.userCtx === undefined) {
    throw new WorkbenchError(
      'unexpected',
      `${base.host} did not answer like a sync server (HTTP ${response.status}).`,
    );
  }
  if (!body.userCtx.name) throw new WorkbenchError('invalid-input', 'The user name or password is wrong.');
  const roles = body.userCtx.roles ?? [];
  if (!roles.includes(orgRole(org)) && !roles.includes(SECRETARIAT_ROLE) && !roles.includes('_admin')) {
    throw new WorkbenchError(
      'invalid-input',
      `The account ${body.userCtx.name} does not belong to this institute (${org}); ask the facilitator for an account of yours.`,
    );
  }
  return { name: body.userCtx.name, roles: roles.filter((r): r is string => typeof r === 'string') };
}

/** A sentence for an error PouchDB reports during replication. */
export function describeSyncError(error: unknown): { phase: SyncPhase; message: string } {
  const status = (error as { status?: number } | undefined)?.status;
  const text = String(
    (error as { message?: string; reason?: string } | undefined)?.reason ??
      (error as Error)?.message ??
      error,
  );
  if (status === 401)
    return {
      phase: 'error',
      message:
        'The server no longer accepts your sign-in (password changed or session expired). Sign in again.',
    };
  if (status === 403) return { phase: 'error', message: `The server refused: ${text}` };
  if (status === 404)
    return {
      phase: 'error',
      message:
        'This institute has no database on the server yet; ask the facilitator to run workbench setup for it.',
    };
  if (status === undefined || status === 0 || status >= 500) {
    return {
      phase: 'offline',
      message: 'The server cannot be reached; your work is saved here and will be sent when it can.',
    };
  }
  return { phase: 'error', message: text };
}

/** Documents changed on this computer since its last complete sync (all of them before the first). */
export async function waitingCount(db: LocalDb): Promise<number> {
  let since: number | string = 0;
  try {
    since = ((await db.get(MARKER_ID)) as unknown as { seq: number | string }).seq;
  } catch {
    // never synced: everything is waiting
  }
  const changes = await db.changes({ since, limit: 10_000 });
  return changes.results.filter((c) => !c.id.startsWith('_design/')).length;
}

/** Request bodies at least this large go up gzip-compressed. */
const COMPRESS_FROM = 1024;

/**
 * A server database through PouchDB's HTTP adapter, for what is not replication (tools,
 * tests, the benches' baseline): basic auth on every request, answers read whole with
 * failures and cuts as 503 answers that PouchDB retries (shared/sync/fetch.ts), request
 * bodies over 1 kB gzip-compressed (CouchDB accepts `Content-Encoding: gzip` on every
 * endpoint but `_session`, and so does the hub), every byte that arrives counted. In Node
 * its attachments arrive as Buffers, which the Node adapters store. The app's own syncs
 * use ./replicator.ts.
 */
export function remoteDb(
  Pouch: PouchConstructor,
  credentials: Credentials,
  dbName: string,
  extra: { fetch?: typeof fetch; onBytes?: (n: number) => void } = {},
): LocalDb {
  const raw = extra.fetch ?? ((url: string | URL | Request, init?: RequestInit) => fetch(url, init));
  const base = settledStandardFetch(
    (url: string | Request, init?: RequestInit) => raw(url, init),
    extra.onBytes,
  );
  const wrapped = async (url: string | Request, init?: RequestInit): Promise<Response> => {
    const path = String(url).split('?', 1)[0] ?? '';
    if (
      init?.method === 'POST' &&
      typeof init.body === 'string' &&
      init.body.length >= COMPRESS_FROM &&
      !path.endsWith('/_session')
    ) {
      const headers = new Headers(init.headers);
      headers.set('Content-Encoding', 'gzip');
      return base(url, { ...init, headers, body: (await gzip(init.body)) as BodyInit });
    }
    return base(url, init);
  };
  return new Pouch(`${serverBase(credentials.url)}/${dbName}`, {
    skip_setup: true,
    auth: { username: credentials.name, password: credentials.password },
    fetch: wrapped,
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

export interface SyncControllerDeps {
  db: LocalDb;
  /** Where history from earlier sessions starts. */
  history?: SyncRun[];
  lastSyncedAt?: string;
  fetch?: typeof fetch;
  library: LocalDb;
  org: string;
  Pouch: PouchConstructor;
  credentials: Credentials;
  options?: SyncOptions;
  onStatus: (status: SyncStatus) => void;
  now?: () => Date;
  /**
   * A secretariat account (./secretariat.ts): this computer's database holds other
   * institutes' documents too, so only this institute's go up to its database; the
   * library is pulled and pushed by the institute rounds instead of live here; library
   * conflicts are merged too.
   */
  secretariat?: boolean;
  /** How "waiting to go up" is counted when it is not simply everything since the last sync. */
  countWaiting?: () => Promise<number>;
}

export class SyncController {
  private status: SyncStatus = initialStatus();
  /** Push, pull and the library pull, while started. */
  private replications: Replication[] = [];
  /** Where each direction of the institute's database stands. */
  private readonly directions = { push: 'active', pull: 'active' } as Record<
    'push' | 'pull',
    'active' | 'paused' | 'failed'
  >;
  private resolving: Promise<void> = Promise.resolve();
  private readonly options: SyncOptions;
  private received = 0;
  /** Distinct documents sent and received since the sync started, and in the current run. */
  private readonly sent = new DocTally();
  private readonly got = new DocTally();
  private readonly runSent = new DocTally();
  private readonly runGot = new DocTally();
  /** "Waiting to go up" moves only with what the server acknowledged (./counting.ts). */
  private readonly acknowledged: AcknowledgedMarker;

  constructor(private readonly deps: SyncControllerDeps) {
    this.options = deps.options ?? SLOW_LINK;
    this.acknowledged = new AcknowledgedMarker(deps.db, MARKER_ID);
    this.status = {
      ...initialStatus(),
      history: deps.history ?? [],
      ...(deps.lastSyncedAt ? { lastSyncedAt: deps.lastSyncedAt } : {}),
    };
  }

  private set(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch, bytesDown: this.received };
    this.deps.onStatus(this.status);
  }

  private remote(dbName: string): CouchRemote {
    return new CouchRemote(this.deps.credentials, dbName, {
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      onBytes: (n) => (this.received += n),
    });
  }

  /** Documents changed here since the last complete sync (what has not gone up yet). */
  async countWaiting(): Promise<number> {
    const waiting = await (this.deps.countWaiting ?? (() => waitingCount(this.deps.db)))();
    this.set({ waitingUp: waiting });
    return waiting;
  }

  private record(run: Omit<SyncRun, 'at' | 'up' | 'down'>): void {
    const up = this.runSent.size;
    const down = this.runGot.size;
    this.runSent.clear();
    this.runGot.clear();
    const last = this.status.history[0];
    // An idle live sync says "nothing new" once; the same failure is written once, not per retry.
    if (run.outcome === 'ok' && up === 0 && down === 0 && last?.outcome === 'ok') return;
    if (run.outcome !== 'ok' && last?.outcome === run.outcome && last.message === run.message) return;
    const entry: SyncRun = { at: this.nowIso(), up, down, ...run };
    this.set({ history: [entry, ...this.status.history].slice(0, HISTORY_LENGTH) });
  }

  private nowIso(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  private failed(error: unknown): void {
    const described = describeSyncError(error);
    this.set(described);
    this.record({ outcome: described.phase === 'offline' ? 'offline' : 'error', message: described.message });
    // What changed meanwhile still waits: the count is the marker's, whatever was attempted.
    void this.countWaiting().catch(() => undefined);
  }

  /** Merges what merges and refreshes the inbox; one pass at a time. */
  resolve(): Promise<void> {
    this.resolving = this.resolving.then(async () => {
      const summary = await resolveConflicts(this.deps.db);
      const library = this.deps.secretariat ? (await resolveConflicts(this.deps.library)).inbox : [];
      this.set({ inbox: [...summary.inbox, ...library] });
    });
    return this.resolving;
  }

  start(): void {
    if (this.replications.length > 0) return;
    this.set({ phase: 'connecting', message: undefined });
    const opts: ReplicateOptions = {
      batchSize: this.options.batchSize,
      live: {
        heartbeat: this.options.heartbeat,
        timeout: this.options.timeout,
        retryMs: this.options.retryMs,
      },
    };
    // A new session: whether the server's databases are still the ones synced before is asked again.
    forgetPeers(this.deps.db);
    forgetPeers(this.deps.library);
    const remote = this.remote(orgDbName(this.deps.org));
    remote.info().then(
      (info) => this.set({ serverDocs: info.doc_count }),
      () => undefined, // reported by the replications themselves
    );
    // Two one-way replications rather than one two-way: a failure must never be taken for
    // a completed sync, so each direction reports its own state (see follow()). On the
    // secretariat's computer, which holds every institute's documents, the own institute's
    // database gives and receives only its own (see secretariat.ts).
    const own = this.deps.secretariat ? { ...opts, selector: orgSelector(this.deps.org) } : opts;
    const up = push(this.deps.db, remote, own);
    const down = pull(this.deps.db, remote, own);
    this.directions.push = 'active';
    this.directions.pull = 'active';
    this.follow('push', up);
    this.follow('pull', down);
    this.acknowledged.follow(up, () => void this.countWaiting().catch(() => undefined));
    this.replications = [up, down];
    if (this.deps.secretariat) return;
    const library = pull(this.deps.library, this.remote(LIBRARY_DB), opts);
    // The library is a courtesy copy: its failures never hide the institute's own sync state.
    library.on('error', () => undefined);
    this.replications.push(library);
  }

  private follow(direction: 'push' | 'pull', replication: Replication): void {
    // A replication stopped (offline, Sync now, sign-out) may still finish the page it was
    // on: what it wrote is counted, but it no longer says what sync is doing.
    const current = () => this.replications.includes(replication);
    replication
      .on('change', (info) => {
        // Distinct documents, counted once however many batches or runs carry them.
        const phase = current() ? { phase: 'syncing' as const } : {};
        if (direction === 'push') {
          this.sent.add(info.docs);
          this.runSent.add(info.docs);
          this.set({ docsUp: this.sent.size, ...phase });
        } else {
          this.got.add(info.docs);
          this.runGot.add(info.docs);
          this.set({ docsDown: this.got.size, ...phase });
        }
      })
      .on('active', () => {
        if (!current()) return;
        this.directions[direction] = 'active';
        this.set({ phase: 'syncing', message: undefined });
      })
      .on('paused', (error) => {
        if (!current()) return;
        if (error) {
          this.directions[direction] = 'failed';
          this.failed(error);
          return;
        }
        this.directions[direction] = 'paused';
        if (this.directions.push === 'paused' && this.directions.pull === 'paused') void this.completed();
      })
      .on('denied', (error) => {
        const answer = error as { id?: string; reason?: string; message?: string };
        const id = answer.id ?? '?';
        const refused = [
          ...this.status.refused.filter((r) => r.id !== id),
          { id, reason: answer.reason ?? answer.message ?? 'The server refused it.' },
        ];
        this.set({ refused });
      })
      .on('error', (error) => {
        if (!current()) return;
        // Fatal (a refused sign-in): retrying cannot help, so everything stops.
        this.cancelAll();
        this.failed(error);
      });
  }

  private cancelAll(): void {
    const running = this.replications;
    this.replications = [];
    for (const replication of running) replication.cancel();
  }

  /** Both directions caught up: settle conflicts, count what is still waiting (what the server acknowledged is marked). */
  private async completed(): Promise<void> {
    await this.acknowledged.settled();
    const waitingUp = await (this.deps.countWaiting ?? (() => waitingCount(this.deps.db)))();
    if (this.replications.length === 0) return; // stopped meanwhile: its phase stands
    this.set({ phase: 'idle', message: undefined, waitingUp, lastSyncedAt: this.nowIso() });
    this.record({ outcome: 'ok' });
    await this.resolve();
    await this.countWaiting();
  }

  stop(phase: SyncPhase = 'stopped', message?: string): void {
    this.cancelAll();
    this.set({ phase, ...(message ? { message } : { message: undefined }) });
  }

  /** "Sync now": a fresh start asks the server at once rather than at the next poll or retry. */
  syncNow(): void {
    this.stop('connecting');
    this.start();
  }

  current(): SyncStatus {
    return this.status;
  }
}
