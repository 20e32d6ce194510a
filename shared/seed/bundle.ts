/**
 * `workbench seed --out`: an institute's training documents as a sync-by-file bundle
 * (shared/sync/bundle.ts), the format of the app's "Load changes from a file". Each
 * document gets revision 1 with an id hashed from its content, so the same seed writes
 * byte-identical files, and loading one twice changes nothing.
 */
import { BUNDLE_FORMAT, BUNDLE_VERSION, type ChangeBundle } from '../sync/bundle';
import type { SeedDoc, SeedPlan } from './context';
import type { SeedInstitute } from './institutes';
import { hash128Hex } from './random';

/** The sender named in seed bundles; the app never uses it for a device. */
export const SEED_BUNDLE_FROM = 'workbench-seed';

/** The extension of changes files, as the app saves and opens them. */
export const BUNDLE_EXTENSION = '.wbsync';

export function seedBundle(plan: SeedPlan, institute: SeedInstitute, docs: readonly SeedDoc[]): ChangeBundle {
  return {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    org: institute.slug,
    from: SEED_BUNDLE_FROM,
    createdAt: `${plan.options.asOf}T17:00:00.000Z`,
    lastSeq: docs.length,
    acks: {},
    docs: docs.map((doc) => {
      const hash = hash128Hex(JSON.stringify(doc));
      return { ...doc, _rev: `1-${hash}`, _revisions: { start: 1, ids: [hash] } };
    }),
    institute: { name: institute.name, acronym: institute.acronym, economy: institute.economy },
  };
}
