/** Read-model queries of the funding feature: they re-render when the followers write. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useWorkspace } from '../app/workspace-context';
import type { ActivityRow, FollowupRow, FunderRow, SupportRow } from './funding-projector';

export function useFunders(): FunderRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.funders.toArray(), [readModel]);
}

export function useActivities(): ActivityRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.activities.orderBy('start').reverse().toArray(), [readModel]);
}

/** Every ledger entry on this computer (on the secretariat's, every institute's), latest first. */
export function useSupports(): SupportRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.supports.orderBy('start').reverse().toArray(), [readModel]);
}

export function useFollowups(): FollowupRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.followups.toArray(), [readModel]);
}
