/**
 * The only way documents get into PouchDB: each one is upgraded and checked against
 * its zod schema from shared/ before `put`, so an invalid document is never written.
 * A save that meets a newer revision (409) is re-read and re-applied a capped number
 * of times, then reported as a conflict.
 */
import { WorkbenchError } from '@shared/errors';
import { parseDoc, type AnyDoc } from '@shared/docs/registry';
import {
  answerStamp,
  RESPONSE_SCHEMA_VERSION,
  type AnswerValue,
  type ResponseDoc,
} from '@shared/docs/response/schema';
import { responseId } from '@shared/ids';
import type { LocalDb } from './pouch';
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

  /** Validates and writes one document, returning it with its new revision. */
  async put<T extends AnyDoc>(doc: T): Promise<T> {
    const valid = parseDoc(doc) as T;
    try {
      const result = await this.db.put(valid);
      return { ...valid, _rev: result.rev };
    } catch (error) {
      if (isConflict(error)) throw error;
      throw toStorageError(error, `The ${valid.type} ${valid._id}`);
    }
  }

  /** Creates a draft response, or returns the existing one for that template and cycle. */
  async createResponse(templateId: string, templateVersion: string, cycle: number): Promise<ResponseDoc> {
    const id = responseId(this.author.org, templateId, cycle);
    const existing = await this.getResponse(id);
    if (existing) return existing;
    const now = this.clock().toISOString();
    try {
      return await this.put<ResponseDoc>({
        _id: id,
        type: 'response',
        schemaVersion: RESPONSE_SCHEMA_VERSION,
        org: this.author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: this.author.user,
        templateId,
        templateVersion,
        cycle,
        status: 'draft',
        answers: {},
      });
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
  async saveAnswers(id: string, changes: Readonly<Record<string, AnswerValue>>): Promise<ResponseDoc> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.getResponse(id);
      if (!current)
        throw new WorkbenchError('not-found', `The response ${id} no longer exists on this computer.`);
      const now = this.clock().toISOString();
      const answers = { ...current.answers };
      let changed = false;
      for (const [name, value] of Object.entries(changes)) {
        const before = answers[name];
        if (before && JSON.stringify(before.value) === JSON.stringify(value)) continue;
        answers[name] = before
          ? { value, at: now, by: this.author.user, prev: answerStamp(before) }
          : { value, at: now, by: this.author.user };
        changed = true;
      }
      if (!changed) return current;
      try {
        return await this.put({ ...current, answers, updatedAt: now, updatedBy: this.author.user });
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
