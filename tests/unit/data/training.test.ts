/**
 * Training mode's data layer on real PouchDB (memory adapter) and Dexie (fake-indexeddb):
 * the practice workspace is filled from the generator, a facilitator's file opens its own
 * practice institute, a real institute's file is refused, and "Remove training data"
 * deletes practice databases only.
 */
import { gzipSync } from 'node:zlib';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { generateInstituteDocs, planDataset, seedBundle } from '../../../shared/seed';
import { writeSetting, type Profile } from '../../../renderer/src/data/device-settings';
import { localDbName } from '../../../renderer/src/data/pouch';
import { readModelName } from '../../../renderer/src/data/read-model';
import {
  leaveTraining,
  loadTrainingState,
  openTrainingWorkspace,
  removeTrainingData,
  startPractice,
  startPracticeFromFile,
  trainingProfile,
  trainingStateSchema,
} from '../../../renderer/src/data/training';
import { closeWorkspace, openWorkspace } from '../../../renderer/src/data/workspace';
import { setupFormSchema } from '../../../renderer/src/features/settings/setup.form';
import { MemoryPouch } from '../helpers/memory-pouch';

const REAL: Profile = {
  org: 'ph-nml-itdi',
  instituteName: 'National Metrology Laboratory',
  acronym: 'NML-ITDI',
  economy: 'Philippines',
  inferred: false,
  userName: 'Maria Santos',
};

async function docCount(name: string): Promise<number> {
  const db = new MemoryPouch(name);
  const info = await db.info();
  await db.close();
  return info.doc_count;
}

async function readModelExists(org: string): Promise<boolean> {
  return Dexie.exists(readModelName(org));
}

describe('training mode data', () => {
  it('fills the practice workspace once from the generator, under the user’s own name', async () => {
    const real = await openWorkspace({ org: REAL.org, user: REAL.userName }, MemoryPouch);
    await real.repository.createResponse('institute_profile', '2026.1', 2026, { director_name: 'Dr. Dizon' });
    await closeWorkspace(real);

    await startPractice();
    const state = await loadTrainingState();
    expect(state).toMatchObject({ active: true, institute: { org: 'training-practice' } });
    const first = await openTrainingWorkspace(REAL, state, MemoryPouch);
    expect(first.profile).toMatchObject({ org: 'training-practice', userName: 'Maria Santos' });
    const rows = await first.workspace.readModel.responses.toArray();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.org === 'training-practice')).toBe(true);
    const count = (await first.workspace.db.info()).doc_count;
    await closeWorkspace(first.workspace);

    // Opened again: filled once, not twice; the real database still holds its one document.
    const again = await openTrainingWorkspace(REAL, state, MemoryPouch);
    expect((await again.workspace.db.info()).doc_count).toBe(count);
    await closeWorkspace(again.workspace);
    expect(await docCount(localDbName(REAL.org))).toBe(1);

    await leaveTraining();
    expect(await loadTrainingState()).toMatchObject({ active: false, orgs: ['training-practice'] });
  });

  it('opens a facilitator’s file as its own practice institute, and refuses a real institute’s file', async () => {
    const plan = planDataset({ seed: 3, institutes: 2, cycles: 2, asOf: '2026-11-30' });
    const institute = plan.institutes[1];
    if (!institute) throw new Error('no institute');
    const docs = generateInstituteDocs(plan, institute);
    const file = new Uint8Array(gzipSync(JSON.stringify(seedBundle(plan, institute, docs))));
    await startPracticeFromFile(file, MemoryPouch);
    const state = await loadTrainingState();
    expect(state.institute).toEqual({
      org: institute.slug,
      name: institute.name,
      acronym: institute.acronym,
      economy: institute.economy,
    });
    expect(state.orgs).toContain(institute.slug);
    const opened = await openTrainingWorkspace(REAL, state, MemoryPouch);
    expect(opened.profile.instituteName).toBe(institute.name);
    expect((await opened.workspace.db.info()).doc_count).toBe(docs.length);
    await closeWorkspace(opened.workspace);

    const realBundle = { ...seedBundle(plan, institute, docs), org: 'ph-nml-itdi' };
    await expect(
      startPracticeFromFile(new Uint8Array(gzipSync(JSON.stringify(realBundle))), MemoryPouch),
    ).rejects.toThrow('not training data');
    expect((await loadTrainingState()).institute?.org).toBe(institute.slug);
  });

  it('removes every practice database and nothing else', async () => {
    const state = await loadTrainingState();
    expect(state.orgs.length).toBe(2);
    for (const org of state.orgs) {
      expect(await docCount(localDbName(org))).toBeGreaterThan(0);
      expect(await readModelExists(org)).toBe(true);
    }
    await removeTrainingData(MemoryPouch);
    for (const org of state.orgs) {
      expect(await docCount(localDbName(org))).toBe(0);
      expect(await readModelExists(org)).toBe(false);
    }
    expect(await loadTrainingState()).toEqual({ active: false, orgs: [] });
    expect(await docCount(localDbName(REAL.org))).toBe(1);
  });

  it('never takes a real institute for a practice one, even from a damaged setting', async () => {
    expect(
      trainingProfile(REAL, { org: 'training-x', name: 'Practice', acronym: '', economy: 'Nowhere' }),
    ).toMatchObject({ org: 'training-x', userName: 'Maria Santos' });
    const real = { org: REAL.org, name: 'NML', acronym: '', economy: 'Philippines' };
    expect(trainingStateSchema.safeParse({ active: true, institute: real, orgs: [] }).success).toBe(false);
    expect(trainingStateSchema.safeParse({ active: false, orgs: [REAL.org] }).success).toBe(false);
    await writeSetting('training', { active: true, institute: real, orgs: [REAL.org] });
    expect(await loadTrainingState()).toEqual({ active: false, orgs: [] });
    await removeTrainingData(MemoryPouch);
    expect(await docCount(localDbName(REAL.org))).toBe(1);
  });

  it('keeps training names out of real institutes at first start', () => {
    const form = {
      mode: 'new' as const,
      referenceSlug: '',
      instituteName: 'Bureau of Weights',
      acronym: 'BW',
      userName: 'Maria Santos',
    };
    expect(setupFormSchema.safeParse({ ...form, economy: 'Training' }).error?.issues[0]?.message).toContain(
      'kept for practice data',
    );
    expect(setupFormSchema.safeParse({ ...form, economy: 'Tonga' }).success).toBe(true);
  });
});
