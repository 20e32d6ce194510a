/** The reference lists a story is tagged with: SDGs, KCDB areas, and the DEC plan's leverage areas (LA1–LA5). */
import { LEVERAGE_AREAS, leverageLabel } from '@shared/case-studies/leverage';
import { referenceTaxonomy } from '@shared/cmc/taxonomy';
import { listSdgs } from '@shared/reference/sdgs';
import type { ExportNames } from '@shared/case-studies/export';
import kcdbFile from '../../../../resources/reference/kcdb-areas.json';
import sdgsFile from '../../../../resources/reference/sdgs.json';

export const SDGS = listSdgs(sdgsFile);
export const KCDB_AREAS = referenceTaxonomy(kcdbFile).map(({ code, name, inferred }) => ({
  code,
  name,
  inferred,
}));
export { LEVERAGE_AREAS, leverageLabel };

export function sdgLabel(number: number): string {
  const goal = SDGS.find((g) => g.number === number);
  return goal ? `SDG ${number}: ${goal.shortName}` : `SDG ${number}`;
}

export function areaLabel(code: string): string {
  const area = KCDB_AREAS.find((a) => a.code === code);
  return area ? `${area.name} (${code})` : code;
}

export function exportNames(institute: string): ExportNames {
  return { institute, sdg: sdgLabel, area: areaLabel, leverage: leverageLabel };
}
