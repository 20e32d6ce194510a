/**
 * Which documents are drafts that their institute may delete (with an undo): a
 * questionnaire response never submitted, a case study still in draft that was never
 * published, and a CMC plan not yet published. Only on the computer of the institute the
 * document belongs to: the secretariat's computer holds other institutes' drafts, which are
 * theirs to delete. A deletion is a tombstone, which syncs like any change.
 */
import type { AnyDoc } from './registry';

export type DraftCheck = { deletable: true } | { deletable: false; reason: string };

export function draftDeletion(doc: AnyDoc, ownOrg: string): DraftCheck {
  if (doc.org !== ownOrg) return { deletable: false, reason: 'Only its own institute deletes a draft.' };
  switch (doc.type) {
    case 'response':
      return doc.status === 'draft' && !doc.history.some((e) => e.kind === 'submitted')
        ? { deletable: true }
        : { deletable: false, reason: 'A response that was submitted is kept; reopen it to change it.' };
    case 'casestudy':
      return doc.status === 'draft' && !doc.history.some((e) => e.action === 'publish')
        ? { deletable: true }
        : { deletable: false, reason: 'Only a story in draft that was never published can be deleted.' };
    case 'cmcplan':
      return doc.milestones.published.status === 'done'
        ? { deletable: false, reason: 'A plan whose CMC is published is kept as the record of it.' }
        : { deletable: true };
    default:
      return { deletable: false, reason: 'This is not a draft.' };
  }
}
