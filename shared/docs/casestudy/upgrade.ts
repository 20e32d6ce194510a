import type { UpgradeStep } from '../upgrade';
import { planLeverageAreas } from './upgrade/001-plan-leverage-areas';

/** Upgrade steps for case studies, one file per step under ./upgrade/. */
export const caseStudyUpgrades: readonly UpgradeStep[] = [planLeverageAreas];
