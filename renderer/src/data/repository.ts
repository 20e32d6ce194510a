/**
 * The only way documents get into PouchDB: each one is upgraded and checked against
 * its zod schema from shared/ before `put`, so an invalid document is never written.
 * A save that meets a newer revision (409) is re-read and re-applied a capped number
 * of times, then reported as a conflict.
 */
import { WorkbenchError } from '@shared/errors';
import { parseDoc, type AnyDoc } from '@shared/docs/registry';
import { newResponseDoc, reopened, stampAnswers, submitted } from '@shared/docs/response/edit';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { applyReturn } from '@shared/excel/apply-return';
import type { ReturnReport } from '@shared/excel/return-import';
import { TEMPLATE_SCHEMA_VERSION, type TemplateDoc } from '@shared/docs/template/schema';
import { templateSchema, type Template } from '@shared/forms/model';
import { responseId, templateDocId } from '@shared/ids';
import type { LocalDb } from './pouch';
import { saveOnBase, type SaveBase, type SavedOnBase } from './save-on-base';
import { isConflict, toStorageError } from './storage-errors';

const MAX_CONFLICT_RETRIES = 3;

export interface Author {
  org: string;
  user: string;
}

export type Clock = () => Date;

export class Repository {
  constructor(
    private readonly db: LocalDb,
    private readonly author: Author,
    private readonly clock: Clock = () => new Date(),
  ) {}

