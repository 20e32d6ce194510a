import type { UpgradeStep } from '../upgrade';

/**
 * Upgrade steps for responses, one file per step under ./upgrade/ when a version is
 * added (e.g. `./upgrade/001-answer-comments.ts` exporting `{ from: 1, name, run }`).
 * Schema 1 is the first shipped version, so there is nothing to upgrade yet.
 */
export const responseUpgrades: readonly UpgradeStep[] = [];
