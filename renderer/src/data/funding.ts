/**
 * Writing the funding map, DEC activities, the support ledger and follow-ups: a new document,
 * or the changed fields applied to the latest revision (re-read and retried on a conflict, up
 * to 3 times, like every other editor), through the repository's schema check. Funders and
 * activities go to the library (the secretariat's computer pushes them), ledger entries and
 * follow-ups to the institute's own database; funders and activities are edited field by field
 * (`editDoc`) and deleted as tombstones (`deleteDoc`). Also the one migration of this feature: the
 * assessment's "support received" answers become ledger entries once per response revision,
 * remembered in `_local/migration-support-ledger` (never replicated).
 */
import type { AnyDoc } from '@shared/docs/registry';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { WorkbenchError } from '@shared/errors';
import { ledgerFromAnswers } from '@shared/funding/ledger-from-answers';
import type { LocalDb } from './pouch';
import type { Repository } from './repository';
import { isConflict } from './storage-errors';

const RETRIES = 3;

/** Creates `doc`, or applies `patch` to its latest revision when it exists. */
export async function saveDoc<T extends AnyDoc>(
  repository: Repository,
  doc: T,
  patch: Partial<T>,
  now: string,
  by: string,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const stored = (await repository.get(doc._id)) as T | undefined;
    const next = stored
      ? ({ ...stored, ...patch, updatedAt: now, updatedBy: by } as T)
      : ({ ...doc, ...patch, createdAt: now, updatedAt: now, updatedBy: by } as T);
    try {
      return await repository.put(next);
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (attempt + 1 >= RETRIES)
        throw new WorkbenchError('conflict', `${doc._id} was changed elsewhere at the same time; try again.`);
    }
  }
}

/**
 * Applies a person's changed fields to the latest revision of a document (a funder or an
 * activity, edited by paths: shared/funding/edit.ts), re-reading and retrying a conflict up to
 * 3 times; nothing is written when the changes change nothing.
 */
export async function editDoc<T extends AnyDoc>(
  repository: Repository,
  id: string,
  apply: (doc: T) => T,
  now: () => string,
  by: string,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const stored = (await repository.get(id)) as T | undefined;
    if (!stored) throw new WorkbenchError('not-found', `${id} no longer exists on this computer.`);
    const next = apply(stored);
    if (next === stored) return stored;
    try {
      return await repository.put({ ...next, updatedAt: now(), updatedBy: by });
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (attempt + 1 >= RETRIES)
        throw new WorkbenchError(
          'conflict',
          `${id} kept changing while saving (${RETRIES} tries); your changes are still on screen. Try again.`,
        );
    }
  }
}

/** Deletes a document (a tombstone, which syncs like any change); false when it was already gone. */
export async function deleteDoc(repository: Repository, id: string): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const stored = await repository.get(id);
    if (!stored?._rev) return false;
    try {
      await repository.remove(id, stored._rev);
      return true;
    } catch (error) {
      if (!isConflict(error) || attempt + 1 >= RETRIES) throw error;
    }
  }
}

const MIGRATION = '_local/migration-support-ledger';

/**
 * Ledger entries for the support received that the institute's own responses report. Each
 * entry is written once: the ids written (or found written by another computer, since ids are
 * derived from the answer) are remembered in `_local/migration-support-ledger` (never
 * replicated), so an entry someone deleted stays deleted. Nothing is written when there is
 * nothing new, so opening a workspace does not change its database. Returns how many it wrote.
 */
export async function migrateSupportAnswers(
  db: LocalDb,
  repository: Repository,
  org: string,
  now: string,
  by: string,
): Promise<number> {
  let done: { _id: string; _rev?: string; ids: string[] };
  try {
    done = await db.get<{ ids: string[] }>(MIGRATION);
  } catch {
    done = { _id: MIGRATION, ids: [] };
  }
  const known = new Set(done.ids);
  const { rows } = await db.allDocs({
    startkey: `response:${org}:`,
    endkey: `response:${org}:\ufff0`,
    include_docs: true,
  });
  let written = 0;
  let changed = false;
  for (const row of rows) {
    if (!row.doc) continue;
    for (const entry of ledgerFromAnswers(row.doc as unknown as ResponseDoc, now, by)) {
      if (known.has(entry._id)) continue;
      known.add(entry._id);
      changed = true;
      if (await repository.get(entry._id)) continue;
      try {
        await repository.put(entry);
        written++;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
  }
  if (changed) await db.put({ ...done, ids: [...known] });
  return written;
}
