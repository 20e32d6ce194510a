/**
 * Saving what an editor showed, on a real PouchDB (memory adapter): an answer or plan field a
 * colleague changed meanwhile is written beside their change, and the merge rule sends the
 * two to the Conflicts inbox; everything else is written on top of the latest revision, so
 * the colleague's other changes stay and no conflict is made.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { newCmcPlanFields } from '../../../shared/docs/cmcplan/schema';
import { CmcRepository } from '../../../renderer/src/data/cmc-repository';
import { openLocalDb, type LocalDb } from '../../../renderer/src/data/pouch';
import { Repository } from '../../../renderer/src/data/repository';
import { resolveConflicts } from '../../../renderer/src/data/sync/conflicts';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const opened: LocalDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

function setup() {
  const org = uniqueOrg('nml');
  const db = openLocalDb(org, MemoryPouch);
  opened.push(db);
  let tick = Date.parse('2026-11-24T09:00:00Z');
  const clock = () => new Date((tick += 1000));
  return {
    org,
    db,
    mine: new Repository(db, { org, user: 'José' }, clock),
    theirs: new Repository(db, { org, user: 'Maria' }, clock),
  };
}

describe('saving on what the editor showed', () => {
  it('an answer a colleague changed meanwhile goes to the Conflicts inbox with both values', async () => {
    const { db, mine, theirs } = setup();
    const seen = await mine.createResponse('workshop_feedback', '2026.1', 2026, { to_change: 'Slides' });
    await theirs.saveAnswers(seen._id, { to_change: 'More field visits', most_useful: 'Exercises' });
    const base = { to_change: { value: 'Slides', rev: seen._rev } };
    const saved = await mine.saveAnswersOnBase(seen._id, { to_change: 'More lab time' }, base);
    expect(saved.conflicted).toEqual(['to_change']);

    const { inbox } = await resolveConflicts(db);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]?.conflicts.map((c) => c.field)).toEqual(['answers.to_change']);
    expect(inbox[0]?.conflicts[0]?.options.map((o) => o.value).sort()).toEqual([
      'More field visits',
      'More lab time',
    ]);
  });

  it('an answer nobody else touched is written on top, keeping the colleague’s other answers, with no conflict', async () => {
    const { db, mine, theirs } = setup();
    const seen = await mine.createResponse('workshop_feedback', '2026.1', 2026, { to_change: 'Slides' });
    await theirs.saveAnswers(seen._id, { most_useful: 'Exercises' });
    const base = { to_change: { value: 'Slides', rev: seen._rev } };
    const saved = await mine.saveAnswersOnBase(seen._id, { to_change: 'More lab time' }, base);
    expect(saved.conflicted).toEqual([]);
    const stored = (await db.get(seen._id, { conflicts: true })) as { _conflicts?: string[] };
    expect(stored._conflicts).toBeUndefined();
    const doc = await mine.getResponse(seen._id);
    expect(doc?.answers['to_change']?.value).toBe('More lab time');
    expect(doc?.answers['most_useful']?.value).toBe('Exercises');
  });

  it('a plan field too, milestone by milestone, against the revision the editor showed', async () => {
    const { db, org, mine, theirs } = setup();
    const cmcMine = new CmcRepository(mine, { org, user: 'José' });
    const cmcTheirs = new CmcRepository(theirs, { org, user: 'Maria' });
    const seen = await cmcMine.createPlan(newCmcPlanFields('M', 'Mass standards', 'Calibration of weights'));
    await cmcTheirs.savePlan(seen._id, {
      'milestones.training.planned': '2027-01-10',
      quantity: 'Mass',
    });
    const saved = await cmcMine.savePlanOnBase(
      seen._id,
      { 'milestones.training.planned': '2027-02-01', 'milestones.comparison.notes': 'CCM.M-K1' },
      {
        'milestones.training.planned': { value: '', rev: seen._rev },
        'milestones.comparison.notes': { value: '', rev: seen._rev },
      },
    );
    expect(saved.conflicted).toEqual(['milestones.training.planned']);
    const { inbox } = await resolveConflicts(db);
    expect(inbox[0]?.conflicts.map((c) => c.field)).toEqual(['milestones.training.planned']);
    // The rest merged: her quantity, his notes.
    const leaves = (await db.get(seen._id, { conflicts: true })) as { _conflicts?: string[] };
    expect(leaves._conflicts).toHaveLength(1);
  });
});
