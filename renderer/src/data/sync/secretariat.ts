/**
 * The secretariat's sync of every institute in the directory, besides the live sync of
 * its own: one institute after another, as one-shot replications (a browser allows about
 * six connections to a host, so forty institutes cannot each hold a live long-poll open),
 * repeated on a calm timer and on "Sync now". Each pass starts with the library: pull
 * `dec-library`, push the secretariat's own library writes; then for each institute X,
 * pull `org-X` into this computer's database, merge what a pull brought into conflict,
 * and push to `org-X` only the documents whose `org` is X. A failure for one institute is
 * recorded in plain words and the pass goes on; only a server that cannot be reached or a
 * refused sign-in ends a pass early (the next try backs off).
 */
import { parseDoc } from '@shared/docs/registry';
import { typeRange } from '@shared/ids';
import { LIBRARY_DB, orgDbName } from '@shared/sync/names';
import type { LocalDb, PouchConstructor } from '../pouch';
import { resolveConflictsOf } from './conflicts';
import { DocTally } from './counting';
import { describeSyncError, type Credentials, type SyncOptions } from './controller';
import { CouchRemote } from './couch-remote';
import { pull, push, type Replication } from './replicator';
import { changedSince, markerId, orgSelector, rememberHeldBack, writeMarker } from './waiting';

/** The last outcome for one institute (or the library, under its database name). */
export interface RoundResult {
  at: string;
  ok: boolean;
  up: number;
  down: number;
  /** A sentence for the Sync screen when it failed, or when documents were refused. */
  message?: string;
  /** Documents on this computer that claim to be the institute's but are not, kept here unsent. */
  heldBack?: string[];
}

function heldBackMessage(heldBack: readonly string[]): string {
  return `Kept on this computer, not sent (${heldBack.length}): ${heldBack.join('; ')}.`;
}

function heldBackOf(heldBack: readonly string[]): Pick<RoundResult, 'heldBack' | 'message'> {
  return heldBack.length === 0 ? {} : { heldBack: [...heldBack], message: heldBackMessage(heldBack) };
}

export interface RoundsStatus {
  running: boolean;
  /** 1-based position in the pass and how many institutes it holds (the library not counted). */
  index: number;
  total: number;
  /** The institute (or `dec-library`) being synced now. */
  current?: string;
  lastPassAt?: string;
  /** When the next pass is due. */
  nextAt?: string;
  bytesDown: number;
  results: Record<string, RoundResult>;
}

export interface RoundsDeps {
  db: LocalDb;
  library: LocalDb;
  /** The workspace's own institute: synced live by the controller, skipped here. */
  own: string;
  Pouch: PouchConstructor;
  credentials: Credentials;
  options: SyncOptions;
  /** Milliseconds between passes when all is well. */
  everyMs?: number;
  fetch?: typeof fetch;
  now?: () => Date;
  onStatus: (status: RoundsStatus) => void;
  /** After every pass (or library step): merge conflicts across the database, recount what waits. */
  afterPass?: () => Promise<void>;
}

/** Ten minutes: the directory and other institutes' work change slowly, links cost money. */
export const PASS_EVERY_MS = 10 * 60_000;

export const initialRoundsStatus = (): RoundsStatus => ({
  running: false,
  index: 0,
  total: 0,
  bytesDown: 0,
  results: {},
});

type Stop = 'unreachable' | 'signed-out' | undefined;

/**
 * A whole pass; only the library (after the secretariat wrote to it here); or the library and
 * some institutes (after this computer wrote documents of theirs: copies of exchange parts).
 */
export type PassScope = 'all' | 'library' | readonly string[];

/** One pass that does what both asked for. */
function joinScopes(a: PassScope | undefined, b: PassScope): PassScope {
  if (a === 'all' || b === 'all') return 'all';
  const orgs = [...new Set([...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])])].sort();
  return orgs.length > 0 ? orgs : 'library';
}

/** Sentences for one institute's failure, naming its database, and whether the pass should end. */
export function describeInstituteError(error: unknown, org: string): { message: string; stop: Stop } {
  const status = (error as { status?: number } | undefined)?.status;
  const db = orgDbName(org);
  if (status === 404)
    return {
      message: `The server has no database ${db} for this institute; ask the server's administrator to run workbench setup --org ${org}.`,
      stop: undefined,
    };
  if (status === 403) {
    const reason = String(
      (error as { reason?: string; message?: string }).reason ?? (error as Error).message,
    );
    return {
      message: `The server refused ${db} (${reason.replace(/\.$/, '')}); is this institute set up on this server (workbench setup --org ${org})?`,
      stop: undefined,
    };
  }
  const described = describeSyncError(error);
  if (status === 401) return { message: described.message, stop: 'signed-out' };
  if (described.phase === 'offline') return { message: described.message, stop: 'unreachable' };
  return { message: described.message, stop: undefined };
}

