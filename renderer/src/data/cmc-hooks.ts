/** Read-model queries of the CMC plans feature: they re-render when the followers write. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useWorkspace } from '../app/workspace-context';
import type { CmcPlanRow, MatchFactsRow, ProviderSummaryRow } from './cmc-rows';
import type { TaxonomyCorrection } from '@shared/cmc/taxonomy';

/** Every plan on this computer (on the secretariat's, every institute's), most recently changed first. */
export function useCmcPlanRows(): CmcPlanRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.cmcPlans.orderBy('updatedAt').reverse().toArray(), [readModel]);
}

export function useMatchFactsRows(): MatchFactsRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.matchFacts.toArray(), [readModel]);
}

const NO_CORRECTIONS: TaxonomyCorrection[] = [];

/** The secretariat's corrections to the taxonomy, from the library; none until it has made some. */
export function useTaxonomyCorrections(): { corrections: TaxonomyCorrection[]; loaded: boolean } {
  const { readModel } = useWorkspace().workspace;
  const rows = useLiveQuery(() => readModel.taxonomy.toArray(), [readModel]);
  return { corrections: rows?.[0]?.corrections ?? NO_CORRECTIONS, loaded: rows !== undefined };
}

export function useProviderSummaryRows(): ProviderSummaryRow[] | undefined {
  const { readModel } = useWorkspace().workspace;
  return useLiveQuery(() => readModel.providerSummaries.toArray(), [readModel]);
}
