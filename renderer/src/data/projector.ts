/**
 * Fills the Dexie read model from PouchDB's changes feed, and nothing else writes
 * it. Each page of changes and the checkpoint that follows it are written in one
 * Dexie transaction, so a crash between the two cannot leave rows without their
 * checkpoint (replaying a page is harmless: rows are upserts).
 */
import { responseFacts } from '@shared/dashboard/facts';
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import type { ResponseDoc } from '@shared/docs/response/schema';
import type { TemplateDoc } from '@shared/docs/template/schema';
import { toErrorData } from '@shared/errors';
import type { Template } from '@shared/forms/model';
import { evaluateForm } from '@shared/forms/rules';
import { findShippedTemplate } from '@shared/forms/shipped';
import { templateDocId } from '@shared/ids';
import { caseStudyKey, toCaseStudyRow } from './case-study-rows';
import type { LocalDb } from './pouch';
import type { ReadModelDb, ResponseRow, TemplateRow } from './read-model';

const PAGE_SIZE = 200;
const CHECKPOINT_KEY = 'checkpoint';

type ChangeRow = PouchDB.Core.ChangesResponseChange<object>;

export class Projector {
  private running: Promise<void> = Promise.resolve();
  private pending = false;
  private feed: PouchDB.Core.Changes<object> | undefined;
  /** Imported templates seen in the feed, so response rows can show progress by their rules. */
  private readonly templates = new Map<string, Template>();

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
    const { responses, problems, meta, templates, caseStudies } = this.readModel;
    // Templates first, so a response in the same page is measured by its template's rules.
    for (const change of changes) {
      if (change.doc && !change.deleted && (change.doc as { type?: unknown }).type === 'template') {
        try {
          const doc = parseDoc(change.doc);
          if (doc.type === 'template') this.templates.set(doc._id, doc.template);
        } catch {
          // Reported as a problem below.
        }
      }
    }
    await this.readModel.transaction('rw', [responses, problems, meta, templates, caseStudies], async () => {
      for (const change of changes) {
        if (!isOwnedId(change.id)) continue;
        if (change.deleted || !change.doc) {
          await responses.delete(change.id);
          await templates.delete(change.id);
          await caseStudies.delete(caseStudyKey('org', change.id));
          await problems.delete(change.id);
          continue;
        }
        try {
          const doc = parseDoc(change.doc);
          if (doc.type === 'response') await responses.put(this.toResponseRow(doc));
          if (doc.type === 'template') await templates.put(toTemplateRow(doc));
          if (doc.type === 'casestudy') await caseStudies.put(toCaseStudyRow(doc, 'org'));
          await problems.delete(change.id);
        } catch (error) {
          // A document we cannot read (e.g. from a newer app version) stays in
          // PouchDB untouched; the read model lists it as a problem instead.
          await responses.delete(change.id);
          await templates.delete(change.id);
          await caseStudies.delete(caseStudyKey('org', change.id));
          await problems.put({ id: change.id, message: toErrorData(error).message });
        }
      }
      await meta.put({ key: CHECKPOINT_KEY, value: lastSeq });
    });
  }

  private toResponseRow(doc: ResponseDoc): ResponseRow {
    const template =
      findShippedTemplate(doc.templateId, doc.templateVersion) ??
      this.templates.get(templateDocId(doc.templateId, doc.templateVersion));
    const answers = Object.fromEntries(Object.entries(doc.answers).map(([key, entry]) => [key, entry.value]));
    const progress = template
      ? evaluateForm(template, answers, { now: new Date(doc.updatedAt) })
      : {
          answered: Object.values(answers).filter((v) => v !== null && v !== '').length,
          total: 0,
          missing: [],
        };
    return {
      id: doc._id,
      org: doc.org,
      templateId: doc.templateId,
      templateVersion: doc.templateVersion,
      cycle: doc.cycle,
      status: doc.status,
      revision: doc.revision,
      answeredCount: progress.answered,
      total: progress.total,
      missingCount: progress.missing.length,
      missing: progress.missing,
      ...responseFacts(answers),
      updatedAt: doc.updatedAt,
      updatedBy: doc.updatedBy,
    };
  }
}

export function toTemplateRow(doc: TemplateDoc): TemplateRow {
  return {
    id: doc._id,
    templateId: doc.template.id,
    version: doc.template.version,
    title: doc.template.title,
    source: doc.source,
    leftOut: doc.template.leftOut.length,
    importedAt: doc.createdAt,
    importedBy: doc.updatedBy,
  };
}
