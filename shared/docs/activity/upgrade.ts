import type { UpgradeStep } from '../upgrade';
import { reachedDateSource } from './upgrade/001-reached-date-source';

/** Upgrade steps for DEC activities, one file per step under ./upgrade/. */
export const activityUpgrades: readonly UpgradeStep[] = [reachedDateSource];
