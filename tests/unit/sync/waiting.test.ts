import { describe, expect, it } from 'vitest';
import { Repository } from '../../../renderer/src/data/repository';
import { describeInstituteError, directoryOrgs } from '../../../renderer/src/data/sync/secretariat';
import {
  changedSince,
  libraryWaiting,
  markerId,
  orgOfDoc,
  orgSelector,
  waitingByInstitute,
  writeMarker,
} from '../../../renderer/src/data/sync/waiting';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

async function responses(db: PouchDB.Database, org: string, cycles: number[]): Promise<void> {
  const repo = new Repository(db, { org, user: 'Sam' });
  for (const cycle of cycles) await repo.createResponse('dec_capacity_needs', '2026.1', cycle);
}

describe('waiting to go up, per institute', () => {
  it('counts each institute’s documents since its own marker, not another’s downloads', async () => {
    const db = new MemoryPouch(uniqueOrg('waiting'));
    await responses(db, 'own', [2024]);
    await responses(db, 'b', [2024, 2025]);
    expect(await waitingByInstitute(db, 'own', ['b', 'c'])).toEqual({
      total: 3,
      byOrg: { own: 1, b: 2, c: 0 },
    });

    // B went up; then C's documents came down (pulled), and one more of B was written.
    await writeMarker(db, markerId('b'), (await db.info()).update_seq);
    await responses(db, 'c', [2026]);
    await writeMarker(db, markerId('c'), (await db.info()).update_seq);
    await responses(db, 'b', [2026]);
    expect(await waitingByInstitute(db, 'own', ['b', 'c'])).toEqual({
      total: 2,
      byOrg: { own: 1, b: 1, c: 0 },
    });
    await db.destroy();
  });

  it('knows the institute of a deletion from its id, and selects only one institute’s documents', async () => {
    expect(orgOfDoc('response:b:form:2026', { _id: 'x', _deleted: true })).toBe('b');
    expect(orgOfDoc('template:form:1', { org: 'c' })).toBe('c');
    expect(orgOfDoc('template:form:1', undefined)).toBeUndefined();

    const db = new MemoryPouch(uniqueOrg('selector'));
    await responses(db, 'b', [2024, 2025]);
    await responses(db, 'bb', [2024]);
    const gone = await db.get('response:b:dec_capacity_needs:2024');
    await db.remove(gone);
    const picked = await db.changes({ selector: orgSelector('b') });
    expect(picked.results.map((r) => r.id).sort()).toEqual([
      'response:b:dec_capacity_needs:2024',
      'response:b:dec_capacity_needs:2025',
    ]);
    await db.destroy();
  });

  it('counts the library’s own writes since its last push', async () => {
    const library = new MemoryPouch(uniqueOrg('library'));
    await library.put({ _id: 'institute:a', type: 'institute' });
    expect(await libraryWaiting(library)).toBe(1);
    await writeMarker(library, markerId(), (await library.info()).update_seq);
    expect(await libraryWaiting(library)).toBe(0);
    await library.destroy();
  });
});

describe('the secretariat’s rounds', () => {
  it('says which institute database is missing or closed, and which failures end a pass', () => {
    expect(describeInstituteError({ status: 404, reason: 'Database does not exist.' }, 'x')).toEqual({
      message:
        "The server has no database org-x for this institute; ask the server's administrator to run workbench setup --org x.",
      stop: undefined,
    });
    expect(describeInstituteError({ status: 403, reason: 'you are not a member.' }, 'x').message).toBe(
      'The server refused org-x (you are not a member); is this institute set up on this server (workbench setup --org x)?',
    );
    expect(describeInstituteError({ status: 503 }, 'x').stop).toBe('unreachable');
    expect(describeInstituteError({ status: 401 }, 'x').stop).toBe('signed-out');
  });

  it('takes the institutes from the directory in the library, skipping entries it cannot read', async () => {
    const library = new MemoryPouch(uniqueOrg('directory'));
    const entry = (org: string) => ({
      _id: `institute:${org}`,
      type: 'institute',
      schemaVersion: 1,
      org,
      createdAt: '2026-11-24T09:00:00.000Z',
      updatedAt: '2026-11-24T09:00:00.000Z',
      updatedBy: 'workbench setup',
      name: org,
      acronym: '',
      economy: '',
      inferred: false,
      source: 'slug',
    });
    await library.bulkDocs([entry('b'), entry('a'), { ...entry('z'), schemaVersion: 5 }]);
    expect(await directoryOrgs(library)).toEqual(['a', 'b']);
    await library.destroy();
  });
});

describe('changes since a marker', () => {
  it('says whether the marker exists, how many of an institute’s documents changed, and up to where', async () => {
    const db = new MemoryPouch(uniqueOrg('since'));
    await responses(db, 'b', [2024]);
    expect(await changedSince(db, markerId('b'), 'b')).toMatchObject({ marked: false, count: 1 });
    const { lastSeq } = await changedSince(db, markerId('b'), 'b');
    await writeMarker(db, markerId('b'), lastSeq);
    await responses(db, 'c', [2024]);
    expect(await changedSince(db, markerId('b'), 'b')).toMatchObject({ marked: true, count: 0 });
    expect(await changedSince(db, markerId('b'))).toMatchObject({ marked: true, count: 1 });
    await db.destroy();
  });
});