/** The institutes of the directory in the local library, by slug. */
export async function directoryOrgs(library: LocalDb): Promise<string[]> {
  const all = await library.allDocs({ ...typeRange('institute'), include_docs: true });
  const orgs = new Set<string>();
  for (const row of all.rows) {
    try {
      const doc = parseDoc(row.doc);
      if (doc.type === 'institute') orgs.add(doc.org);
    } catch {
      // An entry this version cannot read: listed under Settings, not synced.
    }
  }
  return [...orgs].sort();
}

interface Leg {
  written: number;
  ids: string[];
  lastSeq: number | string;
  refused: string[];
}

export class InstituteRounds {
  private status: RoundsStatus = initialRoundsStatus();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private replication: Replication | undefined;
  private passing: Promise<void> | undefined;
  /** What was asked for while a pass ran: done right after it. */
  private again: PassScope | undefined;
  private stopped = true;
  private failures = 0;
  private readonly everyMs: number;

  constructor(private readonly deps: RoundsDeps) {
    this.everyMs = deps.everyMs ?? PASS_EVERY_MS;
  }

  private set(patch: Partial<RoundsStatus>): void {
    this.status = { ...this.status, ...patch };
    this.deps.onStatus(this.status);
  }

  private nowIso(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  current(): RoundsStatus {
    return this.status;
  }

  /** Starts passing: one now, then on the timer. */
  start(): void {
    this.stopped = false;
    this.failures = 0;
    this.syncNow();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.replication?.cancel();
    this.set({ nextAt: undefined });
  }

  /** A pass now, or right after the one running. */
  syncNow(scope: PassScope = 'all'): void {
    if (this.stopped) return;
    if (this.passing) {
      this.again = joinScopes(this.again, scope);
      return;
    }
    // A library-only step leaves the timer of the next whole pass as it is.
    if (scope === 'all' && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.passing = this.pass(scope).finally(() => {
      this.passing = undefined;
      if (this.stopped) return;
      const again = this.again;
      this.again = undefined;
      if (again) this.syncNow(again);
    });
  }

  /** Resolves when the pass running now (if any) has ended. */
  async settled(): Promise<void> {
    while (this.passing) await this.passing;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const at = new Date((this.deps.now?.() ?? new Date()).getTime() + ms);
    this.set({ nextAt: at.toISOString() });
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.syncNow();
    }, ms);
  }

  private remote(dbName: string): CouchRemote {
    return new CouchRemote(this.deps.credentials, dbName, {
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      onBytes: (n) => {
        this.status = { ...this.status, bytesDown: this.status.bytesDown + n };
      },
    });
  }

  /** One one-shot replication, followed so that stop() can cancel it. */
  private async leg(
    direction: 'pull' | 'push',
    local: LocalDb,
    remote: CouchRemote,
    extra: { selector?: PouchDB.Find.Selector } = {},
  ): Promise<Leg> {
    const leg: Leg = { written: 0, ids: [], lastSeq: 0, refused: [] };
    const replication = (direction === 'pull' ? pull : push)(local, remote, {
      batchSize: this.deps.options.batchSize,
      ...extra,
    });
    this.replication = replication;
    // Distinct documents: one carried in several batches counts once.
    const written = new DocTally();
    replication.on('change', (info) => {
      written.add(info.docs);
      leg.written = written.size;
      for (const doc of info.docs) leg.ids.push(doc._id);
    });
    replication.on('denied', (error) => {
      const answer = error as { id?: string; reason?: string; message?: string };
      leg.refused.push(`${answer.id ?? '?'}: ${answer.reason ?? answer.message ?? 'refused'}`);
    });
    try {
      const result = await replication.done;
      if (result.status === 'cancelled') throw Object.assign(new Error('stopped'), { cancelled: true });
      leg.lastSeq = result.last_seq ?? 0;
      return leg;
    } finally {
      if (this.replication === replication) this.replication = undefined;
    }
  }

