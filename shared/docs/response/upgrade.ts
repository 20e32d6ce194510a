import type { UpgradeStep } from '../upgrade';
import { addRevisions } from './upgrade/001-revisions';

/** Upgrade steps for responses, one file per step under ./upgrade/. */
export const responseUpgrades: readonly UpgradeStep[] = [addRevisions];
