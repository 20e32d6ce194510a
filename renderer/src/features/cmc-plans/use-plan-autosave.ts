/**
 * Autosave of a plan, as for questionnaires (../../app/use-debounced-save.ts): the changed
 * fields, by path, written on top of what the editor showed for them
 * (../../app/use-follow-stored.ts), so a colleague's change to the same field meanwhile is
 * kept beside the person's, for the Conflicts inbox.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { useDebouncedSave } from '../../app/use-debounced-save';
import type { Follower } from '../../app/use-follow-stored';
import type { CmcRepository } from '../../data/cmc-repository';

export function usePlanAutosave(cmc: CmcRepository, planId: string, follower?: Follower<CmcPlanDoc>) {
  const follow = useRef(follower);
  useEffect(() => {
    follow.current = follower;
  }, [follower]);
  const save = useCallback(
    async (changes: Record<string, unknown>) => {
      const paths = Object.keys(changes);
      const { doc, conflicted } = await cmc.savePlanOnBase(planId, changes, follow.current?.baseOf(paths));
      follow.current?.saved(doc, paths, conflicted);
      return doc;
    },
    [cmc, planId],
  );
  const { change, flush, isPending } = useDebouncedSave(save);
  return useMemo(
    () => ({ change: (path: string, value: unknown) => change({ [path]: value }), flush, isPending }),
    [change, flush, isPending],
  );
}
