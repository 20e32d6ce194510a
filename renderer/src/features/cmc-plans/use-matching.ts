/**
 * What matching works from on this computer. The secretariat's computer holds every
 * institute it syncs, so it matches every institute's needs against every institute's
 * capabilities (as it would share them). An institute's computer matches its own needs
 * against the provider summaries the secretariat shares in the library.
 */
import { useMemo } from 'react';
import { capabilitiesOf, gatherInstitutes, type InstituteFacts } from '@shared/cmc/institutes';
import { rankProviders, type Capability, type Need, type ProviderMatch } from '@shared/cmc/matching';
import { capabilitiesOfSummary } from '@shared/cmc/summary';
import type { SupportType } from '@shared/cmc/milestones';
import { canonicalBranch } from '@shared/cmc/taxonomy';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useCmcPlanRows, useMatchFactsRows, useProviderSummaryRows } from '../../data/cmc-hooks';
import { planForMatching } from '../../data/cmc-rows';
import { useTaxonomy } from './use-taxonomy';

export interface MatchingData {
  loading: boolean;
  /** Every institute's facts on this computer (only the own institute's on an institute's computer). */
  institutes: Map<string, InstituteFacts>;
  capabilities: Capability[];
  /** Where the providers come from. */
  source: 'synced' | 'library';
  /** When the summaries in the library were last shared (the newest), if any. */
  sharedAt: string | undefined;
  sharedCount: number;
}

export function useMatchingData(): MatchingData {
  const { author } = useWorkspace().workspace;
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const facts = useMatchFactsRows();
  const plans = useCmcPlanRows();
  const summaries = useProviderSummaryRows();
  const taxonomy = useTaxonomy();
  return useMemo(() => {
    const all = gatherInstitutes(
      facts ?? [],
      (plans ?? []).map((row) => ({
        ...planForMatching(row),
        branch: canonicalBranch(taxonomy, row.area, row.branch),
      })),
    );
    const sharedAt = (summaries ?? [])
      .map((s) => s.updatedAt)
      .sort()
      .at(-1);
    const base = {
      loading: facts === undefined || plans === undefined || summaries === undefined,
      sharedAt,
      sharedCount: summaries?.length ?? 0,
    };
    if (isSecretariat)
      return { ...base, institutes: all, capabilities: capabilitiesOf(all.values()), source: 'synced' };
    const own = all.get(author.org);
    return {
      ...base,
      institutes: new Map(own ? [[author.org, own]] : []),
      capabilities: (summaries ?? []).filter((s) => s.org !== author.org).flatMap(capabilitiesOfSummary),
      source: 'library',
    };
  }, [facts, plans, summaries, isSecretariat, author.org, taxonomy]);
}

/**
 * Providers for a milestone's support: each kind of support ranked, and an institute's best
 * match kept, closest first.
 */
export function providersFor(
  plan: { org: string; area: string; branch: string },
  support: readonly SupportType[],
  capabilities: readonly Capability[],
  limit = 6,
): ProviderMatch[] {
  const best = new Map<string, ProviderMatch>();
  for (const type of support) {
    const need: Need = {
      org: plan.org,
      area: plan.area,
      ...(plan.branch ? { branch: plan.branch } : {}),
      type,
      source: 'plan',
    };
    for (const match of rankProviders(need, capabilities)) {
      const known = best.get(match.org);
      if (!known || known.score < match.score) best.set(match.org, match);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.org.localeCompare(b.org)).slice(0, limit);
}
