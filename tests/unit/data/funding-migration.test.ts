/**
 * The assessment's "support received" answers become ledger entries once, when a workspace
 * opens; an entry deleted afterwards stays deleted; and a database with nothing to migrate is
 * not written to at all.
 */
import { describe, expect, it } from 'vitest';
import { migrateSupportAnswers } from '../../../renderer/src/data/funding';
import { openLocalDb } from '../../../renderer/src/data/pouch';
import { Repository } from '../../../renderer/src/data/repository';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const AT = '2026-11-01T00:00:00.000Z';

function response(org: string, support: boolean) {
  const e = (value: unknown) => ({ value, at: AT, by: 'Maria' });
  return {
    _id: `response:${org}:dec_capacity_needs:2026`,
    type: 'response',
    schemaVersion: 2,
    org,
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'Maria',
    templateId: 'dec_capacity_needs',
    templateVersion: '2026.1',
    cycle: 2026,
    status: 'submitted',
    revision: 1,
    history: [],
    answers: support
      ? {
          support_received: e(['k1']),
          'support_received#k1/support_provider': e('PTB project'),
          'support_received#k1/support_type': e('equipment'),
        }
      : { staff_scientists: e(4) },
  };
}

describe('the support ledger migration', () => {
  it('writes each entry once and never brings back one that was deleted', async () => {
    const org = uniqueOrg('ledger');
    const db = openLocalDb(org, MemoryPouch);
    const repository = new Repository(db, { org, user: 'Maria' });
    await db.put(response(org, true));
    expect(await migrateSupportAnswers(db, repository, org, AT, 'Maria')).toBe(1);
    const entry = await repository.get(`support:${org}:a2026-k1`);
    expect(entry).toMatchObject({ funderText: 'PTB project', kind: 'equipment', status: 'received' });
    expect(await migrateSupportAnswers(db, repository, org, AT, 'Maria')).toBe(0);
    await repository.remove(entry?._id ?? '', entry?._rev ?? '');
    expect(await migrateSupportAnswers(db, repository, org, AT, 'Maria')).toBe(0);
    expect(await repository.get(`support:${org}:a2026-k1`)).toBeUndefined();
    await db.destroy();
  });

  it('writes nothing at all where there is nothing to migrate', async () => {
    const org = uniqueOrg('ledger');
    const db = openLocalDb(org, MemoryPouch);
    await db.put(response(org, false));
    const before = (await db.info()).update_seq;
    await migrateSupportAnswers(db, new Repository(db, { org, user: 'Maria' }), org, AT, 'Maria');
    expect((await db.info()).update_seq).toBe(before);
    await expect(db.get('_local/migration-support-ledger')).rejects.toMatchObject({ status: 404 });
    await db.destroy();
  });
});
