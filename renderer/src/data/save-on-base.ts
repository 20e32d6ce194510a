/**
 * Saving what a person typed on top of what they saw. An open editor follows the stored
 * document (a colleague's change that sync brings in appears in place), except in the fields
 * the person is typing in. When such a field was changed meanwhile by someone else, writing
 * the person's text on top of the latest revision would silently drop the colleague's; so
 * the person's value is written as a sibling of that change instead: a revision made on top
 * of the one the person saw. Two leaves are a conflict like any other, and the merge rule
 * (shared/sync/merge.ts) settles it: different fields merge, the same field goes to the
 * Conflicts inbox with both values. Nothing typed is lost, and nothing received is.
 *
 * Fields whose stored value is still the one the person saw are written on top of the
 * latest revision as always, so the common case makes no conflict at all.
 */
import { parseDoc, type AnyDoc } from '@shared/docs/registry';
import { WorkbenchError } from '@shared/errors';
import { sameValue } from '@shared/sync/merge';
import type { LocalDb } from './pouch';
import { toStorageError } from './storage-errors';

/** What the editor showed for each field it saves: the value and the revision it came from. */
export interface FieldBase {
  value: unknown;
  rev: string | undefined;
}
export type SaveBase = Readonly<Record<string, FieldBase>>;

export interface SavedOnBase<D> {
  doc: D;
  /** Fields written beside a colleague's change to them: now in the Conflicts inbox. */
  conflicted: string[];
}

function generation(rev: string | undefined): number {
  return Number((rev ?? '0').split('-')[0]) || 0;
}

function randomHash(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Writes `body` as a new revision made on top of `baseRev`, whether or not that is the latest. */
async function writeOnTopOf<D extends AnyDoc>(db: LocalDb, body: D, baseRev: string): Promise<D> {
  const base = (await db.get(body._id, { rev: baseRev, revs: true })) as {
    _revisions?: { start: number; ids: string[] };
  };
  const revisions = base._revisions ?? { start: generation(baseRev), ids: [baseRev.split('-')[1] ?? ''] };
  const hash = randomHash();
  const start = revisions.start + 1;
  const doc = parseDoc({ ...body, _rev: `${start}-${hash}` }) as D;
  const written = { ...doc, _revisions: { start, ids: [hash, ...revisions.ids] } };
  const results: (PouchDB.Core.Response | PouchDB.Core.Error)[] = await db.bulkDocs(
    [written as unknown as PouchDB.Core.PutDocument<object>],
    { new_edits: false },
  );
  const failed = results.find((r) => 'error' in r && r.error);
  if (failed)
    throw new WorkbenchError('unexpected', `${body._id} could not be saved beside the other change.`);
  return doc;
}

export async function saveOnBase<D extends AnyDoc, C extends Record<string, unknown>>(options: {
  db: LocalDb;
  id: string;
  changes: C;
  base: SaveBase | undefined;
  /** The latest revision (the winner). */
  read: () => Promise<D | undefined>;
  /** A field's stored value, named as the editor names it. */
  valueOf: (doc: D, field: string) => unknown;
  /** The usual save: the changes applied to the latest revision, with its retries. */
  save: (changes: C) => Promise<D>;
  /**
   * The person's values of `changes` applied to `latest`, as made on top of `seen` (the
   * revision they saw, when still stored): a response stamps each answer as replacing the one
   * in `seen` (as replacing none when it is not known).
   */
  beside: (latest: D, changes: C, seen: D | undefined) => D;
}): Promise<SavedOnBase<D>> {
  const { db, id, changes, base } = options;
  const latest = await options.read();
  if (!latest) throw new WorkbenchError('not-found', `${id} is no longer on this computer.`);
  const colliding = Object.keys(changes).filter((field) => {
    const seen = base?.[field];
    return (
      seen !== undefined && seen.rev !== latest._rev && !sameValue(options.valueOf(latest, field), seen.value)
    );
  });
  if (colliding.length === 0) return { doc: await options.save(changes), conflicted: [] };

  const plain = Object.fromEntries(Object.entries(changes).filter(([f]) => !colliding.includes(f))) as C;
  const afterPlain = Object.keys(plain).length > 0 ? await options.save(plain) : latest;
  const rest = Object.fromEntries(Object.entries(changes).filter(([f]) => colliding.includes(f))) as C;
  // The oldest revision any of these fields was seen in: every colliding change came after it.
  const seenRev = colliding
    .map((f) => base?.[f]?.rev)
    .filter((rev): rev is string => rev !== undefined)
    .sort((a, b) => generation(a) - generation(b))[0];
  try {
    if (!seenRev) throw new Error('no revision seen');
    const seen = parseDoc(await db.get(id, { rev: seenRev })) as D;
    const doc = await writeOnTopOf(db, options.beside(afterPlain, rest, seen), seenRev);
    return { doc, conflicted: colliding };
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    // The revision seen is no longer stored (compacted): beside the latest's parent instead.
    const withHistory = (await db.get(id, { revs: true })) as {
      _revisions?: { start: number; ids: string[] };
    };
    const parent = withHistory._revisions && withHistory._revisions.ids[1];
    if (!parent || !withHistory._revisions) {
      throw toStorageError(error, `The document ${id}`);
    }
    const parentRev = `${withHistory._revisions.start - 1}-${parent}`;
    const doc = await writeOnTopOf(db, options.beside(afterPlain, rest, undefined), parentRev);
    return { doc, conflicted: colliding };
  }
}
