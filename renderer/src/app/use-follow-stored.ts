/**
 * An open editor follows the stored document: when a colleague's change arrives with sync
 * (or another window saves), every field the person is not editing takes the stored value
 * in place; a field being edited (typed and not saved yet, or saving) keeps the person's
 * text. What the editor showed for each field, and from which revision, is the base its
 * saves are made on (../data/save-on-base.ts): a field a colleague changed meanwhile is
 * saved beside their change, and both go to the Conflicts inbox, where they stay shown as
 * the person typed them until someone chooses. Used by the questionnaire runner, the CMC plan
 * editor and the story editor, each naming its fields its own way (answer keys, plan paths,
 * story parts).
 */
import { useEffect, useState } from 'react';
import { sameValue } from '@shared/sync/merge';
import type { FieldBase, SaveBase } from '../data/save-on-base';
import { useSyncStore } from './sync-store';

export type Fields = Record<string, unknown>;

export interface FollowOptions<D> {
  fieldsOf: (doc: D) => Fields;
  isEditing: (field: string) => boolean;
  /** Shows the stored values of these fields in place (inputs and the editor's state). */
  apply: (changes: Fields, doc: D) => void;
}

/** The bookkeeping of one open editor; plain methods, called from callbacks, never in render. */
export class Follower<D extends { _rev?: string }> {
  /** What each field shows and the revision it came from. */
  private readonly shown = new Map<string, FieldBase>();
  /** Fields written beside a colleague's change: kept as typed while the document is in conflict. */
  private readonly held = new Set<string>();
  /** The revision last taken in: a field not shown yet was empty there. */
  private lastRev: string | undefined;

  constructor(
    initial: D,
    private options: FollowOptions<D>,
  ) {
    this.lastRev = initial._rev;
    for (const [field, value] of Object.entries(options.fieldsOf(initial))) {
      this.shown.set(field, { value, rev: initial._rev });
    }
  }

  configure(options: FollowOptions<D>): void {
    this.options = options;
  }

  /** What the editor showed for these fields, for a save. */
  baseOf(fields: readonly string[]): SaveBase {
    return Object.fromEntries(
      fields.map((field) => [field, this.shown.get(field) ?? { value: null, rev: this.lastRev }]),
    );
  }

  /** After the editor's own save: these fields show the saved values; `conflicted` stay as typed. */
  saved(doc: D, fields: readonly string[], conflicted: readonly string[]): void {
    const values = this.options.fieldsOf(doc);
    for (const field of fields) this.shown.set(field, { value: values[field] ?? null, rev: doc._rev });
    for (const field of conflicted) this.held.add(field);
    this.lastRev = doc._rev;
    // The Conflicts inbox learns of it now, not at the next sync.
    if (conflicted.length > 0) void useSyncStore.getState().session?.settle();
  }

  /** A stored revision arrived (`conflicted`: the document has conflicting revisions). */
  stored(doc: D, conflicted: boolean): void {
    const { fieldsOf, isEditing, apply } = this.options;
    if (!conflicted) this.held.clear();
    const values = fieldsOf(doc);
    const changes: Fields = {};
    for (const field of new Set([...Object.keys(values), ...this.shown.keys()])) {
      const value = values[field] ?? null;
      const before = this.shown.get(field);
      if (isEditing(field) || this.held.has(field)) {
        // Typed into before it had a stored value: what the person saw was empty, as of the last revision.
        if (!before) this.shown.set(field, { value: null, rev: this.lastRev });
        continue;
      }
      this.shown.set(field, { value, rev: doc._rev });
      if (!before || !sameValue(before.value, value)) changes[field] = value;
    }
    this.lastRev = doc._rev;
    if (Object.keys(changes).length > 0) apply(changes, doc);
  }
}

export function useFollowStored<D extends { _rev?: string }>(
  options: FollowOptions<D> & { initial: D },
): Follower<D> {
  const [follower] = useState(() => new Follower(options.initial, options));
  useEffect(() => {
    follower.configure(options);
  });
  return follower;
}
