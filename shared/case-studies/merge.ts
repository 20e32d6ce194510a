/**
 * How concurrent revisions of a case study merge (called from shared/sync/merge.ts, which
 * merges every other field one by one against the common ancestor):
 *
 * - `comments`: every comment is kept (ids are unique); a comment resolved on one side is
 *   resolved in the merge.
 * - `photos`: photo by photo against the ancestor: a photo added on one side is added, one
 *   removed on one side (and untouched on the other) is removed, a caption changed on one
 *   side takes the change. Two different changes to the same photo make `photos` a
 *   conflict for a person to decide (the options are each side's photos).
 * - `_attachments` follow the photos: the stored image of every photo that remains.
 * - `history` is the union of both (in sync/merge.ts), and the status is where the latest
 *   step led.
 */
import type { FieldConflict, Leaf } from '../sync/merge';
import { statusAfter } from './workflow';
import type { CaseStudyStatus } from './workflow-states';

type Stable = (value: unknown) => string;
type Entries = Record<string, unknown>;

function mapOf(value: unknown): Entries {
  return value !== null && typeof value === 'object' ? (value as Entries) : {};
}

function mergeComments(leaves: readonly Leaf[], stable: Stable): Entries {
  const merged: Entries = {};
  for (const leaf of leaves) {
    for (const [id, comment] of Object.entries(mapOf(leaf['comments']))) {
      const current = merged[id] as { resolved?: unknown } | undefined;
      const next = comment as { resolved?: unknown };
      if (!current) merged[id] = comment;
      else if (!current.resolved && next.resolved) merged[id] = comment;
      else if (current.resolved && next.resolved && stable(next) < stable(current)) merged[id] = comment;
    }
  }
  return merged;
}

function mergePhotos(
  leaves: readonly Leaf[],
  ancestor: Entries | undefined,
  stable: Stable,
): { merged: Entries; conflict: boolean } {
  const base = ancestor ? mapOf(ancestor['photos']) : undefined;
  const sides = leaves.map((leaf) => mapOf(leaf['photos']));
  const keys = new Set(sides.flatMap((side) => Object.keys(side)));
  if (base) for (const key of Object.keys(base)) keys.add(key);
  const merged: Entries = {};
  let conflict = false;
  for (const key of [...keys].sort()) {
    const values = sides.map((side) => side[key]);
    const distinct = new Map(values.map((v) => [v === undefined ? '∅' : stable(v), v]));
    let chosen: unknown;
    if (distinct.size === 1) chosen = values[0];
    else if (!base) {
      // No ancestor to tell a removal from an addition: keep the photo.
      chosen = values.find((v) => v !== undefined);
    } else {
      const before = base[key] === undefined ? '∅' : stable(base[key]);
      const changes = [...distinct.entries()].filter(([k]) => k !== before);
      if (changes.length === 1) chosen = changes[0]?.[1];
      else {
        conflict = true;
        chosen = values.find((v) => v !== undefined);
      }
    }
    if (chosen !== undefined) merged[key] = chosen;
  }
  return { merged, conflict };
}

/**
 * The case-study fields merged here; `mergeHistory` is the shared union of histories.
 * Adds a `photos` conflict when two sides changed the same photo differently.
 */
export function mergeCaseStudyParts(
  leaves: readonly Leaf[],
  ancestor: Entries | undefined,
  history: readonly unknown[],
  stable: Stable,
  conflicts: FieldConflict[],
): Entries {
  const photos = mergePhotos(leaves, ancestor, stable);
  const attachments: Entries = {};
  const keep = photos.conflict
    ? new Set(leaves.flatMap((leaf) => Object.keys(mapOf(leaf['photos']))))
    : new Set(Object.keys(photos.merged));
  for (const leaf of leaves) {
    for (const [name, stub] of Object.entries(mapOf(leaf['_attachments']))) {
      if (keep.has(name) && !(name in attachments)) attachments[name] = stub;
    }
  }
  if (photos.conflict) {
    const seen = new Set<string>();
    conflicts.push({
      field: 'photos',
      options: leaves
        .filter((leaf) => {
          const key = stable(leaf['photos']);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .map((leaf) => ({
          rev: leaf._rev,
          value: leaf['photos'],
          ...(typeof leaf['updatedAt'] === 'string' ? { at: leaf['updatedAt'] } : {}),
          ...(typeof leaf['updatedBy'] === 'string' ? { by: leaf['updatedBy'] } : {}),
        })),
    });
  }
  const fallback = (leaves[0]?.['status'] as CaseStudyStatus | undefined) ?? 'draft';
  return {
    comments: mergeComments(leaves, stable),
    photos: photos.merged,
    ...(Object.keys(attachments).length > 0 ? { _attachments: attachments } : {}),
    history,
    status: statusAfter(history as { to: CaseStudyStatus }[], fallback),
  };
}
