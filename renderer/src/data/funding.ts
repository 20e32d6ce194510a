/**
 * Writing the funding map, DEC activities, the support ledger and follow-ups: a new document,
 * or the changed fields applied to the latest revision (re-read and retried on a conflict, up
 * to 3 times, like every other editor), through the repository's schema check. Funders and
 * activities go to the library (the secretariat's computer pushes them), ledger entries and
 * follow-ups to the institute's own database. Also the one migration of this feature: the
 * assessment's "support received" answers become ledger entries once per response revision,
 * remembered in `_local/migration-support-ledger` (never replicated).
 */
import type { AnyDoc } from '@shared/docs/registry';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { WorkbenchError } from '@shared/errors';
import { ledgerFromAnswers } from '@shared/funding/ledger-from-answers';
import { typeRange } from '@shared/ids';
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

const MIGRATION = '_local/migration-support-ledger';

/**
 * Ledger entries for the support received that the institute's responses report, for each
 * response revision not migrated yet. An entry that exists already (another computer
 * migrated it; ids are derived from the answer) is left as it is. Returns how many it wrote.
 */
export async function migrateSupportAnswers(
  db: LocalDb,
  repository: Repository,
  org: string,
  now: string,
  by: string,
): Promise<number> {
  let done: { _id: string; _rev?: string; seen: string[] };
  try {
    done = await db.get<{ seen: string[] }>(MIGRATION);
  } catch {
    done = { _id: MIGRATION, seen: [] };
  }
  // Revisions are compared first, so that a start reads only the responses changed since.
  const { rows } = await db.allDocs(typeRange('response'));
  let written = 0;
  const seen = new Set(done.seen);
  for (const row of rows) {
    const key = `${row.id}@${row.value.rev}`;
    if (seen.has(key)) continue;
    const raw = (await db.get(row.id)) as unknown as ResponseDoc;
    if (raw.org !== org) {
      seen.add(key);
      continue;
    }
    for (const entry of ledgerFromAnswers(raw, now, by)) {
      if (await repository.get(entry._id)) continue;
      try {
        await repository.put(entry);
        written++;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    seen.add(key);
  }
  await db.put({ ...done, seen: [...seen] });
  return written;
}
