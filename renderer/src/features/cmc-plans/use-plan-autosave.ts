/**
 * Autosave of a plan, as for questionnaires (../../app/use-debounced-save.ts): the changed
 * fields, by path, written on top of the latest revision.
 */
import { useCallback, useMemo } from 'react';
import type { CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { useDebouncedSave } from '../../app/use-debounced-save';
import type { CmcRepository } from '../../data/cmc-repository';

export function usePlanAutosave(cmc: CmcRepository, planId: string, onSaved?: (doc: CmcPlanDoc) => void) {
  const save = useCallback(
    (changes: Record<string, unknown>) => cmc.savePlan(planId, changes),
    [cmc, planId],
  );
  const { change, flush } = useDebouncedSave(save, onSaved);
  return useMemo(
    () => ({ change: (path: string, value: unknown) => change({ [path]: value }), flush }),
    [change, flush],
  );
}