  /** Reads and upgrades a document; undefined when it does not exist (or was deleted). */
  async get(id: string): Promise<AnyDoc | undefined> {
    try {
      return parseDoc(await this.db.get(id));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async getResponse(id: string): Promise<ResponseDoc | undefined> {
    const doc = await this.get(id);
    if (doc !== undefined && doc.type !== 'response') {
      throw new WorkbenchError('invalid-input', `${id} is not a questionnaire response.`);
    }
    return doc;
  }

  /**
   * Calls back with each new stored revision of one document (after sync, another window's
   * save, or this editor's own), and whether it now has conflicting revisions; undefined once
   * it is deleted. An open editor follows it (app/use-follow-stored.ts).
   */
  watch(id: string, onDoc: (doc: AnyDoc | undefined, conflicted: boolean) => void): () => void {
    const feed = this.db.changes({ since: 'now', live: true, doc_ids: [id] });
    let reading = Promise.resolve();
    feed.on('change', () => {
      // In order, so that an older read never lands after a newer one.
      reading = reading.then(async () => {
        try {
          const raw = (await this.db.get(id, { conflicts: true })) as { _conflicts?: string[] };
          onDoc(parseDoc(raw), (raw._conflicts?.length ?? 0) > 0);
        } catch (error) {
          if ((error as { status?: number }).status === 404) onDoc(undefined, false);
          // A revision this version cannot read stays stored; the editor keeps what it shows.
        }
      });
    });
    feed.on('error', () => undefined);
    return () => feed.cancel();
  }

  /** Validates and writes one document, returning it with its new revision. */
  async put<T extends AnyDoc>(doc: T): Promise<T> {
    const valid = parseDoc(doc) as T;
    try {
      // Attachments (a case study's photos) are checked as plain data in shared/, where no Blob type exists.
      const result = await this.db.put(valid as unknown as PouchDB.Core.PutDocument<object>);
      return { ...valid, _rev: result.rev };
    } catch (error) {
      if (isConflict(error)) throw error;
      throw toStorageError(error, `The ${valid.type} ${valid._id}`);
    }
  }

  /** Deletes a document: a tombstone, which syncs like any other change. */
  async remove(id: string, rev: string): Promise<void> {
    try {
      await this.db.remove(id, rev);
    } catch (error) {
      if (isConflict(error)) throw error;
      throw toStorageError(error, `The document ${id}`);
    }
  }

  /**
   * Deletes a document and every conflicting revision it has (tombstones, which sync), and
   * returns how to bring it back: the undo puts the last content, attachments included, on
   * top of the tombstone, so the restored document syncs as a newer revision than the deletion.
   */
  async removeWithUndo(id: string): Promise<() => Promise<void>> {
    let current: PouchDB.Core.Document<object> & PouchDB.Core.GetMeta;
    try {
      current = await this.db.get(id, { conflicts: true, attachments: true, binary: true });
    } catch (error) {
      throw toStorageError(error, `The document ${id}`);
    }
    const { _conflicts: losing = [], ...body } = current as typeof current & { _conflicts?: string[] };
    const results = await this.db.bulkDocs([
      { _id: id, _rev: current._rev, _deleted: true },
      ...losing.map((rev) => ({ _id: id, _rev: rev, _deleted: true })),
    ]);
    const deletion = results[0];
    if (!deletion || 'error' in deletion || !('rev' in deletion) || !deletion.rev) {
      throw new WorkbenchError('conflict', `${id} changed while it was being deleted; it is still there.`);
    }
    const tombstone = deletion.rev;
    return async () => {
      const restored = parseDoc({ ...body, _rev: tombstone });
      try {
        await this.db.put(restored as unknown as PouchDB.Core.PutDocument<object>);
      } catch (error) {
        throw toStorageError(error, `The document ${id}`);
      }
    };
  }

  /**
   * Deletes a document nobody has changed since it was created (its first revision): a draft
   * opened and left at once is not kept. True when it was deleted.
   */
  async discardIfUntouched(id: string): Promise<boolean> {
    try {
      const current = await this.db.get(id);
      if (!current._rev.startsWith('1-')) return false;
      await this.db.remove(current);
      return true;
    } catch {
      return false; // gone, changed meanwhile, or storage unavailable: kept as it is
    }
  }

  /**
   * Creates a draft response, or returns the existing one for that template and cycle.
   * `initial` answers (metadata, defaults, or last cycle's answers) are stamped as new.
   */
  async createResponse(
    templateId: string,
    templateVersion: string,
    cycle: number,
    initial: Readonly<Record<string, AnswerValue>> = {},
  ): Promise<ResponseDoc> {
    const id = responseId(this.author.org, templateId, cycle);
    const existing = await this.getResponse(id);
    if (existing) return existing;
    const now = this.clock().toISOString();
    try {
      return await this.put(
        newResponseDoc({
          org: this.author.org,
          templateId,
          templateVersion,
          cycle,
          answers: initial,
          at: now,
          by: this.author.user,
        }),
      );
    } catch (error) {
      // Another window created it between our read and our write: use theirs.
      if (isConflict(error)) {
        const created = await this.getResponse(id);
        if (created) return created;
      }
      throw error;
    }
  }

  /**
   * Applies changed answers to the latest revision of a response. Only the questions
   * named in `changes` are touched, each stamped with who, when and what it replaced,
   * so edits made elsewhere to other questions survive.
   */
  saveAnswers(id: string, changes: Readonly<Record<string, AnswerValue>>): Promise<ResponseDoc> {
    return this.updateResponse(id, (current, now) => {
      if (current.status === 'submitted') {
        throw new WorkbenchError(
          'read-only',
          'This response has been submitted, so its answers cannot change. Reopen it to make a new revision.',
        );
      }
      const answers = stampAnswers(current.answers, changes, now, this.author.user);
      return answers === current.answers ? undefined : { ...current, answers };
    });
  }

  /**
   * Saves typed answers on top of what the editor showed (./save-on-base.ts): an answer a
   * colleague changed meanwhile is written beside theirs, and both go to the Conflicts inbox.
   */
  saveAnswersOnBase(
    id: string,
    changes: Readonly<Record<string, AnswerValue>>,
    base: SaveBase | undefined,
  ): Promise<SavedOnBase<ResponseDoc>> {
    return this.saveFieldsOnBase({
      id,
      changes,
      base,
      read: () => this.getResponse(id),
      valueOf: (doc, key) => doc.answers[key]?.value ?? null,
      save: (plain) => this.saveAnswers(id, plain),
      beside: (latest, mine, seen) => {
        const now = this.clock().toISOString();
        // Each answer replaces the one the person saw, not the colleague's they never saw.
        const stamped = stampAnswers(seen?.answers ?? {}, mine, now, this.author.user);
        const answers = { ...latest.answers };
        for (const key of Object.keys(mine)) {
          const entry = stamped[key];
          if (entry) answers[key] = entry;
        }
        return { ...latest, answers, updatedAt: now, updatedBy: this.author.user };
      },
    });
  }

  /** Any document's fields saved on top of what an editor showed (./save-on-base.ts), in this database. */
  saveFieldsOnBase<D extends AnyDoc, C extends Record<string, unknown>>(
    options: Omit<Parameters<typeof saveOnBase<D, C>>[0], 'db'>,
  ): Promise<SavedOnBase<D>> {
    return saveOnBase({ ...options, db: this.db });
  }

  /** Marks a response submitted, recording who and when, with the answers filled at submission. */
  submitResponse(id: string, atSubmit: Readonly<Record<string, AnswerValue>> = {}): Promise<ResponseDoc> {
    return this.updateResponse(id, (current, now) => {
      const next = submitted(current, atSubmit, now, this.author.user);
      return next === current ? undefined : next;
    });
  }

  /** Makes a submitted response editable again as its next revision; the reason is kept. */
  reopenResponse(id: string, reason: string): Promise<ResponseDoc> {
    const why = reason.trim();
    if (!why) {
      return Promise.reject(
        new WorkbenchError('invalid-input', 'Say why the response is reopened; the reason is kept with it.'),
      );
    }
    return this.updateResponse(id, (current, now) => {
      const next = reopened(current, why, now, this.author.user);
      return next === current ? undefined : next;
    });
  }

  /**
   * Applies a checked Excel return in one write: the institute's response gets the
   * workbook's changes as its next revision (reopened if it was submitted, submitted again
   * if the report asks), or is created from them. A save that meets a newer revision is
   * re-applied to it, like typing.
   */
  async applyReturn(report: ReturnReport, template: Template, reason: string): Promise<ResponseDoc> {
    const { meta } = report;
    const id = responseId(meta.org, meta.templateId, meta.cycle);
    const apply = (current: ResponseDoc | undefined, at: Date) =>
      applyReturn(report, { template, current, user: this.author.user, at, reason });
    if (!(await this.getResponse(id))) {
      try {
        return await this.put(apply(undefined, this.clock()));
      } catch (error) {
        if (!isConflict(error)) throw error; // created meanwhile: apply to it below
      }
    }
    return this.updateResponse(id, (current, now) => apply(current, new Date(now)));
  }

  /** Stores an imported template. The same id and version with other content is refused. */
  async saveTemplate(template: Template, source: string): Promise<TemplateDoc> {
    const id = templateDocId(template.id, template.version);
    const existing = await this.get(id);
    if (existing?.type === 'template') {
      // Compared in the schema's key order, which is how the stored copy was written.
      if (JSON.stringify(existing.template) === JSON.stringify(templateSchema.parse(template)))
        return existing;
      throw new WorkbenchError(
        'conflict',
        `A different form with id ${template.id} and version ${template.version} is already imported (from ${existing.source}). Give this one a new version in its settings sheet.`,
      );
    }
    const now = this.clock().toISOString();
    return this.put<TemplateDoc>({
      _id: id,
      type: 'template',
      schemaVersion: TEMPLATE_SCHEMA_VERSION,
      org: this.author.org,
      createdAt: now,
      updatedAt: now,
      updatedBy: this.author.user,
      source,
      template,
    });
  }

  async getTemplate(templateId: string, version: string): Promise<Template | undefined> {
    const doc = await this.get(templateDocId(templateId, version));
    return doc?.type === 'template' ? doc.template : undefined;
  }

  /**
   * Re-reads the latest revision and applies `change` to it, retrying when another
   * save got there first. `change` returns undefined when there is nothing to write.
   */
  private async updateResponse(
    id: string,
    change: (current: ResponseDoc, now: string) => ResponseDoc | undefined,
  ): Promise<ResponseDoc> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.getResponse(id);
      if (!current)
        throw new WorkbenchError('not-found', `The response ${id} no longer exists on this computer.`);
      const now = this.clock().toISOString();
      const next = change(current, now);
      if (!next) return current;
      try {
        return await this.put({ ...next, updatedAt: now, updatedBy: this.author.user });
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt + 1 >= MAX_CONFLICT_RETRIES) {
          throw new WorkbenchError(
            'conflict',
            `The response ${id} kept changing while saving (${MAX_CONFLICT_RETRIES} tries); your answers are still on screen. Try again.`,
            undefined,
            { cause: error },
          );
        }
      }
    }
  }
}
