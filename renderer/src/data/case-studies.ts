/**
 * Case studies in storage: every change is one of the pure functions of
 * shared/case-studies/workflow.ts (which decide who may do what), applied to the latest
 * revision and written through the repository (schema-checked), re-applied when another
 * save got there first. Photos are attachments of the story's document.
 *
 * Publishing writes two databases: the published copy (the story without its comments,
 * with its photos) goes to the local library, which the secretariat's computer pushes to
 * `dec-library` within seconds; then the institute's copy records the step. Unpublishing
 * deletes the library copy, so every institute's next sync withdraws it.
 */
import {
  addComment,
  editStory,
  newStory,
  publishedCopy,
  resolveComment,
  takeStep,
  type CaseStudyActor,
  type StatusStep,
  type StoryPatch,
} from '@shared/case-studies/workflow';
import { PHOTO_LIMITS, photoName, STORED_PHOTO_TYPE } from '@shared/case-studies/photos';
import type { CommentTarget } from '@shared/case-studies/sections';
import type { CaseStudyDoc, PhotoMeta } from '@shared/docs/casestudy/schema';
import { WorkbenchError } from '@shared/errors';
import type { LocalDb } from './pouch';
import type { Repository } from './repository';
import type { SaveBase, SavedOnBase } from './save-on-base';
import { isConflict } from './storage-errors';
import type { CaseStudySource } from './case-study-rows';

const MAX_CONFLICT_RETRIES = 3;

export interface CaseStudyStores {
  db: LocalDb;
  repository: Repository;
  library: LocalDb;
  libraryRepository: Repository;
}

/** A photo ready to store: already resized and re-encoded (features/case-studies/resize-photo.ts). */
export interface NewPhoto {
  /** A Blob in the browser; base64 text in tests and tools. */
  data: Blob | string;
  width: number;
  height: number;
  bytes: number;
  caption?: string;
  credit?: string;
}

export type Clock = () => Date;

function randomId(): string {
  return crypto.randomUUID();
}

export class CaseStudyStore {
  constructor(
    private readonly stores: CaseStudyStores,
    private readonly clock: Clock = () => new Date(),
    private readonly makeId: () => string = randomId,
  ) {}

  /** The institute's copy (drafts to published); undefined when it is not on this computer. */
  async get(id: string): Promise<CaseStudyDoc | undefined> {
    return this.read(this.stores.repository, id);
  }

  /** The library's published copy. */
  async getPublished(id: string): Promise<CaseStudyDoc | undefined> {
    return this.read(this.stores.libraryRepository, id);
  }

  private async read(repository: Repository, id: string): Promise<CaseStudyDoc | undefined> {
    const doc = await repository.get(id);
    if (doc !== undefined && doc.type !== 'casestudy') {
      throw new WorkbenchError('invalid-input', `${id} is not a case study.`);
    }
    return doc;
  }

  async create(org: string, economy: string, actor: CaseStudyActor, title = ''): Promise<CaseStudyDoc> {
    const doc = newStory({ org, uuid: this.makeId(), economy, at: this.clock().toISOString(), actor, title });
    return this.stores.repository.put(doc);
  }

  edit(id: string, patch: StoryPatch, actor: CaseStudyActor): Promise<CaseStudyDoc> {
    return this.update(id, (current, now) => editStory(current, patch, actor, now));
  }

  /** Saves changed fields on top of what the editor showed (./save-on-base.ts). */
  editOnBase(
    id: string,
    patch: StoryPatch,
    actor: CaseStudyActor,
    base: SaveBase | undefined,
  ): Promise<SavedOnBase<CaseStudyDoc>> {
    return this.stores.repository.saveFieldsOnBase({
      id,
      changes: patch as Record<string, unknown>,
      base,
      read: () => this.get(id),
      valueOf: (doc, field) => doc[field as keyof CaseStudyDoc],
      save: (plain) => this.edit(id, plain as StoryPatch, actor),
      beside: (latest, mine) =>
        editStory(latest, mine as StoryPatch, actor, this.clock().toISOString()) ?? latest,
    });
  }

  comment(id: string, target: CommentTarget, text: string, actor: CaseStudyActor): Promise<CaseStudyDoc> {
    const commentId = this.makeId();
    return this.update(id, (current, now) => {
      const next = addComment(current, { id: commentId, target, text }, actor, now);
      return next === current ? undefined : next;
    });
  }

  resolve(id: string, commentId: string, actor: CaseStudyActor, note = ''): Promise<CaseStudyDoc> {
    return this.update(id, (current, now) => {
      const next = resolveComment(current, commentId, actor, now, note);
      return next === current ? undefined : next;
    });
  }

  /** Sends for review, returns, approves or reopens; publishing also writes the library. */
  async step(id: string, step: StatusStep, actor: CaseStudyActor, note = ''): Promise<CaseStudyDoc> {
    if (step === 'publish') return this.publish(id, actor, note);
    const next = await this.update(id, (current, now) => takeStep(current, step, actor, now, note));
    if (step === 'unpublish') await this.withdrawFromLibrary(id);
    return next;
  }

  private async publish(id: string, actor: CaseStudyActor, note: string): Promise<CaseStudyDoc> {
    const current = await this.get(id);
    if (!current) throw new WorkbenchError('not-found', `The story ${id} is not on this computer.`);
    // Checked before anything is written, so a refusal leaves both databases as they were.
    const published = takeStep(current, 'publish', actor, this.clock().toISOString(), note);
    const full = (await this.stores.db.get(id, { attachments: true, binary: true })) as {
      _attachments?: Record<string, { content_type: string; data: Blob | string }>;
    };
    const attachments = Object.fromEntries(
      Object.entries(full._attachments ?? {}).map(([name, a]) => [
        name,
        { content_type: a.content_type, data: a.data },
      ]),
    );
    const copy: CaseStudyDoc = {
      ...publishedCopy(published),
      ...(Object.keys(attachments).length > 0 ? { _attachments: attachments } : {}),
    };
    const existing = await this.stores.library.get(id).catch(() => undefined);
    await this.stores.libraryRepository.put(existing ? { ...copy, _rev: existing._rev } : copy);
    try {
      return await this.update(id, (latest, now) => takeStep(latest, 'publish', actor, now, note));
    } catch (error) {
      await this.withdrawFromLibrary(id);
      throw error;
    }
  }

