/**
 * Training and demo data: `workbench seed`, the app's training mode and the benches all
 * make their documents here. Pure functions from (seed, options) to documents, no DOM
 * and no Node; see ./registry.ts for the generators and how to add one.
 */
export {
  checkSeedOptions,
  iso,
  planDataset,
  practicePlan,
  PRACTICE_SEED,
  SEED_LIMITS,
  SEED_SECRETARIAT_USER,
  toBase64,
  type InstituteSeedContext,
  type LibrarySeedContext,
  type SeedDoc,
  type SeedGenerator,
  type SeedOptions,
  type SeedPlan,
  type SeedUser,
} from './context';
export {
  isTrainingOrg,
  PRACTICE_INSTITUTE,
  seedInstitutes,
  TRAINING_PREFIX,
  trainingSlug,
  type SeedInstitute,
} from './institutes';
export { hash128Hex, Rng, streamFor } from './random';
export { generateInstituteDocs, generateLibraryDocs, seedGenerators } from './registry';
export { BUNDLE_EXTENSION, SEED_BUNDLE_FROM, seedBundle } from './bundle';
