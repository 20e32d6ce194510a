/**
 * Finds documents with conflicting revisions, merges what merges by the shared rule
 * (shared/sync/merge.ts), and keeps the rest for the Conflicts inbox. Losing revisions
 * are removed only once their edits are in the merged document, or once a person chose.
 */
import { parseDoc } from '@shared/docs/registry';
import {
  applyChoices,
  mergeLeaves,
  type FieldConflict,
  type Leaf,
  type MergeResult,
} from '@shared/sync/merge';
import type { LocalDb } from '../pouch';

export interface InboxItem {
  id: string;
  type: string;
  conflicts: FieldConflict[];
}

export interface ResolveSummary {
  merged: string[];
  inbox: InboxItem[];
}

interface WithRevisions {
  _revisions?: { start: number; ids: string[] };
}

async function leavesOf(db: LocalDb, id: string): Promise<{ leaves: Leaf[]; winner: string } | undefined> {
  const winner = (await db.get(id, { conflicts: true })) as Leaf & { _conflicts?: string[] };
  const losing = winner._conflicts ?? [];
  if (losing.length === 0) return undefined;
  const others = await Promise.all(losing.map((rev) => db.get(id, { rev }) as Promise<Leaf>));
  const { _conflicts: _ignored, ...winnerBody } = winner;
  return { leaves: [winnerBody as Leaf, ...others], winner: winner._rev };
}

/** The newest revision all leaves descend from, if PouchDB still holds its body. */
async function commonAncestor(
  db: LocalDb,
  id: string,
  leaves: Leaf[],
): Promise<Record<string, unknown> | undefined> {
  const histories = await Promise.all(
    leaves.map(async (leaf) => {
      const doc = (await db.get(id, { rev: leaf._rev, revs: true })) as WithRevisions;
      const revisions = doc._revisions;
      if (!revisions) return [];
      return revisions.ids.map((hash, i) => `${revisions.start - i}-${hash}`);
    }),
  );
  const [first, ...rest] = histories;
  const shared = (first ?? []).slice(1).find((rev) => rest.every((h) => h.includes(rev)));
  if (!shared) return undefined;
  try {
    return (await db.get(id, { rev: shared })) as Record<string, unknown>;
  } catch {
    return undefined; // compacted away: every differing field goes to a person
  }
}

async function mergeOf(
  db: LocalDb,
  id: string,
): Promise<{ result: MergeResult; leaves: Leaf[]; winner: string } | undefined> {
  const found = await leavesOf(db, id);
  if (!found) return undefined;
  const ancestor =
    found.leaves[0]?.['type'] === 'response' ? undefined : await commonAncestor(db, id, found.leaves);
  return { result: mergeLeaves(found.leaves, ancestor), ...found };
}

/** Writes the merged body on the winning revision and deletes every other leaf, in one request. */
async function settle(
  db: LocalDb,
  merged: Record<string, unknown>,
  leaves: Leaf[],
  winner: string,
  identical: boolean,
): Promise<void> {
  const docs: object[] = leaves
    .filter((l) => l._rev !== winner)
    .map((l) => ({ _id: l._id, _rev: l._rev, _deleted: true }));
  if (!identical) {
    // Checked like any other write: a merge never stores an invalid document.
    parseDoc({ ...merged, _rev: winner });
    docs.push({ ...merged, _rev: winner });
  }
  const results = await db.bulkDocs(docs);
  const failed = results.filter((r) => 'error' in r && r.error);
  if (failed.length > 0)
    throw new Error(`Could not settle ${String(merged['_id'])}: ${JSON.stringify(failed)}`);
}

/** Merges every conflicted document that merges cleanly; returns the rest for the inbox. */
export async function resolveConflicts(db: LocalDb): Promise<ResolveSummary> {
  const all = await db.allDocs({ include_docs: true, conflicts: true });
  const summary: ResolveSummary = { merged: [], inbox: [] };
  for (const row of all.rows) {
    const doc = row.doc as (Leaf & { _conflicts?: string[] }) | undefined;
    if (!doc?._conflicts?.length || row.id.startsWith('_design/')) continue;
    await resolveOne(db, row.id, summary);
  }
  return summary;
}

/** The same for some documents only, e.g. those a pull just wrote (other documents cannot have gained a conflict). */
export async function resolveConflictsOf(db: LocalDb, ids: Iterable<string>): Promise<ResolveSummary> {
  const summary: ResolveSummary = { merged: [], inbox: [] };
  for (const id of new Set(ids)) {
    if (!id.startsWith('_design/') && !id.startsWith('_local/')) await resolveOne(db, id, summary);
  }
  return summary;
}

async function resolveOne(db: LocalDb, id: string, summary: ResolveSummary): Promise<void> {
  const found = await mergeOf(db, id).catch(() => undefined); // deleted meanwhile: nothing to merge
  if (!found) return;
  if (found.result.conflicts.length > 0) {
    summary.inbox.push({
      id,
      type: String(found.result.merged['type'] ?? ''),
      conflicts: found.result.conflicts,
    });
    return;
  }
  try {
    await settle(db, found.result.merged, found.leaves, found.winner, found.result.identical);
    summary.merged.push(id);
  } catch {
    // Another write got there first (or the merge is not valid): it stays for the next pass or a person.
    summary.inbox.push({
      id,
      type: String(found.result.merged['type'] ?? ''),
      conflicts: found.result.conflicts,
    });
  }
}

/** Applies a person's choices to a conflicted document and removes the losing revisions. */
export async function resolveWithChoices(
  db: LocalDb,
  id: string,
  choices: Readonly<Record<string, unknown>>,
): Promise<void> {
  const found = await mergeOf(db, id);
  if (!found) return;
  const unanswered = found.result.conflicts.filter((c) => !(c.field in choices));
  if (unanswered.length > 0) {
    throw new Error(`Choose a value for ${unanswered.map((c) => c.field).join(', ')} first.`);
  }
  await settle(db, applyChoices(found.result, choices), found.leaves, found.winner, false);
}