  private async withdrawFromLibrary(id: string): Promise<void> {
    try {
      const copy = await this.stores.library.get(id);
      await this.stores.library.remove(copy);
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }

  async addPhoto(
    id: string,
    photo: NewPhoto,
    actor: CaseStudyActor,
  ): Promise<{ doc: CaseStudyDoc; name: string }> {
    const name = photoName(this.makeId());
    const doc = await this.update(id, (current, now) => {
      // Editing rules apply to photos as to text.
      editStory(current, {}, actor, now);
      if (Object.keys(current.photos).length >= PHOTO_LIMITS.maxPhotos) {
        throw new WorkbenchError(
          'invalid-input',
          `A story holds at most ${PHOTO_LIMITS.maxPhotos} photos. Remove one before adding another.`,
        );
      }
      const order = Math.max(0, ...Object.values(current.photos).map((p) => p.order)) + 1;
      const meta: PhotoMeta = {
        caption: photo.caption ?? '',
        credit: photo.credit ?? '',
        width: photo.width,
        height: photo.height,
        bytes: photo.bytes,
        order,
        addedAt: now,
        addedBy: actor.user,
      };
      return {
        ...current,
        photos: { ...current.photos, [name]: meta },
        _attachments: {
          ...(current._attachments ?? {}),
          [name]: { content_type: STORED_PHOTO_TYPE, data: photo.data },
        },
        updatedAt: now,
        updatedBy: actor.user,
      };
    });
    return { doc, name };
  }

  updatePhoto(
    id: string,
    name: string,
    change: Partial<Pick<PhotoMeta, 'caption' | 'credit' | 'order'>>,
    actor: CaseStudyActor,
  ): Promise<CaseStudyDoc> {
    return this.update(id, (current, now) => {
      editStory(current, {}, actor, now);
      const meta = current.photos[name];
      if (!meta) throw new WorkbenchError('not-found', 'This photo is no longer in the story.');
      const next = { ...meta, ...change };
      if (JSON.stringify(next) === JSON.stringify(meta)) return undefined;
      return {
        ...current,
        photos: { ...current.photos, [name]: next },
        updatedAt: now,
        updatedBy: actor.user,
      };
    });
  }

  removePhoto(id: string, name: string, actor: CaseStudyActor): Promise<CaseStudyDoc> {
    return this.update(id, (current, now) => {
      editStory(current, {}, actor, now);
      if (!current.photos[name]) return undefined;
      const { [name]: _photo, ...photos } = current.photos;
      const { [name]: _stored, ...attachments } = current._attachments ?? {};
      return { ...current, photos, _attachments: attachments, updatedAt: now, updatedBy: actor.user };
    });
  }

  /** Puts back a photo that was removed (the undo): its bytes and what was said of it, as it was. */
  restorePhoto(
    id: string,
    name: string,
    meta: PhotoMeta,
    data: Blob | string,
    actor: CaseStudyActor,
  ): Promise<CaseStudyDoc> {
    return this.update(id, (current, now) => {
      editStory(current, {}, actor, now);
      if (current.photos[name]) return undefined;
      return {
        ...current,
        photos: { ...current.photos, [name]: meta },
        _attachments: {
          ...(current._attachments ?? {}),
          [name]: { content_type: STORED_PHOTO_TYPE, data },
        },
        updatedAt: now,
        updatedBy: actor.user,
      };
    });
  }

  /** A stored photo's bytes, from the institute's copy or the library's. */
  async photo(source: CaseStudySource, id: string, name: string): Promise<Blob> {
    const db = source === 'library' ? this.stores.library : this.stores.db;
    return (await db.getAttachment(id, name)) as Blob;
  }

  /** Calls back with each new revision of one story (after sync or another window's save). */
  watch(source: CaseStudySource, id: string, onChange: (doc: CaseStudyDoc | undefined) => void): () => void {
    const db = source === 'library' ? this.stores.library : this.stores.db;
    const feed = db.changes({ since: 'now', live: true, doc_ids: [id] });
    feed.on('change', () => {
      void (source === 'library' ? this.getPublished(id) : this.get(id)).then(onChange, () => undefined);
    });
    feed.on('error', () => undefined);
    return () => feed.cancel();
  }

  /**
   * Re-reads the latest revision and applies `change`, retrying when another save got
   * there first. `change` returns undefined when there is nothing to write.
   */
  private async update(
    id: string,
    change: (current: CaseStudyDoc, now: string) => CaseStudyDoc | undefined,
  ): Promise<CaseStudyDoc> {
    for (let attempt = 0; ; attempt++) {
      const current = await this.get(id);
      if (!current) throw new WorkbenchError('not-found', `The story ${id} is no longer on this computer.`);
      const next = change(current, this.clock().toISOString());
      if (!next) return current;
      try {
        return await this.stores.repository.put(next);
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt + 1 >= MAX_CONFLICT_RETRIES) {
          throw new WorkbenchError(
            'conflict',
            `The story kept changing while saving (${MAX_CONFLICT_RETRIES} tries); what you typed is still on screen. Try again.`,
            undefined,
            { cause: error },
          );
        }
      }
    }
  }
}
