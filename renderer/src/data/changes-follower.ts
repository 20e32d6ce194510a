/**
 * Follows one PouchDB's changes feed into the read model from a checkpoint of its own
 * (a key in the read model's `meta` table), page by page. Each page's rows and the
 * checkpoint after it are written in one Dexie transaction, so a crash cannot leave rows
 * without their checkpoint; replaying a page is harmless because rows are upserts.
 * Catch-ups never overlap; a live listener asks for the next one.
 *
 * The institute's projector (./projector.ts), the CMC plans' (./cmc-projector.ts) and the
 * library's (./library-projector.ts) are each one of these with their own tables.
 */
import type { Table } from 'dexie';
import type { LocalDb } from './pouch';
import type { ReadModelDb } from './read-model';

const PAGE_SIZE = 200;

export type ChangeRow = PouchDB.Core.ChangesResponseChange<object>;

export interface FollowerTarget {
  /** The tables a page writes (the checkpoint's `meta` is added). */
  tables(readModel: ReadModelDb): Table[];
  /** Writes one page's rows; runs inside the page's transaction. */
  apply(readModel: ReadModelDb, changes: readonly ChangeRow[]): Promise<void>;
}

export class ChangesFollower {
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private feed: PouchDB.Core.Changes<object> | undefined;

  constructor(
    private readonly db: LocalDb,
    private readonly readModel: ReadModelDb,
    private readonly checkpointKey: string,
    private readonly target: FollowerTarget,
  ) {}

  /** Catches up from the stored checkpoint, then follows new changes as they come. */
  start(): Promise<void> {
    if (!this.feed) {
      this.feed = this.db.changes({ since: 'now', live: true });
      // A catch-up that meets the read model closed (the workspace went away) has nothing to do.
      this.feed.on('change', () => void this.catchUp().catch(() => undefined));
      // A failing live feed is reported once; the next start() or rebuild resumes.
      this.feed.on('error', (error) => console.error(`read model feed ${this.checkpointKey} stopped`, error));
    }
    return this.catchUp();
  }

  stop(): void {
    this.feed?.cancel();
    this.feed = undefined;
  }

  /** Resolves when every change written so far is in the read model. */
  catchUp(): Promise<void> {
    if (this.pending) return this.running;
    this.pending = true;
    this.running = this.running
      .catch(() => undefined)
      .then(async () => {
        this.pending = false;
        await this.drain();
      });
    return this.running;
  }

  private async drain(): Promise<void> {
    const { meta } = this.readModel;
    for (;;) {
      // Kept exactly as PouchDB gave it: a stringified local sequence would select nothing.
      const since = (await meta.get(this.checkpointKey))?.value ?? 0;
      const page = await this.db.changes({ since, limit: PAGE_SIZE, include_docs: true, return_docs: true });
      if (page.results.length === 0) return;
      await this.readModel.transaction('rw', [...this.target.tables(this.readModel), meta], async () => {
        await this.target.apply(this.readModel, page.results);
        await meta.put({ key: this.checkpointKey, value: page.last_seq });
      });
    }
  }
}
