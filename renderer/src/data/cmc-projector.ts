/**
 * Projects the institute's own database (on the secretariat's computer: every institute's
 * documents) into the CMC plans feature's tables, from a checkpoint of its own
 * (`checkpoint:cmc`): one row per CMC plan, and the needs and capabilities each
 * questionnaire response states, for matching. A follower of its own rather than more
 * work in ./projector.ts, so that the tables, new in Dexie version 5, are filled from the
 * start on an upgrade without replaying every response through its template's rules.
 * A document that cannot be read is listed in `problems` by the main projector; here its
 * rows are simply removed.
 */
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import { typeOfId } from '@shared/ids';
import { ChangesFollower, type ChangeRow, type FollowerTarget } from './changes-follower';
import { toCmcPlanRow, toMatchFactsRow } from './cmc-rows';
import type { LocalDb } from './pouch';
import type { ReadModelDb } from './read-model';

export const CMC_CHECKPOINT_KEY = 'checkpoint:cmc';

const target: FollowerTarget = {
  tables: (rm) => [rm.cmcPlans, rm.matchFacts],
  apply: async (rm, changes: readonly ChangeRow[]) => {
    for (const change of changes) {
      if (!isOwnedId(change.id)) continue;
      const type = typeOfId(change.id);
      if (type !== 'cmcplan' && type !== 'response') continue;
      let done = false;
      if (!change.deleted && change.doc) {
        try {
          const doc = parseDoc(change.doc);
          if (doc.type === 'cmcplan') {
            await rm.cmcPlans.put(toCmcPlanRow(doc));
            done = true;
          } else if (doc.type === 'response') {
            const facts = toMatchFactsRow(doc);
            if (facts) {
              await rm.matchFacts.put(facts);
              done = true;
            }
          }
        } catch {
          // Listed under Settings by the main projector.
        }
      }
      if (!done) {
        await rm.cmcPlans.delete(change.id);
        await rm.matchFacts.delete(change.id);
      }
    }
  },
};

export class CmcProjector extends ChangesFollower {
  constructor(db: LocalDb, readModel: ReadModelDb) {
    super(db, readModel, CMC_CHECKPOINT_KEY, target);
  }
}
