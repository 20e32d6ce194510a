/**
 * Forwarding: the hub replicates every institute database and the library both ways
 * with a central server whenever it can reach it. PouchDB's replication keeps its
 * checkpoints on both sides, so after a cut it resumes where it stopped; `retry` backs
 * off while the central server is unreachable. New databases (from `workbench setup`
 * run later) are picked up by a periodic look at the hub's own list.
 *
 * What the facilitator reads: "central server unreachable since …" once when the link
 * goes, "in step with the central server again" once when every database is back, each with
 * the number of documents waiting to go up. Two one-way replications per database rather
 * than `sync()`, whose `paused` event never carries the error in PouchDB 9 (the hub printed
 * nothing while the central server was down). Documents wait until the central server has
 * acknowledged them: a push's checkpoint moves `_local/forward-marker`, as on a laptop.
 *
 * What `workbench setup` writes on both servers (design documents, directory entries)
 * carries a revision named by its content (../setup-revisions.ts), so forwarding finds the
 * same revision on both sides and makes no conflict of it.
 */
import PouchDB from 'pouchdb-node';
import { settledStandardFetch } from '../../shared/sync/fetch';
import { isSyncDb } from '../../shared/sync/names';

export interface Forwarder {
  /** Names of the databases being forwarded. */
  databases(): string[];
  close(): Promise<void>;
}

const MARKER = '_local/forward-marker';

type Direction = 'push' | 'pull';

interface Forwarded {
  local: PouchDB.Database;
  replications: Record<Direction, PouchDB.Replication.Replication<object>>;
  /** Directions that cannot reach the central server now. */
  failing: Set<Direction>;
  /** Marker writes, one at a time. */
  marking: Promise<void>;
}

function seqNumber(seq: unknown): number {
  const n = typeof seq === 'number' ? seq : Number.parseInt(String(seq), 10);
  return Number.isFinite(n) ? n : 0;
}

async function readMarker(db: PouchDB.Database): Promise<number> {
  try {
    return seqNumber(((await db.get(MARKER)) as unknown as { seq: unknown }).seq);
  } catch {
    return 0;
  }
}

async function writeMarker(db: PouchDB.Database, seq: number): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    let rev: string | undefined;
    try {
      const current = (await db.get(MARKER)) as unknown as { _rev: string; seq: unknown };
      if (seqNumber(current.seq) >= seq) return;
      rev = current._rev;
    } catch {
      rev = undefined;
    }
    try {
      await db.put({ _id: MARKER, ...(rev ? { _rev: rev } : {}), seq } as PouchDB.Core.PutDocument<object>);
      return;
    } catch {
      // written meanwhile: read it again
    }
  }
}

/** Documents changed on the hub since the central server last acknowledged what it sent. */
async function waitingIn(db: PouchDB.Database): Promise<number> {
  const changes = await db.changes({ since: await readMarker(db), limit: 100_000 });
  return changes.results.filter((c) => !c.id.startsWith('_design/')).length;
}

function reasonOf(error: unknown): string {
  const e = error as { reason?: string; message?: string } | undefined;
  return String(e?.reason ?? e?.message ?? error);
}

