/**
 * Projects the funding map, DEC activities, the support ledger and follow-ups (issue 21) into
 * the read model (Dexie version 9), with two followers of their own: the library's funders and
 * activities (`checkpoint:funding-library`), and the institute's database's ledger entries and
 * follow-ups (`checkpoint:funding`; on the secretariat's computer every institute's). Rows are
 * the documents themselves with their id as `id`: they are small, and screens show them whole.
 */
import type { ActivityDoc } from '@shared/docs/activity/schema';
import type { FollowupDoc } from '@shared/docs/followup/schema';
import type { FunderDoc } from '@shared/docs/funder/schema';
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import type { SupportDoc } from '@shared/docs/support/schema';
import { typeOfId } from '@shared/ids';
import { ChangesFollower, type ChangeRow, type FollowerTarget } from './changes-follower';
import type { LocalDb } from './pouch';
import type { ReadModelDb } from './read-model';

export type FunderRow = FunderDoc & { id: string };
export type ActivityRow = ActivityDoc & { id: string };
export type SupportRow = SupportDoc & { id: string };
export type FollowupRow = FollowupDoc & { id: string };

export const FUNDING_CHECKPOINT_KEY = 'checkpoint:funding';
export const FUNDING_LIBRARY_CHECKPOINT_KEY = 'checkpoint:funding-library';

function target(types: readonly ('funder' | 'activity' | 'support' | 'followup')[]): FollowerTarget {
  const tableOf = (rm: ReadModelDb, type: string) =>
    type === 'funder'
      ? rm.funders
      : type === 'activity'
        ? rm.activities
        : type === 'support'
          ? rm.supports
          : rm.followups;
  return {
    tables: (rm) => types.map((type) => tableOf(rm, type)),
    apply: async (rm, changes: readonly ChangeRow[]) => {
      for (const change of changes) {
        const type = typeOfId(change.id);
        if (!isOwnedId(change.id) || !type || !(types as readonly string[]).includes(type)) continue;
        const table = tableOf(rm, type);
        let doc;
        try {
          doc = !change.deleted && change.doc ? parseDoc(change.doc) : undefined;
        } catch {
          doc = undefined; // listed under Settings by the main and library projectors
        }
        if (doc) await table.put({ ...doc, id: doc._id } as never);
        else await table.delete(change.id);
      }
    },
  };
}

/** The institute's ledger entries and follow-ups. */
export class FundingProjector extends ChangesFollower {
  constructor(db: LocalDb, readModel: ReadModelDb) {
    super(db, readModel, FUNDING_CHECKPOINT_KEY, target(['support', 'followup']));
  }
}

/** The library's funders and activities. */
export class FundingLibraryProjector extends ChangesFollower {
  constructor(library: LocalDb, readModel: ReadModelDb) {
    super(library, readModel, FUNDING_LIBRARY_CHECKPOINT_KEY, target(['funder', 'activity']));
  }
}
