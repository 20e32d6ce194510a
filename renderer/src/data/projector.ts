/**
 * Fills the Dexie read model from PouchDB's changes feed, and nothing else writes
 * it. Each page of changes and the checkpoint that follows it are written in one
 * Dexie transaction, so a crash between the two cannot leave rows without their
 * checkpoint (replaying a page is harmless: rows are upserts).
 */
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import type { LocalDb } from './pouch';
import type { ReadModelDb, ResponseRow } from './read-model';

const PAGE_SIZE = 200;
const CHECKPOINT_KEY = 'checkpoint';

type ChangeRow = PouchDB.Core.ChangesResponseChange<object>;

export class Projector {
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private feed: PouchDB.Core.Changes<object> | undefined;

  constructor(
    private readonly db: LocalDb,
    private readonly readModel: ReadModelDb,
  ) {}

  /** Catches up from the stored checkpoint, then follows new changes as they come. */
  start(): Promise<void> {
    if (!this.feed) {
      this.feed = this.db.changes({ since: 'now', live: true });
      this.feed.on('change', () => void this.catchUp());
      // A failing live feed is reported once; the next start() or rebuild resumes.
      this.feed.on('error', (error) => console.error('read model feed stopped', error));
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
    for (;;) {
      const since = (await this.readModel.meta.get(CHECKPOINT_KEY))?.value ?? 0;
      const page = await this.db.changes({ since, limit: PAGE_SIZE, include_docs: true, return_docs: true });
      if (page.results.length === 0) return;
      await this.apply(page.results, page.last_seq);
    }
  }

  private async apply(changes: readonly ChangeRow[], lastSeq: string | number): Promise<void> {
    const { responses, problems, meta } = this.readModel;
    await this.readModel.transaction('rw', responses, problems, meta, async () => {
      for (const change of changes) {
        if (!isOwnedId(change.id)) continue;
        if (change.deleted || !change.doc) {
          await responses.delete(change.id);
          await problems.delete(change.id);
          continue;
        }
        try {
          const doc = parseDoc(change.doc);
          if (doc.type === 'response') await responses.put(toResponseRow(doc));
          await problems.delete(change.id);
        } catch (error) {
          // A document we cannot read (e.g. from a newer app version) stays in
          // PouchDB untouched; the read model lists it as a problem instead.
          await responses.delete(change.id);
          await problems.put({ id: change.id, message: toErrorData(error).message });
        }
      }
      await meta.put({ key: CHECKPOINT_KEY, value: lastSeq });
    });
  }
}

function toResponseRow(doc: ResponseDoc): ResponseRow {
  return {
    id: doc._id,
    org: doc.org,
    templateId: doc.templateId,
    templateVersion: doc.templateVersion,
    cycle: doc.cycle,
    status: doc.status,
    answeredCount: Object.values(doc.answers).filter((a) => a.value !== null && a.value !== '').length,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
  };
}