  /**
   * Pull, merge what the pull brought into conflict, push the documents of `org` (all of
   * them without one), then mark how far they have gone up. When nothing of theirs changed
   * here since the last push and the pull brought nothing, the push is skipped: an idle
   * institute then costs its pull alone (about half the requests of a pass).
   */
  private async step(local: LocalDb, dbName: string, marker: string, org?: string): Promise<RoundResult> {
    const remote = this.remote(dbName);
    const before = await changedSince(local, marker, org);
    const heldBack = org === undefined ? [] : await rememberHeldBack(local, org, before.heldBack);
    // An institute's database gives only that institute's documents: one that another
    // institute (or a server with a hole) put there is never taken, so never relayed.
    const selector = org === undefined ? undefined : orgSelector(org);
    const pulled = await this.leg('pull', local, remote, selector ? { selector } : {});
    const merged = await resolveConflictsOf(local, pulled.ids);
    if (before.marked && before.count === 0 && pulled.written === 0 && merged.merged.length === 0) {
      // Changes made while pulling have later sequences, so they still count next time.
      await writeMarker(local, marker, before.lastSeq);
      return { at: this.nowIso(), ok: true, up: 0, down: 0, ...heldBackOf(heldBack) };
    }
    // …and receives only that institute's documents, checked by org and by id.
    const pushed = await this.leg('push', local, remote, selector ? { selector } : {});
    await writeMarker(local, marker, pushed.lastSeq);
    const messages = [
      ...(pushed.refused.length > 0
        ? [
            `The server refused ${pushed.refused.length} document(s): ${pushed.refused.slice(0, 3).join('; ')}`,
          ]
        : []),
      ...(heldBack.length > 0 ? [heldBackMessage(heldBack)] : []),
    ];
    return {
      at: this.nowIso(),
      ok: true,
      up: pushed.written,
      down: pulled.written,
      ...(heldBack.length > 0 ? { heldBack } : {}),
      ...(messages.length > 0 ? { message: messages.join(' ') } : {}),
    };
  }

  private async pass(scope: PassScope): Promise<void> {
    this.set({ running: true, index: 0, total: 0, current: LIBRARY_DB, nextAt: undefined });
    let stop: Stop;
    const record = (key: string, result: RoundResult) =>
      this.set({ results: { ...this.status.results, [key]: result } });
    try {
      try {
        record(LIBRARY_DB, await this.step(this.deps.library, LIBRARY_DB, markerId()));
      } catch (error) {
        if ((error as { cancelled?: boolean }).cancelled) return;
        const described = describeSyncError(error);
        stop =
          (error as { status?: number }).status === 401
            ? 'signed-out'
            : described.phase === 'offline'
              ? 'unreachable'
              : undefined;
        record(LIBRARY_DB, { at: this.nowIso(), ok: false, up: 0, down: 0, message: described.message });
      }
      if (scope === 'library') return;
      const orgs = stop
        ? []
        : (await directoryOrgs(this.deps.library)).filter(
            (org) => org !== this.deps.own && (scope === 'all' || scope.includes(org)),
          );
      this.set({ total: orgs.length });
      for (const [i, org] of orgs.entries()) {
        if (this.stopped) return;
        this.set({ index: i + 1, current: org });
        try {
          record(org, await this.step(this.deps.db, orgDbName(org), markerId(org), org));
        } catch (error) {
          if ((error as { cancelled?: boolean }).cancelled) return;
          const described = describeInstituteError(error, org);
          record(org, { at: this.nowIso(), ok: false, up: 0, down: 0, message: described.message });
          if (described.stop) {
            stop = described.stop;
            break;
          }
        }
      }
    } finally {
      const whole = scope === 'all' && !stop;
      this.set({ running: false, current: undefined, ...(whole ? { lastPassAt: this.nowIso() } : {}) });
      if (!this.stopped) {
        await this.deps.afterPass?.().catch(() => undefined);
        if (stop === 'signed-out') {
          this.stopped = true;
        } else if (stop === 'unreachable') {
          // Back off while the server cannot be reached: from the retry delay up to the calm interval.
          this.failures += 1;
          this.schedule(Math.min(this.deps.options.retryMs * 2 ** (this.failures + 3), this.everyMs));
        } else if (scope === 'all' || !this.timer) {
          this.failures = 0;
          this.schedule(this.everyMs);
        }
      }
    }
  }
}
