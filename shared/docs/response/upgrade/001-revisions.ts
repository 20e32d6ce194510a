import type { UpgradeStep } from '../../upgrade';

/** Schema 2 adds revisions and the submit/reopen history; older responses are revision 1. */
export const addRevisions: UpgradeStep = {
  from: 1,
  name: 'add revision and history',
  run: (doc) => ({
    ...doc,
    revision: 1,
    history:
      doc['status'] === 'submitted'
        ? [{ kind: 'submitted', revision: 1, at: doc['updatedAt'], by: doc['updatedBy'] }]
        : [],
  }),
};
