import { afterEach, describe, expect, it } from 'vitest';
import { draftDeletion } from '../../../shared/docs/drafts';
import { openLocalDb, type LocalDb } from '../../../renderer/src/data/pouch';
import { Repository } from '../../../renderer/src/data/repository';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const opened: LocalDb[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

function setup() {
  const org = uniqueOrg('nml');
  const db = openLocalDb(org, MemoryPouch);
  opened.push(db);
  return { org, db, repo: new Repository(db, { org, user: 'Maria Santos' }) };
}

describe('drafts', () => {
  it('a response never submitted is a draft its institute may delete; a submitted one, or another institute’s, is not', async () => {
    const { org, repo } = setup();
    const draft = await repo.createResponse('institute_profile', '2026.1', 2026, { name: 'NML' });
    expect(draftDeletion(draft, org)).toEqual({ deletable: true });
    expect(draftDeletion(draft, 'someone-else').deletable).toBe(false);
    const submitted = await repo.submitResponse(draft._id);
    expect(draftDeletion(submitted, org).deletable).toBe(false);
    const reopened = await repo.reopenResponse(draft._id, 'A correction');
    expect(draftDeletion(reopened, org).deletable).toBe(false);
  });

  it('deletes every revision of a draft and brings it back, as a newer revision than the deletion', async () => {
    const { db, repo } = setup();
    const draft = await repo.createResponse('institute_profile', '2026.1', 2026, { name: 'NML' });
    await repo.saveAnswers(draft._id, { name: 'NML Philippines' });
    const undo = await repo.removeWithUndo(draft._id);
    expect(await repo.getResponse(draft._id)).toBeUndefined();
    const tombstone = (await db.get(draft._id, { revs_info: true }).catch((e: { status: number }) => e)) as {
      status: number;
    };
    expect(tombstone.status).toBe(404);
    await undo();
    const back = await repo.getResponse(draft._id);
    expect(back?.answers['name']?.value).toBe('NML Philippines');
    expect(Number(back?._rev?.split('-')[0])).toBe(4);
  });

  it('drops a draft nobody changed since it was created, and keeps one that was', async () => {
    const { repo } = setup();
    const untouched = await repo.createResponse('institute_profile', '2026.1', 2026);
    expect(await repo.discardIfUntouched(untouched._id)).toBe(true);
    expect(await repo.getResponse(untouched._id)).toBeUndefined();
    const typed = await repo.createResponse('institute_profile', '2026.1', 2027);
    await repo.saveAnswers(typed._id, { name: 'N' });
    expect(await repo.discardIfUntouched(typed._id)).toBe(false);
    expect(await repo.getResponse(typed._id)).toBeDefined();
  });
});
