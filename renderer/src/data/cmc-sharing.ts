/**
 * "Share provider summaries": the secretariat's computer, which holds every institute it
 * syncs, writes one `capability:<org>` summary per institute to the library (published and
 * advanced plans, services, published CMCs and comparisons per area), so that every
 * institute's computer can rank providers for its own needs. Unchanged summaries are not
 * written again; an institute that no longer shows any capability gets an empty summary.
 */
import { gatherInstitutes, summaryOf, type InstituteFacts } from '@shared/cmc/institutes';
import { CmcRepository } from './cmc-repository';
import { planForMatching } from './cmc-rows';
import type { ReadModelDb } from './read-model';
import type { Workspace } from './workspace';

/** A plan's branch as the taxonomy names it now (see canonicalBranch in shared/cmc/taxonomy.ts). */
export type BranchOf = (area: string, branch: string) => string;

/** Each institute's facts as the read model holds them. */
export async function institutesOnThisComputer(
  readModel: ReadModelDb,
  branchOf: BranchOf = (_area, branch) => branch,
): Promise<Map<string, InstituteFacts>> {
  const [facts, plans] = await Promise.all([readModel.matchFacts.toArray(), readModel.cmcPlans.toArray()]);
  return gatherInstitutes(
    facts,
    plans.map((row) => ({ ...planForMatching(row), branch: branchOf(row.area, row.branch) })),
  );
}

export interface ShareResult {
  written: number;
  unchanged: number;
  institutes: number;
}

export async function shareProviderSummaries(
  workspace: Pick<Workspace, 'readModel' | 'repository' | 'libraryRepository' | 'author'>,
  options: { branchOf?: BranchOf; onProgress?: (done: number, total: number) => void } = {},
): Promise<ShareResult> {
  const { branchOf, onProgress } = options;
  const institutes = await institutesOnThisComputer(workspace.readModel, branchOf);
  const shared = await workspace.readModel.providerSummaries.toArray();
  const orgs = [...new Set([...institutes.keys(), ...shared.map((row) => row.org)])].sort();
  const cmc = new CmcRepository(workspace.repository, workspace.author);
  let written = 0;
  let unchanged = 0;
  for (const [i, org] of orgs.entries()) {
    const facts = institutes.get(org);
    const capabilities = facts ? summaryOf(facts) : [];
    const basis = { cycle: facts?.cycle ?? null, plans: facts?.plans.length ?? 0 };
    const before = shared.find((row) => row.org === org);
    const saved = await cmc.saveProviderSummary(workspace.libraryRepository, org, capabilities, basis);
    if (before && saved.updatedAt === before.updatedAt) unchanged++;
    else written++;
    onProgress?.(i + 1, orgs.length);
  }
  return { written, unchanged, institutes: orgs.length };
}
