/**
 * What the Sync screen counts, counted once and only when true:
 *
 * - Documents sent and received are distinct document ids taken from each batch a
 *   replication reports (`info.docs`): a document carried in several batches or runs
 *   counts once (PouchDB's `docs_written`, a running total, added up batch after batch
 *   once reported 13,275 documents sent for 550 writes).
 * - "Waiting to go up" falls only when the server has acknowledged documents: a push
 *   writes its checkpoint after the server answered the batch's `_bulk_docs`, and only then
 *   does the marker (`_local/sync-marker`, see ./waiting.ts) move past them. A failed
 *   attempt, "Sync now" against a server that is down, or a pause, moves nothing.
 */
import type { LocalDb } from '../pouch';
import { readMarker, writeMarker } from './waiting';

/** Distinct documents, e.g. those sent in one run. */
export class DocTally {
  private readonly ids = new Set<string>();

  /** Counts the batch's documents not counted yet (the server's design documents are not the user's). */
  add(docs: readonly { _id: string }[] | undefined): void {
    for (const doc of docs ?? []) if (!doc._id.startsWith('_design/')) this.ids.add(doc._id);
  }

  get size(): number {
    return this.ids.size;
  }

  clear(): void {
    this.ids.clear();
  }
}

interface CheckpointEvents {
  on(event: 'checkpoint', listener: (info: { checkpoint?: number | string }) => void): unknown;
}

function seqNumber(seq: number | string | undefined): number {
  if (seq === undefined) return -1;
  const n = typeof seq === 'number' ? seq : Number.parseInt(seq, 10);
  return Number.isFinite(n) ? n : -1;
}

/**
 * Moves a push's marker forward to each sequence the server acknowledged (the `checkpoint`
 * events of a push replication), one write at a time and never backwards. `settled()`
 * resolves once every acknowledgement seen so far is written.
 */
export class AcknowledgedMarker {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: LocalDb,
    private readonly markerId: string,
  ) {}

  /** Follows a push replication's acknowledgements; `after` runs once each is written. */
  follow(replication: CheckpointEvents, after: () => void): void {
    // { checkpoint: seq } follows a batch the target wrote (./replicator.ts, as PouchDB's).
    replication.on('checkpoint', (info) => {
      if (info.checkpoint === undefined) return;
      void this.acknowledge(info.checkpoint).then(after);
    });
  }

  acknowledge(seq: number | string): Promise<void> {
    this.writing = this.writing.then(async () => {
      const current = await readMarker(this.db, this.markerId);
      if (current !== undefined && seqNumber(current) >= seqNumber(seq)) return;
      await writeMarker(this.db, this.markerId, seq);
    });
    return this.writing;
  }

  settled(): Promise<void> {
    return this.writing;
  }
}