export function startForwarding(options: {
  Local: PouchDB.Static;
  allDbs: () => Promise<string[]>;
  remote: string;
  log: (line: string) => void;
  scanMs?: number;
  now?: () => Date;
}): Forwarder {
  const { Local, remote, log } = options;
  const base = remote.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const running = new Map<string, Forwarded>();
  let closed = false;
  /** Set while the central server cannot be reached, from the first failure to full recovery. */
  let unreachableSince: Date | undefined;
  /** Reports go out one after another, so "unreachable" is never printed after "in step". */
  let reporting: Promise<void> = Promise.resolve();

  const totalWaiting = async (): Promise<number> => {
    let total = 0;
    for (const forwarded of running.values()) total += await waitingIn(forwarded.local).catch(() => 0);
    return total;
  };
  const report = (line: (waiting: number) => string): void => {
    reporting = reporting.then(async () => {
      // Acknowledgements seen so far are written first, so the count is what truly waits.
      await Promise.all([...running.values()].map((f) => f.marking));
      if (!closed) log(line(await totalWaiting()));
    });
  };
  const documents = (n: number) => `${n} document${n === 1 ? '' : 's'} waiting to go up`;

  /** Databases whose refusal (missing on the central server, access) was reported. */
  const refused = new Set<string>();
  const failed = (name: string, forwarded: Forwarded, direction: Direction, error: unknown): void => {
    const status = (error as { status?: number } | undefined)?.status;
    if (status !== undefined && status >= 400 && status < 500) {
      // The central server answered: it is there, but will not take this database.
      if (!refused.has(name)) {
        refused.add(name);
        log(
          status === 404
            ? `forward: ${name}: the central server has no database ${name}; run workbench setup for it there; retrying`
            : `forward: ${name}: the central server refused (${status} ${reasonOf(error)}); check the --forward account; retrying`,
        );
      }
      return;
    }
    forwarded.failing.add(direction);
    if (unreachableSince) return;
    const since = now();
    unreachableSince = since;
    const why = reasonOf(error);
    report(
      (waiting) =>
        `forward: central server unreachable since ${since.toISOString()} (${why}); ${documents(waiting)}; retrying`,
    );
  };
  const inStep = (name: string, forwarded: Forwarded, direction: Direction): void => {
    forwarded.failing.delete(direction);
    refused.delete(name);
    if (!unreachableSince) return;
    if ([...running.values()].some((f) => f.failing.size > 0)) return;
    const since = unreachableSince;
    unreachableSince = undefined;
    report(
      (waiting) =>
        `forward: in step with the central server again (unreachable since ${since.toISOString()}); ${documents(waiting)}`,
    );
  };

  const follow = (name: string, forwarded: Forwarded, direction: Direction): void => {
    const replication = forwarded.replications[direction];
    replication.on('paused', (error) => {
      if (error) failed(name, forwarded, direction, error);
      else inStep(name, forwarded, direction);
    });
    // Every failed attempt, also those while backing off (PouchDB pauses with the error only once).
    (replication as unknown as NodeJS.EventEmitter).on('requestError', (error: unknown) =>
      failed(name, forwarded, direction, error),
    );
    replication.on('denied', (error) =>
      log(`forward: ${name}: a document was refused: ${JSON.stringify(error)}`),
    );
    replication.on('error', (error) => {
      log(`forward: ${name}: stopped: ${reasonOf(error)}; restarting on the next scan`);
      stop(name);
    });
    if (direction === 'push') {
      (replication as unknown as NodeJS.EventEmitter).on('checkpoint', (info: { checkpoint?: unknown }) => {
        if (info.checkpoint === undefined) return;
        const seq = seqNumber(info.checkpoint);
        forwarded.marking = forwarded.marking
          .then(() => writeMarker(forwarded.local, seq))
          .catch(() => undefined);
      });
    }
  };

  const stop = (name: string): void => {
    const forwarded = running.get(name);
    if (!forwarded) return;
    running.delete(name);
    forwarded.replications.push.cancel();
    forwarded.replications.pull.cancel();
  };

  const scan = async (): Promise<void> => {
    if (closed) return;
    let names: string[];
    try {
      names = await options.allDbs();
    } catch (error) {
      log(`forward: could not list local databases: ${String(error)}`);
      return;
    }
    for (const name of names.filter(isSyncDb)) {
      if (running.has(name) || closed) continue;
      const local = new Local(name);
      const target = new PouchDB(`${base}/${encodeURIComponent(name)}`, {
        skip_setup: true,
        // Standard fetch, settled: a cut mid-answer is a 503 PouchDB retries, never an
        // unhandled rejection (shared/sync/fetch.ts); attachments arrive as Buffers.
        fetch: settledStandardFetch((url: string | Request, init?: RequestInit) => fetch(url, init)),
      });
      const opts = {
        live: true,
        retry: true,
        batch_size: 100,
        back_off_function: backOff,
      };
      const forwarded: Forwarded = {
        local,
        // PouchDB's own replicate, not the hub's class's (express-pouchdb wraps it for the local databases).
        replications: {
          push: PouchDB.replicate(local, target, opts),
          pull: PouchDB.replicate(target, local, opts),
        },
        failing: new Set(),
        marking: Promise.resolve(),
      };
      running.set(name, forwarded);
      follow(name, forwarded, 'push');
      follow(name, forwarded, 'pull');
    }
  };
  void scan();
  const timer = setInterval(() => void scan(), options.scanMs ?? 30_000);

  return {
    databases: () => [...running.keys()],
    close: async () => {
      closed = true;
      clearInterval(timer);
      const all = [...running.values()];
      running.clear();
      const replications = all.flatMap((f) => [f.replications.push, f.replications.pull]);
      for (const replication of replications) replication.cancel();
      await Promise.all(
        replications.map(
          (replication) =>
            new Promise<void>((resolve) => {
              replication.on('complete', () => resolve());
              setTimeout(resolve, 2000);
            }),
        ),
      );
      await Promise.all(all.map((f) => f.marking));
      await reporting;
    },
  };
}

/** Doubles the wait after each failure, from 1 s up to one minute. */
function backOff(delay: number): number {
  return delay === 0 ? 1000 : Math.min(delay * 2, 60_000);
}
