import type { UpgradeStep } from '../upgrade';
import { kcdbFields } from './upgrade/001-kcdb-fields';

/** Upgrade steps for CMC plans, one file per step under ./upgrade/. */
export const cmcPlanUpgrades: readonly UpgradeStep[] = [kcdbFields];
