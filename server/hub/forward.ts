/**
 * Forwarding: the hub replicates every institute database and the library both ways
 * with a central server whenever it can reach it. PouchDB's replication keeps its
 * checkpoints on both sides, so after a cut it resumes where it stopped; `retry` backs
 * off while the central server is unreachable. New databases (from `workbench setup`
 * run later) are picked up by a periodic look at the hub's own list.
 */
import { settledStandardFetch } from '../../shared/sync/fetch';
import PouchDB from 'pouchdb-node';
import { isSyncDb } from '../../shared/sync/names';

export interface Forwarder {
  /** Names of the databases being forwarded. */
  databases(): string[];
  close(): Promise<void>;
}

export function startForwarding(options: {
  Local: PouchDB.Static;
  allDbs: () => Promise<string[]>;
  remote: string;
  log: (line: string) => void;
  scanMs?: number;
}): Forwarder {
  const { Local, remote, log } = options;
  const base = remote.replace(/\/+$/, '');
  const running = new Map<string, PouchDB.Replication.Sync<object>>();
  let closed = false;

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
      const sync = local.sync(target, {
        live: true,
        retry: true,
        batch_size: 100,
        back_off_function: backOff,
      });
      running.set(name, sync);
      let reported = false;
      sync.on('paused', (error) => {
        if (error && !reported) {
          reported = true;
          log(
            `forward: ${name}: central server unreachable, will retry (${String((error as Error).message ?? error)})`,
          );
        } else if (!error && reported) {
          reported = false;
          log(`forward: ${name}: in step with the central server again`);
        }
      });
      sync.on('denied', (error) => log(`forward: ${name}: a document was refused: ${JSON.stringify(error)}`));
      sync.on('error', (error) => {
        log(
          `forward: ${name}: stopped: ${String((error as Error).message ?? error)}; restarting on the next scan`,
        );
        running.delete(name);
      });
    }
  };
  void scan();
  const timer = setInterval(() => void scan(), options.scanMs ?? 30_000);

  return {
    databases: () => [...running.keys()],
    close: async () => {
      closed = true;
      clearInterval(timer);
      const syncs = [...running.values()];
      running.clear();
      for (const sync of syncs) sync.cancel();
      await Promise.all(
        syncs.map(
          (sync) =>
            new Promise<void>((resolve) => {
              sync.on('complete', () => resolve());
              setTimeout(resolve, 2000);
            }),
        ),
      );
    },
  };
}

/** Doubles the wait after each failure, from 1 s up to one minute. */
function backOff(delay: number): number {
  return delay === 0 ? 1000 : Math.min(delay * 2, 60_000);
}
