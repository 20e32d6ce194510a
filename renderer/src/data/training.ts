/**
 * Training mode: a separate workspace for a practice institute, so a workshop can
 * practise on realistic data with no risk to the real one.
 *
 * - The practice institute's slug starts with `training-` (shared/seed/institutes.ts),
 *   so its PouchDB (`workbench-training-…`) and read model (`workbench-read-training-…`)
 *   are other databases than the real institute's, which is closed, not touched, while
 *   training mode is on.
 * - Its documents come from the seed generator (shared/seed), the same one that fills
 *   training servers, or from a changes file that `workbench seed --out` wrote.
 * - It is never synced: the app does not open a sync session for it, and a server would
 *   refuse it anyway (no real server has `org-training-…` databases for its users, and
 *   a real workspace refuses a training institute's changes files).
 * - The mode is remembered in `workbench-local` (key `training`), so a restart in the
 *   middle of a workshop comes back to the practice data, with the banner on every screen.
 *   Leaving returns to the real workspace; "Remove training data" deletes every practice
 *   database this computer holds.
 */
import Dexie from 'dexie';
import { z } from 'zod';
import { WorkbenchError } from '@shared/errors';
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import { slugSchema } from '@shared/ids';
import { isTrainingOrg, PRACTICE_INSTITUTE } from '@shared/seed/institutes';
import {
  deviceId,
  profileSchema,
  readSetting,
  removeSetting,
  writeSetting,
  type Profile,
} from './device-settings';
import { localDbName, openLocalDb, type PouchConstructor } from './pouch';
import { readModelName } from './read-model';
import { loadBundle, readBundle } from './sync/file-sync';
import { openWorkspace, type Workspace } from './workspace';

const trainingOrg = slugSchema.refine(isTrainingOrg, 'Not a training institute');

export const practiceInstituteSchema = z.object({
  org: trainingOrg,
  name: z.string().min(2),
  acronym: z.string(),
  economy: z.string().min(2),
});
export type PracticeInstitute = z.infer<typeof practiceInstituteSchema>;

export const trainingStateSchema = z.object({
  active: z.boolean(),
  institute: practiceInstituteSchema.optional(),
  /** Every practice institute with databases on this computer, for "Remove training data". */
  orgs: z.array(trainingOrg),
});
export type TrainingState = z.infer<typeof trainingStateSchema>;

const KEY = 'training';
export const NO_TRAINING: TrainingState = { active: false, orgs: [] };

export function loadTrainingState(): Promise<TrainingState> {
  return readSetting(KEY, trainingStateSchema, NO_TRAINING);
}

async function saveTrainingState(state: TrainingState): Promise<void> {
  await writeSetting(KEY, trainingStateSchema.parse(state));
}

/** The practice institute made on this computer by the seed generator. */
export const BUILT_IN_PRACTICE: PracticeInstitute = {
  org: PRACTICE_INSTITUTE.slug,
  name: PRACTICE_INSTITUTE.name,
  acronym: PRACTICE_INSTITUTE.acronym,
  economy: PRACTICE_INSTITUTE.economy,
};

/** The profile the app shows in training mode: the practice institute, with the user's own name. */
export function trainingProfile(real: Profile, institute: PracticeInstitute): Profile {
  return profileSchema.parse({
    org: institute.org,
    instituteName: institute.name,
    acronym: institute.acronym,
    economy: institute.economy,
    inferred: false,
    userName: real.userName,
  });
}

/** Writes the generated practice documents into an empty practice database. */
async function fillPractice(workspace: Workspace): Promise<void> {
  const existing = await workspace.db.allDocs({ limit: 50 });
  if (existing.rows.some((row) => isOwnedId(row.id))) return;
  const { generateInstituteDocs, generateLibraryDocs, practicePlan } = await import('@shared/seed');
  const plan = practicePlan(new Date().toISOString().slice(0, 10));
  const [institute] = plan.institutes;
  if (!institute) return;
  const docs = generateInstituteDocs(plan, institute);
  // The practice library holds what the practice institute has published (its case studies).
  const library = generateLibraryDocs(plan);
  for (const doc of [...docs, ...library]) parseDoc(doc); // as the repository checks every write
  await workspace.db.bulkDocs(docs);
  if (library.length > 0) await workspace.library.bulkDocs(library);
  await Promise.all([workspace.projector.catchUp(), workspace.libraryProjector.catchUp()]);
}

