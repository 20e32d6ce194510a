/**
 * Upgrades stored documents to the schema version this build understands, one pure
 * step per version (see `<type>/upgrade/NNN-slug.ts`). Steps are additive: a
 * field is never renamed in place, and a removed name is never reused.
 */
import { WorkbenchError } from '../errors';

export interface UpgradeStep {
  /** The version this step upgrades from; it produces `from + 1`. */
  from: number;
  name: string;
  run: (doc: Record<string, unknown>) => Record<string, unknown>;
}

export function upgradeToCurrent(
  doc: Record<string, unknown>,
  current: number,
  steps: readonly UpgradeStep[],
): Record<string, unknown> {
  const version = doc['schemaVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new WorkbenchError(
      'validation-failed',
      `Document ${String(doc['_id'])} has no valid schemaVersion.`,
    );
  }
  if (version > current) {
    throw new WorkbenchError(
      'newer-schema',
      `Document ${String(doc['_id'])} was written by a newer version of NMI Workbench (schema ${version}, this version reads up to ${current}). Update the app to open it.`,
    );
  }
  let upgraded = doc;
  for (let v = version; v < current; v++) {
    const step = steps.find((s) => s.from === v);
    if (!step) {
      throw new WorkbenchError(
        'unexpected',
        `No upgrade from schema ${v} for document ${String(doc['_id'])}.`,
      );
    }
    upgraded = { ...step.run(upgraded), schemaVersion: v + 1 };
  }
  return upgraded;
}
