/**
 * The KCDB taxonomy as this computer knows it: the reference data shipped with the app
 * (resources/reference/kcdb-areas.json, inferred names marked) with the secretariat's
 * corrections from the library applied.
 */
import { useMemo } from 'react';
import { applyCorrections, referenceTaxonomy, type TaxonomyArea } from '@shared/cmc/taxonomy';
import kcdbFile from '../../../../resources/reference/kcdb-areas.json';
import { useTaxonomyCorrections } from '../../data/cmc-hooks';

export const REFERENCE_TAXONOMY = referenceTaxonomy(kcdbFile);
/** When and from what the reference was compiled, for the taxonomy screen. */
export const REFERENCE_SOURCE = { compiled: kcdbFile.compiled, summary: kcdbFile.source.summary };

export function useTaxonomy(): TaxonomyArea[] {
  const { corrections } = useTaxonomyCorrections();
  return useMemo(() => applyCorrections(REFERENCE_TAXONOMY, corrections), [corrections]);
}

/** "Mass and Related Quantities (M)". */
export function areaLabel(taxonomy: readonly TaxonomyArea[], code: string): string {
  const area = taxonomy.find((a) => a.code === code);
  return area ? `${area.name} (${area.code})` : code;
}

/** Whether a branch name in an area is one nobody has verified yet. */
export function isUnverifiedBranch(taxonomy: readonly TaxonomyArea[], area: string, branch: string): boolean {
  return taxonomy.find((a) => a.code === area)?.branches.find((b) => b.name === branch)?.inferred ?? false;
}