/** The practice workspace's own library database. */
export function practiceLibraryName(org: string): string {
  return `${localDbName(org)}-library`;
}

/** Opens the practice workspace of the recorded training state (filling the built-in one on first use). */
export async function openTrainingWorkspace(
  real: Profile,
  state: TrainingState,
  Pouch: PouchConstructor,
): Promise<{ profile: Profile; workspace: Workspace }> {
  const institute = state.institute ?? BUILT_IN_PRACTICE;
  const profile = trainingProfile(real, institute);
  // A library of its own too: practice never reads or writes the real library's copy.
  const workspace = await openWorkspace({ org: profile.org, user: profile.userName }, Pouch, {
    libraryName: practiceLibraryName(profile.org),
  });
  if (institute.org === BUILT_IN_PRACTICE.org) await fillPractice(workspace);
  return { profile, workspace };
}

/** Training mode on, with the built-in practice institute. */
export async function startPractice(): Promise<void> {
  const state = await loadTrainingState();
  await saveTrainingState({
    active: true,
    institute: BUILT_IN_PRACTICE,
    orgs: [...new Set([...state.orgs, BUILT_IN_PRACTICE.org])],
  });
}

/**
 * Checks that a file is a training institute's changes file (as `workbench seed --out`
 * writes them) and names its institute; nothing is written yet.
 */
export async function checkPracticeFile(bytes: Uint8Array): Promise<PracticeInstitute> {
  const bundle = await readBundle(bytes);
  if (!isTrainingOrg(bundle.org)) {
    throw new WorkbenchError(
      'invalid-input',
      `This file holds the real data of institute "${bundle.org}", not training data. Load it from the Sync screen of that institute instead.`,
    );
  }
  return {
    org: bundle.org,
    name: bundle.institute?.name ?? bundle.org,
    acronym: bundle.institute?.acronym ?? '',
    economy: bundle.institute?.economy ?? 'Training data',
  };
}

/** Loads a checked practice file into its own practice database and turns training mode on with it. */
export async function startPracticeFromFile(bytes: Uint8Array, Pouch: PouchConstructor): Promise<void> {
  const institute = await checkPracticeFile(bytes);
  const db = openLocalDb(institute.org, Pouch);
  try {
    await loadBundle(db, institute.org, await deviceId(), bytes);
  } finally {
    await db.close();
  }
  const state = await loadTrainingState();
  await saveTrainingState({ active: true, institute, orgs: [...new Set([...state.orgs, institute.org])] });
}

/** Back to the real workspace; the practice data stays for next time. */
export async function leaveTraining(): Promise<void> {
  const state = await loadTrainingState();
  await saveTrainingState({ ...state, active: false });
}

/**
 * Deletes every practice database on this computer and leaves training mode. The open
 * workspace must be closed first. Only `training-` databases are ever deleted here.
 */
export async function removeTrainingData(Pouch: PouchConstructor): Promise<void> {
  const state = await loadTrainingState();
  const orgs = new Set([...state.orgs, ...(state.institute ? [state.institute.org] : [])]);
  for (const org of orgs) {
    if (!isTrainingOrg(org)) throw new Error(`${org} is not a training institute; it is not deleted.`);
    await new Pouch(localDbName(org)).destroy();
    await new Pouch(practiceLibraryName(org)).destroy();
    await Dexie.delete(readModelName(org));
    await removeSetting(`sync:${org}`);
  }
  await saveTrainingState(NO_TRAINING);
}
